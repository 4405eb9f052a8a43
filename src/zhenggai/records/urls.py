"""The records pages: /records/…"""

from django.urls import path

from zhenggai.records import branch_views, views

app_name = "records"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/branch/", views.set_branch, name="set_branch"),
    path("people/<int:pk>/commitments/", views.add_commitment, name="commitment_add"),
    path("commitments/<int:pk>/statements/", views.add_statement, name="statement_add"),
    path("commitments/<int:pk>/matters/", views.add_matter, name="matter_add"),
    path("branches/<int:pk>/", branch_views.branch, name="branch"),
    path("branches/<int:pk>/import/", branch_views.import_sheet, name="branch_import"),
    path(
        "branches/<int:pk>/meetings/<int:meeting_id>/delete/",
        branch_views.delete_meeting,
        name="meeting_delete",
    ),
]
