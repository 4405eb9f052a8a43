"""Reports: new versions from an upload or the browser, submit / return / approve, comments.

Every function checks who is asking and raises Refusal / Forbidden with a Chinese message;
a refused change leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.documents import DocumentError, SourceDocument, read_bytes, read_text
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import User
from zhenggai.reviews.access import can_comment, can_decide, is_author, takes_part
from zhenggai.reviews.analysis import analyse
from zhenggai.reviews.models import Comment, Report, ReportState, ReportVersion
from zhenggai.reviews.tasks import index_version

#: A report is a few pages; larger files are refused before they are read.
REPORT_MAX_BYTES = 10 * 1024 * 1024
REPORT_MAX_CHARS = 200_000
#: What an upload may be: what the engine reads (.doc, .wps, .odt and .rtf through LibreOffice).
REPORT_EXTENSIONS = (".docx", ".txt", ".pdf", ".doc", ".wps", ".odt", ".rtf")
COMMENT_MAX_CHARS = 2000

#: The moves the review allows: state → {action: new state}.
TRANSITIONS: dict[str, dict[str, str]] = {
    ReportState.DRAFT: {"submit": ReportState.SUBMITTED},
    ReportState.RETURNED: {"submit": ReportState.SUBMITTED},
    ReportState.SUBMITTED: {"return": ReportState.RETURNED, "approve": ReportState.APPROVED},
    ReportState.APPROVED: {},
}


def report_for(user: User, meeting: Meeting) -> Report:
    """The user's own report for the meeting, created when he first opens it."""
    if not takes_part(user, meeting):
        raise Forbidden("您不是该会议的参会人员，无需提交对照检查材料")
    report, _ = Report.objects.get_or_create(meeting=meeting, author=user)
    return report


def read_upload(name: str, data: bytes) -> SourceDocument:
    """The uploaded report as the engine reads it; anything unreadable is refused in Chinese."""
    if Path(name).suffix.lower() not in REPORT_EXTENSIONS:
        raise Refusal(
            f"“{name}”不是可以读取的文件（.docx、.doc、.wps、.odt、.rtf、.pdf 或 .txt），请另存为 .docx 后再上传。"
        )
    if len(data) > REPORT_MAX_BYTES:
        raise Refusal(f"文件“{name}”过大，上限为 {REPORT_MAX_BYTES // 1048576} MB。")
    if not data:
        raise Refusal(f"文件“{name}”是空的，请检查后重新上传。")
    try:
        document = read_bytes(name, data)
    except DocumentError as exc:
        raise Refusal(exc.message) from None
    if not document.paragraphs:
        raise Refusal(f"文件“{name}”中没有读到文字，请检查后重新上传。")
    return document


def read_written(text: str) -> SourceDocument:
    """A report written in the browser, as the engine reads it; Refusal when empty or too long."""
    text = text.strip()
    if not text:
        raise Refusal("正文不能为空")
    if len(text) > REPORT_MAX_CHARS:
        raise Refusal(f"正文过长（上限 {REPORT_MAX_CHARS} 字）")
    return read_text(text, name="在线撰写")


def add_version(
    actor: User, report: Report, document: SourceDocument, *, file_name: str = "", data: bytes = b""
) -> ReportVersion:
    """A new version of the author's report; only while it is a draft or returned.

    The checks run before the report's row is locked: on SQLite the lock is the whole database's,
    and every other writer would wait for them.
    """
    text = "\n".join(p.text for p in document.paragraphs)
    version = ReportVersion(
        report=report,
        text=text,
        file_name=file_name[:200],
        file_data=data,
        sha256=hashlib.sha256(data or text.encode()).hexdigest(),
        created_by=actor,
    )
    # 查重 (ZG801, ZG802) is the worker's, after indexing: it adds their counts (analysis.check_copied).
    counts = analyse(report.meeting, version).counts()
    version.errors, version.warnings, version.infos = counts["error"], counts["warning"], counts["info"]
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("meeting").get(pk=report.pk)
        if not is_author(actor, report):
            raise Forbidden("只有撰写人本人可以修改这份材料")
        if not report.is_editable:
            raise Refusal(f"材料{report.get_state_display()}，不能再修改")
        last = report.versions.order_by("-number").first()
        if last is not None and last.text == text and not data:
            raise Refusal("内容与上一版相同，未保存新版本")
        version.report, version.number = report, (last.number if last else 0) + 1
        version.save()
        report.save(update_fields=["updated_at"])
        # Indexed for 查重 by the worker once the version is committed.
        transaction.on_commit(partial(index_version.enqueue, version.pk))
    return version


