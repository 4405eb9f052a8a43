"""Creating and changing sources of problems (meetings, inspections)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zhenggai.core.errors import Refusal
from zhenggai.ledger.audit import AuditAction, snapshot
from zhenggai.ledger.models import MEETING_KINDS, Source, SourceKind
from zhenggai.ledger.services.common import audit, must_manage
from zhenggai.orgs.models import User


def _check_source(source: Source) -> None:
    if source.kind not in SourceKind.values:
        raise Refusal("问题来源的类型无效")
    if source.kind in MEETING_KINDS and not source.year:
        raise Refusal("会议类问题来源必须填写年度")
    if source.kind not in MEETING_KINDS and not source.inspecting_body.strip():
        raise Refusal("巡视、巡察、审计、督查类问题来源必须填写检查机构")
    if not source.title.strip():
        label = SourceKind(source.kind).label
        source.title = (
            f"{source.year}年度{source.theme or ''}{label}"
            if source.kind in MEETING_KINDS
            else f"{source.inspecting_body}{label}反馈意见"
        )


@transaction.atomic
def create_source(actor: User, **fields: Any) -> Source:
    """A new source of problems made from `fields`, created by the actor; one transaction, audited.

    Raises Forbidden unless the actor manages its organisation; Refusal for an unknown kind, a meeting
    without a year, or an examination without an inspecting body. An empty title is made from year,
    theme and kind (meetings) or from the body and kind (巡视, 巡察 …).
    """
    source = Source(created_by=actor, **fields)
    must_manage(actor, source.organisation)
    _check_source(source)
    source.save()
    audit(actor, AuditAction.CREATE, source, "新增问题来源", None, snapshot(source))
    return source


@transaction.atomic
def update_source(actor: User, source: Source, **fields: Any) -> Source:
    """Change any fields of a source; one transaction, audited.

    The actor must manage its organisation both before and after the change (Forbidden); the rules of
    create_source() apply, and an emptied title is made again.
    """
    must_manage(actor, source.organisation)
    before = snapshot(source)
    for name, value in fields.items():
        setattr(source, name, value)
    must_manage(actor, source.organisation)
    _check_source(source)
    source.save()
    audit(actor, AuditAction.CHANGE, source, "修改问题来源", before, snapshot(source))
    return source
