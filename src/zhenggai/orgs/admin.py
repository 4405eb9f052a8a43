"""Django admin for the operator (users manage organisations and roles on their own pages)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from zhenggai.orgs.models import Membership, Organisation, User


@admin.register(User)
class PersonAdmin(UserAdmin):
    list_display = ("username", "display_name", "is_active", "is_staff")
    fieldsets = (*UserAdmin.fieldsets, ("姓名", {"fields": ("display_name",)}))  # type: ignore[misc]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("indented_name", "path")
    readonly_fields = ("path", "depth")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # The path follows the parent; moving organisations goes through the pages, not here.
        return obj is None


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("role",)
