"""URLs of the meeting pages and of the public collection page."""

from django.urls import path

from zhenggai.meetings.views import meetings, opinions, public, talks

app_name = "meetings"

urlpatterns = [
    path("", meetings.index, name="index"),
    path("new/", meetings.create, name="create"),
    path("<int:pk>/", meetings.detail, name="detail"),
    path("<int:pk>/edit/", meetings.edit, name="edit"),
    path("<int:pk>/notice/", meetings.notice, name="notice"),
    path("<int:pk>/notice/file/", meetings.notice_file, name="notice_file"),
    path("<int:pk>/aspects/", meetings.aspects, name="aspects"),
    path("<int:pk>/opinions/", opinions.index, name="opinions"),
    path("<int:pk>/opinions/links/", opinions.create_link, name="link_create"),
    path("<int:pk>/opinions/links/<int:link_id>/", opinions.link_qr, name="link_qr"),
    path("<int:pk>/opinions/links/<int:link_id>/close/", opinions.close_link, name="link_close"),
    path("<int:pk>/opinions/merge/", opinions.merge, name="opinion_merge"),
    path("<int:pk>/opinions/batch/", opinions.set_batch, name="opinion_batch"),
    path("<int:pk>/opinions/unanswered/", opinions.unanswered, name="unanswered"),
    path("<int:pk>/opinions/<uuid:opinion_id>/sort/", opinions.sort, name="opinion_sort"),
    path("<int:pk>/opinions/<uuid:opinion_id>/unmerge/", opinions.unmerge, name="opinion_unmerge"),
    path("<int:pk>/opinions/<uuid:opinion_id>/decide/", opinions.decide, name="opinion_decide"),
    path("<int:pk>/talks/", talks.index, name="talks"),
    path("<int:pk>/talks/<int:talk_id>/delete/", talks.delete, name="talk_delete"),
    path("o/<str:token>/", public.collect, name="collect"),
]
