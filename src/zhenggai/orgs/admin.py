"""Django admin for the operator (users manage organisations and roles on their own pages)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from zhenggai.orgs.models import Membership, Organisation, User


@admin.register(User)
class PersonAdmin(UserAdmin[User]):
    """People, with the name every page shows."""

    list_display = ("username", "display_name", "is_active", "is_staff")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("姓名", {"fields": ("display_name",)}))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    """Organisations: created here, never moved (the path follows the parent)."""

    list_display = ("indented_name", "path")
    readonly_fields = ("path", "depth")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """The list only: no existing organisation may be edited here (its path is set once, at creation)."""
        # The path follows the parent; moving organisations goes through the pages, not here.
        return obj is None


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    """Roles of people in organisations."""

    list_display = ("user", "organisation", "role")
    list_filter = ("role",)