def _move(report: Report, action: str) -> Report:
    new = TRANSITIONS[report.state].get(action)
    if new is None:
        labels = {"submit": "提交", "return": "退回", "approve": "通过"}
        raise Refusal(f"材料{report.get_state_display()}，不能{labels[action]}")
    report.state = new
    return report


@transaction.atomic
def submit(actor: User, report: Report) -> Report:
    """Submit the author's report for review (a draft or a returned one), stamped with the time; its
    latest version becomes the one the secretary, office and reviewers read (`shared_number`).

    One transaction on the locked row. Raises Forbidden unless the actor wrote it; Refusal before
    its first version, or when it is submitted or approved already.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not is_author(actor, report):
        raise Forbidden("只有撰写人本人可以提交这份材料")
    latest = report.versions.order_by("-number").first()
    if latest is None:
        raise Refusal("请先上传或撰写材料，再提交审核")
    _move(report, "submit")
    report.submitted_at = timezone.now()
    report.shared_number = latest.number
    report.save()
    return report


@transaction.atomic
def return_report(actor: User, report: Report, reason: str = "") -> Report:
    """退回: the office sends the report back, with a reason or comments on the submitted version."""
    report = Report.objects.select_for_update().select_related("meeting__organisation").get(pk=report.pk)
    if not can_decide(actor, report):
        raise Forbidden(_not_deciding(actor, report, "退回"))
    _move(report, "return")
    latest = report.versions.order_by("-number").first()
    if not reason.strip() and not (latest and latest.comments.exists()):
        raise Refusal("退回时请填写退回意见，或先在段落上添加审核意见")
    report.return_reason = reason.strip()
    report.decided_at, report.decided_by = timezone.now(), actor
    report.save()
    return report


@transaction.atomic
def approve(actor: User, report: Report) -> Report:
    """通过: the secretary or office approves a submitted report, for good; one transaction on the locked row.

    Raises Forbidden for anyone else and for the author himself; Refusal unless it is submitted.
    """
    report = Report.objects.select_for_update().select_related("meeting__organisation").get(pk=report.pk)
    if not can_decide(actor, report):
        raise Forbidden(_not_deciding(actor, report, "审核通过"))
    _move(report, "approve")
    report.decided_at, report.decided_by = timezone.now(), actor
    report.save()
    return report


def _not_deciding(actor: User, report: Report, action: str) -> str:
    if is_author(actor, report):
        return f"不能{action}本人的材料，请由其他书记或办公室人员审核"
    return f"只有书记或办公室可以{action}材料"


@transaction.atomic
def add_comment(actor: User, report: Report, version: ReportVersion, line: int, text: str) -> Comment:
    """A review comment on paragraph `line` of a submitted `version`; one transaction on the locked report.

    Raises Forbidden unless the actor may comment (see access.can_comment); Refusal for a version of
    another report or one saved after the last submission, an empty or too long text, or a paragraph
    the version does not have.
    """
    report = Report.objects.select_for_update().select_related("meeting__organisation").get(pk=report.pk)
    if not can_comment(actor, report):
        raise Forbidden("只有审核人、书记或办公室可以对他人的材料提出审核意见")
    if version.report_id != report.pk or version.number > report.shared_number:
        raise Refusal("版本不属于这份材料")
    text = text.strip()
    if not text:
        raise Refusal("审核意见不能为空")
    if len(text) > COMMENT_MAX_CHARS:
        raise Refusal(f"审核意见过长（上限 {COMMENT_MAX_CHARS} 字）")
    if not 1 <= line <= len(version.paragraphs):
        raise Refusal("请选择要提意见的段落")
    return Comment.objects.create(report=report, version=version, line=line, text=text, author=actor)
