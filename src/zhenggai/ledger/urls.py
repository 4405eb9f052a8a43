"""URLs of the ledger pages."""

from django.urls import path

from zhenggai.ledger.views import (
    audit,
    campaign_changes,
    campaigns,
    dashboard,
    documents,
    measures,
    problems,
    sources,
    table,
    todo,
)

app_name = "ledger"

urlpatterns = [
    path("", table.index, name="index"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("todo/", todo.todo, name="todo"),
    path("audit/", audit.search, name="audit"),
    path("sources/", sources.index, name="sources"),
    path("sources/new/", sources.create, name="source_create"),
    path("sources/<int:pk>/", sources.detail, name="source"),
    path("campaigns/", campaigns.index, name="campaigns"),
    path("campaigns/new/", campaigns.create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.detail, name="campaign"),
    path("campaigns/<int:pk>/report.docx", documents.campaign_rectification, name="campaign_report"),
    path("campaigns/<int:pk>/workgroups/new/", campaigns.workgroup_create, name="workgroup_create"),
    path(
        "campaigns/<int:pk>/meetings/new/", campaigns.progress_meeting_create, name="progress_meeting_create"
    ),
    path("progress-meetings/<int:pk>/", campaigns.progress_meeting, name="progress_meeting"),
    path("campaigns/<int:pk>/edit/", campaign_changes.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/delete/", campaign_changes.campaign_delete, name="campaign_delete"),
    path("workgroups/<int:pk>/edit/", campaign_changes.workgroup_edit, name="workgroup_edit"),
    path("workgroups/<int:pk>/delete/", campaign_changes.workgroup_delete, name="workgroup_delete"),
    path(
        "progress-meetings/<int:pk>/edit/",
        campaign_changes.progress_meeting_edit,
        name="progress_meeting_edit",
    ),
    path(
        "progress-meetings/<int:pk>/delete/",
        campaign_changes.progress_meeting_delete,
        name="progress_meeting_delete",
    ),
    path(
        "progress-meetings/<int:pk>/minutes.docx",
        documents.progress_meeting_minutes,
        name="progress_meeting_minutes",
    ),
    path("progress-meetings/<int:pk>/decisions/new/", campaigns.decision_create, name="decision_create"),
    path("sources/<int:pk>/rectification.docx", documents.rectification, name="source_rectification"),
    path("sources/<int:pk>/plan.docx", documents.plan, name="source_plan"),
    path("sources/<int:source_pk>/problems/new/", problems.create, name="problem_create"),
    path("problems/<int:pk>/", problems.detail, name="problem"),
    path("problems/<int:pk>/edit/", problems.edit, name="problem_edit"),
    path("problems/<int:pk>/close/", problems.close, name="problem_close"),
    path("problems/<int:pk>/reopen/", problems.reopen, name="problem_reopen"),
    path("problems/<int:pk>/delete/", problems.delete, name="problem_delete"),
    path("problems/<int:problem_pk>/measures/new/", measures.create, name="measure_create"),
    path("measures/<int:pk>/", measures.detail, name="measure"),
    path("measures/<int:pk>/edit/", measures.edit, name="measure_edit"),
    path("measures/<int:pk>/delete/", measures.delete, name="measure_delete"),
    path("measures/<int:pk>/progress/", measures.post_progress, name="measure_progress"),
    path("measures/<int:pk>/status/", measures.change_status, name="measure_status"),
    path("measures/<int:pk>/extend/", measures.extend, name="measure_extend"),
    path("measures/<int:pk>/evidence/", measures.add_evidence, name="measure_evidence"),
    path("evidence/<int:pk>/", measures.download, name="evidence"),
    path("evidence/<int:pk>/delete/", measures.delete_evidence, name="evidence_delete"),
]
