"""The import page: upload, see the column mapping and the row-by-row report, then confirm."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from tests.documents.ledger_builders import ledger_xlsx
from tests.web.base import BaseTestCase
from tests.web.jobs import run_worker
from zhenggai.jobs.models import Job, JobState
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.import_people import PERSON_CREATED
from zhenggai.ledger.models import Measure, Problem
from zhenggai.ledger.tasks import EXPIRED
from zhenggai.orgs.models import User

URL = reverse("ledger_io:import")


def xlsx_upload(deadline="2022年3月31日", name="台账.xlsx") -> SimpleUploadedFile:
    data = ledger_xlsx(
        [[1, "2022年督查", "问题甲", "措施甲", "张委员", "办公室", deadline, "已整改", "已完成", ""]]
    )
    return SimpleUploadedFile(
        name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


class ImportPageTestCase(BaseTestCase):
    def check(self, **data):
        return self.client.post(URL, {"organisation": self.team.pk, "file": xlsx_upload(), **data})

    def test_the_secretary_sees_the_form(self):
        self.login(self.secretary)
        r = self.client.get(URL)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "导入整改台账")
        self.assertContains(r, "机关党组")

    def test_check_shows_the_mapping_and_report_and_stores_nothing(self):
        self.login(self.secretary)
        with self.changes() as found:
            r = self.check()
        # Only the checked file, waiting for the confirmation.
        self.assertEqual(found, [f"file imports/{r.context['token']}.xlsx added"])
        self.assertContains(r, "检查结果：可以导入")
        self.assertContains(r, "<td>整改时限</td><td>整改时限</td>", html=False)
        self.assertContains(r, "第3行“佐证材料”列：标为已完成，但没有佐证材料")
        self.assertContains(r, "确认导入")

    def test_confirm_stores_everything(self):
        self.login(self.secretary)
        token = self.check().context["token"]
        r = self.client.post(URL, {"organisation": self.team.pk, "token": token}, follow=True)
        self.assertContains(r, "等待后台任务进程处理")  # the job's page, with its progress bar
        run_worker()
        measure = Measure.objects.get(text="措施甲")
        self.assertTrue(measure.done_without_evidence)
        self.assertEqual(list((self.data_dir / "imports").iterdir()), [])  # the checked file is gone
        # the same confirmation cannot store twice
        self.assertRefused(
            lambda: self.client.post(URL, {"organisation": self.team.pk, "token": token}),
            400,
            "导入已过期或已完成，请重新上传文件",
        )

    def test_a_refused_file_shows_the_row_and_column_and_no_confirm(self):
        self.login(self.secretary)
        r = self.assertRefused(
            lambda: self.check(file=xlsx_upload("2022年2月30日")),
            400,
            "第3行“整改时限”列：日期“2022年2月30日”不存在。",
        )
        self.assertContains(r, "检查结果：不能导入", status_code=400)
        self.assertNotContains(r, "确认导入", status_code=400)

    def test_a_file_that_is_not_xlsx_gets_a_message(self):
        self.login(self.secretary)
        upload = SimpleUploadedFile("台账.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
        self.assertRefused(
            lambda: self.check(file=upload),
            400,
            "“台账.xls”是旧版 Excel 格式（.xls）或已加密，请在 Excel 或 WPS 中取消密码并“另存为” .xlsx 后再导入。",
        )

    def test_reviewer_and_member_may_not_import(self):
        for person in (self.reviewer, self.member):
            self.login(person)
            self.assertRefused(lambda: self.client.get(URL), 403, "只有书记或办公室人员可以导入整改台账")
            self.assertRefused(self.check, 403, "只有书记或办公室人员可以导入整改台账")

    def test_the_outsider_may_not_import_into_another_organisation(self):
        self.login(self.outsider)
        self.assertRefused(self.check, 400, "请选择导入到哪个组织")


class CreateOwnerOnThePageTestCase(BaseTestCase):
    """An owner nobody has: refused on the check, created only once the office ticks him, audited."""

    def test_the_office_ticks_the_new_person_checks_again_and_confirms(self):
        self.login(self.secretary)
        data = ledger_xlsx(
            [[1, "2022年督查", "问题甲", "措施甲", "新同志", "办公室", "2030年3月31日", "", "正在推进", ""]]
        )
        upload = SimpleUploadedFile("台账.xlsx", data)
        r = self.client.post(URL, {"organisation": self.team.pk, "file": upload})
        self.assertContains(r, "检查结果：不能导入", status_code=400)
        self.assertContains(r, "新建该人员：新同志", status_code=400)
        self.assertFalse(User.objects.filter(display_name="新同志").exists())
        token = r.context["token"]
        form = {"organisation": self.team.pk, "token": token}
        r = self.client.post(URL, {**form, "recheck": "1", "create": ["新同志"]})
        self.assertContains(r, "检查结果：可以导入")
        self.assertContains(r, "确认导入时将新建人员：新同志")
        self.assertFalse(User.objects.filter(display_name="新同志").exists())  # a check creates nobody
        r = self.client.post(URL, {**form, "create": ["新同志"]}, follow=True)
        self.assertContains(r, "等待后台任务进程处理")  # stored by the background worker
        self.assertFalse(User.objects.filter(display_name="新同志").exists())
        run_worker()
        person = User.objects.get(display_name="新同志")
        self.assertEqual(Measure.objects.get(text="措施甲").owner, person)
        self.assertTrue(AuditEntry.objects.filter(summary=PERSON_CREATED, object_id=person.pk).exists())


def big_upload(rows: int = 3, deadline: str = "2030年3月31日") -> SimpleUploadedFile:
    """A file of `rows` measures (each its own problem); "large" as soon as the inline limit is below it."""
    data = ledger_xlsx(
        [
            [n, "2022年督查", f"问题{n}", f"措施{n}", "张委员", "办公室", deadline, "", "正在推进", ""]
            for n in range(1, rows + 1)
        ]
    )
    return SimpleUploadedFile("大台账.xlsx", data)


@override_settings(IMPORT_CHECK_INLINE_ROWS=2)
class BackgroundCheckTestCase(BaseTestCase):
    """A file of more rows than IMPORT_CHECK_INLINE_ROWS is checked by the worker: the job's bar, then
    the same preview and confirmation as a check in the request."""

    def upload(self, upload: SimpleUploadedFile):
        return self.client.post(URL, {"organisation": self.team.pk, "file": upload})

    def checked_page(self, response):
        """Run the worker; the job's page then opens the check's result by itself."""
        job = Job.objects.get(pk=response.url.rstrip("/").split("/")[-1])
        run_worker()
        job.refresh_from_db()
        self.assertEqual((job.state, job.follow), (JobState.DONE, True))
        status = self.client.get(reverse("jobs:status", args=[job.pk])).json()
        self.assertEqual((status["follow"], status["url"]), (True, job.url))
        page = self.client.get(job.get_absolute_url())
        self.assertRedirects(page, job.url, fetch_redirect_response=False)
        return self.client.get(job.url)

    def test_a_large_file_is_checked_in_the_background_then_confirmed(self):
        self.login(self.secretary)
        with self.changes() as found:
            r = self.upload(big_upload())
        self.assertEqual(r.status_code, 302)
        # the kept file and the queued job only: nothing checked, nothing stored yet
        kinds = sorted(line.split(":")[0].split("/")[0] for line in found)
        self.assertEqual(kinds, ["django_tasks_database_dbtaskresult", "file imports", "jobs_job"], found)
        self.assertContains(self.client.get(r.url), "等待后台任务进程处理")
        before = Measure.objects.count()
        page = self.checked_page(r)
        self.assertContains(page, "检查结果：可以导入")
        self.assertContains(page, "读取整改措施 3 条，问题 3 个")
        self.assertContains(page, '新增 <strong id="count-new">3</strong> 条', html=False)
        self.assertContains(page, "确认导入")
        self.assertEqual(Measure.objects.count(), before)  # a check stores nothing
        token = page.context["token"]
        r = self.client.post(URL, {"organisation": self.team.pk, "token": token}, follow=True)
        self.assertContains(r, "等待后台任务进程处理")
        run_worker()
        self.assertEqual(Measure.objects.count(), before + 3)
        self.assertEqual(list((self.data_dir / "imports").iterdir()), [])  # file and check both gone
        self.assertRefused(lambda: self.client.get(reverse("ledger_io:checked", args=[token])), 400, EXPIRED)

    def test_a_refused_large_file_shows_its_rows_and_keeps_nothing(self):
        self.login(self.secretary)
        r = self.upload(big_upload(deadline="2022年2月30日"))
        counts = (Measure.objects.count(), Problem.objects.count(), AuditEntry.objects.count())
        page = self.checked_page(r)
        self.assertEqual(
            (Measure.objects.count(), Problem.objects.count(), AuditEntry.objects.count()), counts
        )
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, "检查结果：不能导入", status_code=400)
        self.assertContains(page, "第3行“整改时限”列：日期“2022年2月30日”不存在。", status_code=400)
        self.assertNotContains(page, "确认导入", status_code=400)
        self.assertFalse(list((self.data_dir / "imports").glob("*.xlsx")))

    def test_the_check_is_shown_only_to_the_session_that_uploaded_it(self):
        self.login(self.secretary)
        r = self.upload(big_upload())
        run_worker()
        url = Job.objects.get().url
        self.login(self.office)  # another manager of the same organisation
        self.assertRefused(lambda: self.client.get(url), 400, EXPIRED)
        self.login(self.member)
        self.assertRefused(lambda: self.client.get(url), 403, "只有书记或办公室人员可以导入整改台账")
        self.assertTrue(r.url)

    def test_a_new_person_ticked_is_checked_again_in_the_background(self):
        self.login(self.secretary)
        data = ledger_xlsx(
            [
                [
                    n,
                    "2022年督查",
                    f"问题{n}",
                    f"措施{n}",
                    "新同志",
                    "办公室",
                    "2030年3月31日",
                    "",
                    "正在推进",
                    "",
                ]
                for n in (1, 2, 3)
            ]
        )
        page = self.checked_page(self.upload(SimpleUploadedFile("台账.xlsx", data)))
        self.assertContains(page, "新建该人员：新同志", status_code=400)
        form = {"organisation": self.team.pk, "token": page.context["token"]}
        r = self.client.post(URL, {**form, "recheck": "1", "create": ["新同志"]})
        self.assertEqual(r.status_code, 302)
        page = self.checked_page(r)
        self.assertContains(page, "确认导入时将新建人员：新同志")
        self.assertFalse(User.objects.filter(display_name="新同志").exists())
