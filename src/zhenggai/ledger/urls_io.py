"""URLs of Excel in and out (pages) and of the ledger's JSON API with its OpenAPI schema."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from zhenggai.core.login import ThrottledObtainAuthToken
from zhenggai.ledger import api, api_history, io_pages

app_name = "ledger_io"

urlpatterns = [
    path("ledger/export/", io_pages.export, name="export"),
    path("ledger/import/", io_pages.import_page, name="import"),
    path("ledger/import/checked/<str:token>/", io_pages.checked, name="checked"),
    path("api/token/", ThrottledObtainAuthToken.as_view(), name="api_token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/ledger/measures/", api.measures, name="api_measures"),
    path("api/ledger/measures/<int:pk>/", api.measure, name="api_measure"),
    path("api/ledger/measures/<int:pk>/progress/", api.progress, name="api_progress"),
    path("api/ledger/measures/<int:pk>/history/", api_history.measure_history, name="api_measure_history"),
    path("api/ledger/problems/<int:pk>/history/", api_history.problem_history, name="api_problem_history"),
]
