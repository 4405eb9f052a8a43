"""Django admin for the operator: the ledger read-only here, changes go through the pages and services."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Evidence, Measure, Problem, Progress, Source


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Shows rows and never changes them: the ledger changes only through its services."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit history, searchable by person and object."""

    list_display = ("at", "actor_name", "summary", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_repr", "summary")


@admin.register(Source)
class SourceAdmin(ReadOnlyAdmin):
    """Sources of problems."""

    list_display = ("title", "kind", "organisation", "year")


@admin.register(Problem)
class ProblemAdmin(ReadOnlyAdmin):
    """Problems."""

    list_display = ("number", "description", "source", "organisation", "closed_at")


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    """Measures."""

    list_display = ("id", "text", "owner", "status", "deadline")
    list_filter = ("status", "term")


admin.site.register(Progress, ReadOnlyAdmin)
admin.site.register(Evidence, ReadOnlyAdmin)
admin.site.site_header = "整改台账 · 运维管理"
