"""参考范文: the office uploads templates in bulk (a .zip or several files) through a background job;
the 查重 page then shows what a report shares with them as a third source, with its share."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.jobs import run_worker
from tests.web.reviews.base import ReviewTestCase
from zhenggai.jobs.models import Job, JobState
from zhenggai.reviews.models import IndexedText, ReferenceText, ReportState

URL = reverse("reviews:references")
#: A template circulating on the web, whose paragraph a member takes over.
TEMPLATE = (
    "对照检查材料\n一、存在的问题\n"
    "在担当作为方面，面对矛盾问题有时存在畏难情绪，习惯于按部就班、循规蹈矩，开拓创新的意识不强，"
    "对一些难度较大的工作推进不够有力，抓落实的韧劲还有欠缺，工作标准还停留在过得去、差不多的层面。\n"
    "二、整改措施\n勇于担当。"
)
OTHER = "对照检查材料\n一、存在的问题\n理论学习不够系统深入，联系实际不够紧密。\n二、整改措施\n加强学习。"


def zip_of(members: dict[str, bytes], *, gbk: bool = False) -> bytes:
    """A .zip with `members`; with `gbk`, names written as Chinese Windows writes them: GBK bytes
    without the UTF-8 flag (Python's zipfile would flag them UTF-8, so they are patched in after)."""
    out = io.BytesIO()
    names = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, data) in enumerate(members.items()):
            raw = name.encode("gbk")
            stand_in = str(number).rjust(len(raw), "q") if gbk else name
            names[stand_in.encode()] = raw
            archive.writestr(stand_in, data)
    data = out.getvalue()
    for stand_in, raw in names.items():
        data = data.replace(stand_in, raw)
    return data


def files(*pairs: tuple[str, bytes]) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, data) for name, data in pairs]


class ReferencesTestCase(ReviewTestCase):
    def post(self, uploads, organisation=None):
        return self.client.post(
            URL, {"organisation": organisation or self.team.pk, "files": uploads}, follow=True
        )

    def test_a_zip_is_read_member_by_member_in_the_background(self):
        self.login(self.office)
        package = zip_of(
            {
                "范文/模板一.txt": TEMPLATE.encode("gbk"),
                "范文/模板二.txt": OTHER.encode("utf-8"),
                "范文/说明.pdf": b"%PDF-1.4",
                "__MACOSX/._模板一.txt": b"\0",
            },
            gbk=True,
        )
        page = self.post(files(("范文.zip", package), ("模板三.txt", TEMPLATE.encode())))
        self.assertContains(page, "导入参考范文")  # the job's page, with its progress bar
        run_worker()
        job = Job.objects.get()
        self.assertEqual(job.state, JobState.DONE)
        self.assertEqual(job.message, "已导入参考范文 2 份，1 份与已有范文相同未重复导入，2 个文件已跳过。")
        self.assertEqual(
            job.details,
            [
                "范文.zip/范文/说明.pdf：不是 .txt 或 .docx 文件，已跳过",
                "范文.zip/__MACOSX/._模板一.txt：隐藏文件或系统文件，已跳过",
            ],
        )
        self.assertEqual(
            sorted(ReferenceText.objects.values_list("name", flat=True)),
            ["范文.zip/范文/模板一.txt", "范文.zip/范文/模板二.txt"],
        )
        self.assertEqual(IndexedText.objects.filter(reference__isnull=False).count(), 2)
        self.assertEqual(list((self.data_dir / "references").iterdir()), [])  # the upload is gone
        self.assertContains(self.client.get(URL), "范文.zip/范文/模板一.txt")

    def test_the_similar_page_shows_the_template_as_a_third_source(self):
        self.login(self.office)
        self.post(files(("模板.txt", TEMPLATE.encode())))
        run_worker()
        report = self.report_of(
            self.member, text=TEMPLATE.replace("勇于担当。", "改进作风。"), state=ReportState.SUBMITTED
        )
        page = self.client.get(reverse("reviews:similar", args=[report.pk]))
        self.assertContains(page, "参考范文：模板.txt")
        self.assertContains(page, "<td>参考范文</td><td>1 份</td>", html=False)
        self.assertContains(page, "面对矛盾问题有时存在畏难情绪")

    def test_a_zip_bomb_is_skipped_with_a_message(self):
        self.login(self.office)
        bomb = zip_of({"a.txt": b"0" * (4 * 1024 * 1024)})
        self.post(files(("炸弹.zip", bomb)))
        run_worker()
        job = Job.objects.get()
        self.assertEqual(job.message, "已导入参考范文 0 份，1 个文件已跳过。")
        self.assertIn("炸弹.zip", job.details[0])
        self.assertFalse(ReferenceText.objects.exists())

    def test_refusals_change_nothing(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(URL, {"organisation": self.team.pk}),
            400,
            "请选择要上传的参考范文（.zip，或若干 .txt、.docx 文件）",
        )
        self.assertRefused(
            lambda: self.client.post(URL, {"organisation": self.team.pk, "files": files(("a.exe", b"MZ"))}),
            400,
            "“a.exe”不是 .zip、.txt 或 .docx 文件",
        )
        self.assertRefused(
            lambda: self.client.post(
                URL, {"organisation": self.other_team.pk, "files": files(("a.txt", b"x"))}
            ),
            400,
            "请选择参考范文所属的组织",
        )

    def test_members_may_not(self):
        self.login(self.member)
        self.assertRefused(lambda: self.client.get(URL), 403, "只有书记或办公室人员可以管理参考范文")
