"""URLs of the organisation and people pages."""

from django.urls import path

from zhenggai.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.index, name="index"),
    path("organisations/new/", views.create_organisation, name="organisation_create"),
    path("people/new/", views.create_person, name="person_create"),
    path("roles/", views.set_role, name="role_set"),
    path("roles/<int:pk>/delete/", views.remove_role, name="role_remove"),
]
