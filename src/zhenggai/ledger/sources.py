"""Creating and changing sources of problems (meetings, inspections)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zhenggai.core.errors import Refusal
from zhenggai.ledger.audit import AuditAction, snapshot
from zhenggai.ledger.models import MEETING_KINDS, Source, SourceKind
from zhenggai.ledger.services.common import audit, lock_source, must_manage, save_changes
from zhenggai.ledger.versions import check_version
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


#: What a source's change may touch. Kind and organisation stay as created: a meeting's source follows
#: its meeting's kind, and a source moved to another organisation would leave its problems behind.
SOURCE_FIELDS = {"title", "year", "theme", "inspecting_body", "feedback_date"}


@transaction.atomic
def update_source(actor: User, source: Source, *, version: int | None = None, **fields: Any) -> Source:
    """Change a source's SOURCE_FIELDS on the freshly locked row; only changed fields are saved, audited,
    and the version raised. The rules of create_source() apply, and an emptied title is made again.

    Raises Forbidden unless the actor manages its organisation; Conflict (409) when `version` is not
    the current one; Refusal for any other field or when a rule says no.
    """
    source = lock_source(source.pk)
    must_manage(actor, source.organisation)
    check_version(source, version)
    unknown = set(fields) - SOURCE_FIELDS
    if unknown:
        raise Refusal(f"不能修改问题来源的这些字段：{'、'.join(sorted(unknown))}")
    before = snapshot(source)
    for name, value in fields.items():
        setattr(source, name, value.strip() if isinstance(value, str) else value)
    _check_source(source)
    save_changes(actor, source, before, "修改问题来源")
    return source
