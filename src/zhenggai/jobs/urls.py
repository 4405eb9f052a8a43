"""URLs of a background job's page and of its status."""

from django.urls import path

from zhenggai.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<uuid:pk>/", views.job_page, name="job"),
    path("<uuid:pk>/status/", views.job_status, name="status"),
]
