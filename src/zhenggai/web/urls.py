"""URLs of the whole site."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from zhenggai.orgs.views import setup
from zhenggai.web import userguide

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("setup/", setup, name="setup"),
    path("help/", userguide.index, name="help"),
    path("help/<slug:slug>/", userguide.page, name="help_page"),
    path("orgs/", include("zhenggai.orgs.urls")),
    path("reviews/", include("zhenggai.reviews.urls")),
    path("meetings/", include("zhenggai.meetings.urls")),
    path("records/", include("zhenggai.records.urls")),
    path("notify/", include("zhenggai.notify.urls")),
    path("jobs/", include("zhenggai.jobs.urls")),
    path("admin/", admin.site.urls),
    path("", include("zhenggai.ledger.urls_io")),
    path("", include("zhenggai.ledger.urls")),
]

handler400 = "zhenggai.web.views.bad_request"
handler403 = "zhenggai.web.views.forbidden"
handler404 = "zhenggai.web.views.not_found"
handler500 = "zhenggai.web.views.server_error"
