"""Organisations as a materialised-path tree, people, and roles per organisation."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who logs in; `display_name` is what every page shows (e.g. 张三)."""

    display_name = models.CharField("姓名", max_length=50, blank=True)

    class Meta:
        """Named 人员 wherever Django shows the model."""

        verbose_name = "人员"
        verbose_name_plural = "人员"

    def __str__(self) -> str:
        return self.display_name or self.username


class Organisation(models.Model):
    """One node of the tree 市委 → 机关党组 → 支部 …; `path` makes subtree queries one index range.

    `path` is the ids from the root down, each zero-padded and followed by "/", e.g. "000001/000007/".
    The subtree of an organisation is every row whose path starts with its path.
    """

    name = models.CharField("名称", max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级组织",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 组织; listed in tree order (by path), each organisation just before those below it."""

        verbose_name = "组织"
        verbose_name_plural = "组织"
        ordering = ("path",)

    def __str__(self) -> str:
        return self.name

    SEGMENT = 6

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save; a new organisation is inserted first, then given `path` and `depth` from its new id.

        Later saves leave `path` and `depth` as they are: changing `parent` does not move the organisation.
        """
        if not self.pk:
            # The path needs the id: insert with a unique placeholder, then fill it in.
            import uuid

            self.path = f"new-{uuid.uuid4().hex}"
            super().save(*args, **kwargs)
            self._set_path()
            Organisation.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
            return
        super().save(*args, **kwargs)

    def _set_path(self) -> None:
        own = f"{self.pk:0{self.SEGMENT}d}/"
        self.path = (self.parent.path if self.parent else "") + own
        self.depth = self.path.count("/") - 1

    def subtree(self) -> models.QuerySet[Organisation]:
        """This organisation and every one below it."""
        return Organisation.objects.filter(path__startswith=self.path)

    def ancestors(self) -> models.QuerySet[Organisation]:
        """The organisations above this one, root first (not including itself)."""
        parts = self.path.split("/")[:-2]
        paths = ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
        return Organisation.objects.filter(path__in=paths).order_by("depth")

    def is_within(self, other: Organisation) -> bool:
        """True when this organisation is `other` or below it."""
        return self.path.startswith(other.path)

    @property
    def indented_name(self) -> str:
        """The name after a full-width space per level of depth, so a flat list of choices shows the tree."""
        return "　" * self.depth + self.name


class Role(models.TextChoices):
    """A person's role in one organisation; it holds there and in every organisation below it.

    Secretary (书记) and office (办公室) manage; a reviewer (审核人) reads everything and changes nothing;
    a member (班子成员) sees his own measures, his own report and the opinions routed to him.
    """

    SECRETARY = "secretary", "书记"
    OFFICE = "office", "办公室"
    MEMBER = "member", "班子成员"
    REVIEWER = "reviewer", "审核人"


#: Roles with full rights in the organisation and every organisation below it.
MANAGING_ROLES = (Role.SECRETARY, Role.OFFICE)
#: Roles that read everything in the organisation and below.
READING_ROLES = (Role.SECRETARY, Role.OFFICE, Role.REVIEWER)


class Membership(models.Model):
    """A person's role in one organisation."""

    user = models.ForeignKey(User, verbose_name="人员", on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, verbose_name="组织", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 角色; a person holds at most one role per organisation."""

        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = (
            models.UniqueConstraint(fields=["user", "organisation"], name="one_role_per_organisation"),
        )

    def __str__(self) -> str:
        return f"{self.user}（{self.organisation} {self.get_role_display()}）"
