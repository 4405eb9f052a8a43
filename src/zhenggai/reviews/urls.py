"""URLs of the review pages (under /reviews/)."""

from django.urls import path

from zhenggai.reviews.views import documents, ledger, record, reports, similar

app_name = "reviews"

urlpatterns = [
    path("", reports.index, name="index"),
    path("meetings/<int:pk>/", reports.board, name="board"),
    path("meetings/<int:pk>/mine/", reports.mine, name="mine"),
    path("meetings/<int:pk>/record/", record.record, name="record"),
    path("meetings/<int:pk>/record/criticisms/", record.add_criticism, name="criticism_add"),
    path(
        "meetings/<int:pk>/record/criticisms/<int:criticism_pk>/delete/",
        record.delete_criticism,
        name="criticism_delete",
    ),
    path("meetings/<int:pk>/record/conclusions/", record.conclusions, name="conclusions"),
    path("meetings/<int:pk>/record/ledger/", ledger.record_ledger, name="record_ledger"),
    path("meetings/<int:pk>/record/report.docx", documents.meeting_report_docx, name="meeting_report"),
    path("meetings/<int:pk>/record/previous.docx", documents.previous_docx, name="previous"),
    path("reports/<int:pk>/", reports.detail, name="report"),
    path("reports/<int:pk>/similar/", similar.similar, name="similar"),
    path("reports/<int:pk>/upload/", reports.upload, name="upload"),
    path("reports/<int:pk>/write/", reports.write, name="write"),
    path("reports/<int:pk>/submit/", reports.submit, name="submit"),
    path("reports/<int:pk>/return/", reports.return_report, name="return"),
    path("reports/<int:pk>/approve/", reports.approve, name="approve"),
    path("reports/<int:pk>/comment/", reports.comment, name="comment"),
    path("reports/<int:pk>/compare/", reports.compare, name="compare"),
    path("reports/<int:pk>/versions/<int:number>/file/", reports.download, name="download"),
    path("reports/<int:pk>/ledger/", ledger.report_ledger, name="report_ledger"),
    path("reports/<int:pk>/report.docx", documents.report_docx, name="report_docx"),
    path("references/", similar.references, name="references"),
    path("references/<int:pk>/delete/", similar.reference_delete, name="reference_delete"),
    path("sources/<int:pk>/feedback/", ledger.feedback, name="feedback"),
]
