"""Members' reports with their versions and review comments, criticisms, the record, ledger imports.

Rules live in `services.py`, `record.py` and `into_ledger.py`; these classes only hold data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhenggai.ledger.models import Problem, Source
from zhenggai.meetings.models import Meeting, Opinion
from zhenggai.orgs.models import Organisation


class ReportState(models.TextChoices):
    """Where a report is in its review: 草稿 (the author's alone), 已提交, 已退回 (editable again), 已通过."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已通过"


class Report(models.Model):
    """One member's report (对照检查材料) for one meeting, with its review state."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="reports"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="撰写人", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField("状态", max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_reason = models.TextField("退回意见", blank=True)
    #: The number of the version last submitted: others read versions up to it and no further, so what
    #: the author saves after a return stays his own until he submits again (0: never submitted).
    shared_number = models.PositiveIntegerField("已提交的版本", default=0)
    #: The version whose problems and measures went into the ledger (at most once).
    imported_version = models.ForeignKey(
        "ReportVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField("录入台账时间", null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        """Named 对照检查材料; one report per participant per meeting."""

        verbose_name = "对照检查材料"
        verbose_name_plural = "对照检查材料"
        ordering = ("meeting_id", "id")
        constraints = (models.UniqueConstraint(fields=["meeting", "author"], name="one_report_per_member"),)

    def __str__(self) -> str:
        return f"{self.author}的对照检查材料"

    @property
    def is_editable(self) -> bool:
        """True while the author may save new versions: a draft, or a returned report."""
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)


class ReportVersion(models.Model):
    """One upload or save: the text as the engine read it (one paragraph a line) and the original file."""

    report = models.ForeignKey(Report, verbose_name="材料", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    text = models.TextField("正文")
    file_name = models.CharField("文件名", max_length=200, blank=True)
    #: The file as uploaded (empty when written in the browser), in the database like the notice.
    file_data = models.BinaryField("原件", blank=True, default=b"", editable=False)
    sha256 = models.CharField(max_length=64)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    infos = models.PositiveIntegerField("提示", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 材料版本; in version order; a number is used once per report."""

        verbose_name = "材料版本"
        verbose_name_plural = "材料版本"
        ordering = ("report_id", "number")
        constraints = (models.UniqueConstraint(fields=["report", "number"], name="one_number_per_version"),)

    def __str__(self) -> str:
        return f"第{self.number}版"

    @property
    def paragraphs(self) -> list[str]:
        """The version's paragraphs, one a line as stored (empty for no text); comments and findings point
        at them by line, counted from 1.
        """
        return self.text.split("\n") if self.text else []


class Comment(models.Model):
    """A reviewer's comment anchored to one paragraph (line) of one version."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="comments")
    line = models.PositiveIntegerField("段落")
    text = models.TextField("审核意见")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 审核意见; by version, then paragraph."""

        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ("version_id", "line", "id")

    def __str__(self) -> str:
        return self.text[:40]


class Criticism(models.Model):
    """A criticism (批评意见) one person made of a member at the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="criticisms")
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="被批评人", on_delete=models.PROTECT, related_name="+"
    )
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提出人", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("批评意见")
    #: The ledger problem made from it (set once: adding it twice is refused).
    problem = models.ForeignKey(Problem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 批评意见; by meeting, then by the person criticised."""

        verbose_name = "批评意见"
        verbose_name_plural = "批评意见"
        ordering = ("meeting_id", "target_id", "id")

    def __str__(self) -> str:
        return self.text[:40]


class Record(models.Model):
    """The meeting record's free text: the team's conclusions (会议结论)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="record")
    conclusions = models.TextField("会议结论", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        """Named 会议记录; one per meeting."""

        verbose_name = "会议记录"
        verbose_name_plural = "会议记录"


class OpinionImport(models.Model):
    """An unanswered opinion added to the ledger as a problem (once)."""

    opinion = models.OneToOneField(Opinion, on_delete=models.CASCADE, related_name="+")
    problem = models.ForeignKey(Problem, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class FeedbackImport(models.Model):
    """Inspection feedback read into the ledger: the same text twice for one source is refused."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    sha256 = models.CharField(max_length=64)
    name = models.CharField("文件名", max_length=200, blank=True)
    problems = models.PositiveIntegerField("问题数", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """The same feedback text (by its sha256) is recorded at most once per source."""

        constraints = (models.UniqueConstraint(fields=["source", "sha256"], name="one_import_per_feedback"),)


class ReferenceText(models.Model):
    """A template (参考范文) the office uploads to 查重 against: a text circulating on the web, say.

    Kept per organisation; the same text (by its sha256) once per organisation.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField("文件名", max_length=200)
    text = models.TextField("正文")
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 参考范文; one per text and organisation."""

        verbose_name = "参考范文"
        verbose_name_plural = "参考范文"
        ordering = ("name", "pk")
        constraints = (
            models.UniqueConstraint(fields=["organisation", "sha256"], name="one_reference_per_text"),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def paragraphs(self) -> list[str]:
        """The text's paragraphs, one a line as stored."""
        return self.text.split("\n") if self.text else []


class IndexedText(models.Model):
    """A text in the 查重 index: a report version or a reference text, with its band keys (IndexKey).

    The index lives in the database so that every app server and worker reads the same one.
    """

    version = models.OneToOneField(
        ReportVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="indexed"
    )
    reference = models.OneToOneField(
        ReferenceText, null=True, blank=True, on_delete=models.CASCADE, related_name="indexed"
    )
    #: Sentences signed (those with enough comparable shingles).
    sentences = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)


class IndexKey(models.Model):
    """One LSH band key (band mixed in, zhenggai.documents.similarity.index.text_keys) of an indexed text.

    The covering index (key, text) answers a query from the index alone.
    """

    id = models.BigAutoField(primary_key=True)
    text = models.ForeignKey(IndexedText, on_delete=models.CASCADE, related_name="keys")
    key = models.BigIntegerField()

    class Meta:
        """Searched by key, returning the text."""

        indexes = (models.Index(fields=["key", "text"], name="indexkey_key_text"),)


class CopyCheck(models.Model):
    """ZG801 and ZG802 of a report version, found once and kept (reviews/similar.py).

    The worker that indexes a version finds them; a page that finds them missing or out of date
    finds them there and then. `basis` fingerprints what they were found against (the other
    reports' versions, the notice, the aspects): when it changes they are found again. Each entry
    of `findings` is one other report with what the findings say of it, worded for a reader who may
    read that report (`readable`) and for one who may not (`hidden`).
    """

    version = models.OneToOneField(ReportVersion, on_delete=models.CASCADE, related_name="copy_check")
    basis = models.CharField(max_length=64)
    findings = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)
