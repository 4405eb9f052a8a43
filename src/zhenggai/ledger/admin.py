"""Django admin for the operator: the ledger read-only here, changes go through the pages and services."""

from django.contrib import admin

from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Evidence, Measure, Problem, Progress, Reminder, Source


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_name", "summary", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_repr", "summary")


@admin.register(Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "organisation", "year")


@admin.register(Problem)
class ProblemAdmin(ReadOnlyAdmin):
    list_display = ("number", "description", "source", "organisation", "closed_at")


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    list_display = ("id", "text", "owner", "status", "deadline")
    list_filter = ("status", "term")


admin.site.register(Progress, ReadOnlyAdmin)
admin.site.register(Evidence, ReadOnlyAdmin)
admin.site.register(Reminder, ReadOnlyAdmin)
admin.site.site_header = "整改台账 · 运维管理"
