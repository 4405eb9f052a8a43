"""The ledger API's histories: a measure's or a problem's audit entries, as people read them (history.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from zhenggai.ledger.access import visible_measures, visible_problems
from zhenggai.ledger.api import AUTH, PERMS
from zhenggai.ledger.api_serializers import ErrorSerializer
from zhenggai.ledger.audit import AuditEntry
from zhenggai.orgs.models import User

#: The newest entries a history returns, as on the problem and measure pages.
LIMIT = 200


class ChangeSerializer(serializers.Serializer[Any]):
    """One changed field: its Chinese label, and the value before and after as people read them."""

    field = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()


class HistoryEntrySerializer(serializers.Serializer[Any]):
    """One audit entry: when (in the configured time zone, and as 2026年3月1日 10:05), who, what, changes."""

    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    at_display = serializers.CharField()
    actor = serializers.CharField(source="actor_name")
    action = serializers.CharField(source="get_action_display")
    summary = serializers.CharField()
    object_type = serializers.CharField(source="object_label")
    object = serializers.CharField(source="object_repr")
    changes = serializers.SerializerMethodField()

    def get_changes(self, entry: AuditEntry) -> list[dict[str, str]]:
        """The entry's readable changes as {field, before, after}."""
        return [{"field": f, "before": b, "after": a} for f, b, a in entry.readable_changes()]


class HistorySerializer(serializers.Serializer[Any]):
    """A history, newest first, at most LIMIT entries."""

    results = HistoryEntrySerializer(many=True)


def _user(request: Request) -> User:
    user = request.user
    assert isinstance(user, User), "the API's permission classes let only people in"
    return user


def _history(entries: QuerySet[AuditEntry]) -> Response:
    rows = entries.order_by("-at", "-id")[:LIMIT]
    return Response({"results": HistoryEntrySerializer(rows, many=True).data})


@extend_schema(responses={200: HistorySerializer, 404: ErrorSerializer})
@api_view(["GET"])
@authentication_classes(AUTH)
@permission_classes(PERMS)
def measure_history(request: Request, pk: int) -> Response:
    """The history of a measure the user may see: its own entries and those of its progress and evidence."""
    if not visible_measures(_user(request)).filter(pk=pk).exists():
        raise NotFound("没有找到该整改措施，或您无权查看")
    return _history(AuditEntry.objects.filter(measure_id=pk))


@extend_schema(responses={200: HistorySerializer, 404: ErrorSerializer})
@api_view(["GET"])
@authentication_classes(AUTH)
@permission_classes(PERMS)
def problem_history(request: Request, pk: int) -> Response:
    """The history of a problem the user may see: its own entries and those of the measures he may see."""
    user = _user(request)
    if not visible_problems(user).filter(pk=pk).exists():
        raise NotFound("没有找到该问题，或您无权查看")
    readable = Q(measure_id__isnull=True) | Q(measure_id__in=visible_measures(user).values("pk"))
    return _history(AuditEntry.objects.filter(Q(problem_id=pk) & readable))
