"""Two people at once on the same row: the later save, based on a page the first one has changed, is
refused (409) with who changed what and when; the later person's input stays in the form.
"""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.web.base import BaseTestCase, upload
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Measure, Problem, Status, Term

AFTER = "请查看最新内容后重新保存"


def said_at(entry: AuditEntry) -> str:
    """When an entry was written, as the refusal says it: 10:32 today, 3月5日 10:32 on another day."""
    at = timezone.localtime(entry.at)
    if at.date() == timezone.localdate():
        return f"{at:%H:%M}"
    return f"{at.month}月{at.day}日 {at:%H:%M}"


class LostUpdateTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.first, self.second = Client(), Client()
        self.first.force_login(self.office)
        self.second.force_login(self.secretary)

    def changed_by(self, who: str, fields: str, row) -> str:
        """The refusal's sentence for one person's latest change of `row`."""
        entry = AuditEntry.objects.filter(object_type=row._meta.model_name, object_id=row.pk).first()
        return f"{who} 已于 {said_at(entry)} 修改了“{fields}”，{AFTER}"

    def measure_form(self, page, **over):
        """The edit form as the page filled it in (its hidden version included), changed by `over`."""
        form = page.context["form"]
        data = {name: form[name].value() for name in form.fields}
        data = {name: "" if value is None else value for name, value in data.items()}
        return {**data, "version": page.context["measure"].version, **over}


class EditMeasureAtOnceTestCase(LostUpdateTestCase):
    def test_the_second_save_is_refused_with_who_changed_what(self):
        url = reverse("ledger:measure_edit", args=[self.measure.pk])
        page_1, page_2 = self.first.get(url), self.second.get(url)
        r = self.first.post(url, self.measure_form(page_1, text="每月研读原著三篇", owner=self.colleague.pk))
        self.assertEqual(r.status_code, 302)
        message = self.changed_by("李主任", "整改措施、责任人", self.measure)
        r = self.assertRefused(
            lambda: self.second.post(url, self.measure_form(page_2, text="每月研读原著四篇")), 409, message
        )
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual(
            (measure.text, measure.owner, measure.version), ("每月研读原著三篇", self.colleague, 2)
        )
        # His input is still in the form, on top of the latest content: the owner he left alone is the
        # one 李主任 chose, and the form carries the version it now shows.
        self.assertContains(r, "每月研读原著四篇", status_code=409)
        self.assertEqual(r.context["form"]["owner"].value(), str(self.colleague.pk))
        self.assertContains(r, 'name="version" value="2"', status_code=409)
        # Saving it again changes only what he changed.
        self.assertEqual(self.second.post(url, self.measure_form(r)).status_code, 302)
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((measure.text, measure.owner), ("每月研读原著四篇", self.colleague))

    def test_after_an_extension_meanwhile_the_form_shows_the_new_deadline_and_saves(self):
        url = reverse("ledger:measure_edit", args=[self.measure.pk])
        stale = self.second.get(url)
        later = self.measure.deadline + datetime.timedelta(days=30)
        services.extend_deadline(self.office, self.measure, deadline=later, reason="待上级文件")
        r = self.assertRefused(
            lambda: self.second.post(url, self.measure_form(stale, text="每月研读原著四篇")),
            409,
            self.changed_by("李主任", "完成时限、原定时限、延期原因", self.measure),
        )
        # The deadline he did not touch is the extended one, so saving again is no attempt to change it.
        self.assertEqual(r.context["form"]["deadline"].value(), later.isoformat())
        self.assertEqual(self.second.post(url, self.measure_form(r)).status_code, 302)
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((measure.text, measure.deadline, measure.version), ("每月研读原著四篇", later, 3))

    def test_a_form_without_its_version_is_refused(self):
        url = reverse("ledger:measure_edit", args=[self.measure.pk])
        form = self.measure_form(self.first.get(url), text="改写")
        del form["version"]
        self.assertRefused(lambda: self.first.post(url, form), 400, "页面已过期，请刷新页面后重新操作")

    def test_changes_of_two_people_are_both_named(self):
        url = reverse("ledger:measure_edit", args=[self.measure.pk])
        page = Client()
        page.force_login(self.office)
        stale = page.get(url)
        services.update_measure(self.office, self.measure, text="每月研读原著三篇")
        services.change_status(self.secretary, self.measure, Status.IN_PROGRESS)
        entries = AuditEntry.objects.filter(object_type="measure", action="change").order_by("at", "id")
        message = (
            f"李主任 已于 {said_at(entries[0])} 修改了“整改措施”；"
            f"王书记 已于 {said_at(entries[1])} 修改了“状态”，{AFTER}"
        )
        self.assertRefused(lambda: page.post(url, self.measure_form(stale, text="改写")), 409, message)


class EditProblemAtOnceTestCase(LostUpdateTestCase):
    def test_the_second_save_is_refused_with_who_changed_what(self):
        url = reverse("ledger:problem_edit", args=[self.problem.pk])
        self.first.get(url)
        self.second.get(url)
        form = {"number": 1, "aspect": "学习", "category": "", "version": 1}
        self.first.post(url, {**form, "description": "学习不够深入"})
        r = self.assertRefused(
            lambda: self.second.post(url, {**form, "description": "学用结合不够"}),
            409,
            self.changed_by("李主任", "问题描述", self.problem),
        )
        self.assertContains(r, "学用结合不够", status_code=409)
        self.assertEqual(Problem.objects.get(pk=self.problem.pk).description, "学习不够深入")

    def test_the_form_shown_again_keeps_his_edits_on_the_latest_content(self):
        url = reverse("ledger:problem_edit", args=[self.problem.pk])
        form = {
            "number": 1,
            "aspect": "学习",
            "category": "",
            "description": self.problem.description,
            "version": 1,
        }
        self.first.post(url, {**form, "description": "学习不够深入"})
        r = self.second.post(url, {**form, "category": "作风"})
        self.assertEqual(r.status_code, 409)
        shown = r.context["form"]
        # The description he left alone is 李主任's; the category he typed is his.
        self.assertEqual((shown["description"].value(), shown["category"].value()), ("学习不够深入", "作风"))

    def test_saving_the_form_shown_again_keeps_both_changes(self):
        url = reverse("ledger:problem_edit", args=[self.problem.pk])
        form = {"number": 1, "aspect": "学习", "category": "", "description": self.problem.description}
        self.first.post(url, {**form, "description": "学习不够深入", "version": 1})
        r = self.second.post(url, {**form, "category": "作风", "version": 1})
        self.assertContains(r, 'name="version" value="2"', status_code=409)
        shown = r.context["form"]
        again = {name: "" if shown[name].value() is None else shown[name].value() for name in shown.fields}
        self.assertEqual(self.second.post(url, {**again, "version": 2}).status_code, 302)
        problem = Problem.objects.get(pk=self.problem.pk)
        self.assertEqual(
            (problem.description, problem.category, problem.version), ("学习不够深入", "作风", 3)
        )

    def test_deleting_from_a_stale_page_is_refused(self):
        bare = services.create_problem(self.office, source=self.source, description="新问题")
        services.update_problem(self.office, bare, aspect="作风")
        url = reverse("ledger:problem_delete", args=[bare.pk])
        self.assertRefused(
            lambda: self.second.post(url, {"version": 1}), 409, self.changed_by("李主任", "方面", bare)
        )


class MeasurePageAtOnceTestCase(LostUpdateTestCase):
    """Status, extension and progress from the measure's page, which someone changed meanwhile."""

    def post(self, client, name, **data):
        return client.post(reverse(f"ledger:{name}", args=[self.measure.pk]), {"version": 1, **data})

    def test_two_status_changes_at_once(self):
        self.post(self.first, "measure_status", status=Status.IN_PROGRESS)
        review = self.today.isoformat()
        r = self.assertRefused(
            lambda: self.post(
                self.second,
                "measure_status",
                status=Status.BLOCKED,
                blocked_reason="待上级部署",
                review_date=review,
            ),
            409,
            self.changed_by("李主任", "状态", self.measure),
        )
        self.assertContains(r, "待上级部署", status_code=409)
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, Status.IN_PROGRESS)
        # The page shown again carries the version it shows: the same choice, made again, goes through.
        self.assertContains(r, 'name="version" value="2"', status_code=409)
        again = {
            "status": Status.BLOCKED,
            "blocked_reason": "待上级部署",
            "review_date": review,
            "version": 2,
        }
        r = self.second.post(reverse("ledger:measure_status", args=[self.measure.pk]), again)
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, Status.BLOCKED)

    def test_an_extension_after_another(self):
        later = (self.measure.deadline + datetime.timedelta(days=30)).isoformat()
        self.post(self.first, "measure_extend", deadline=later, reason="待上级文件")
        even_later = (self.measure.deadline + datetime.timedelta(days=60)).isoformat()
        self.assertRefused(
            lambda: self.post(self.second, "measure_extend", deadline=even_later, reason="另有安排"),
            409,
            self.changed_by("李主任", "完成时限、原定时限、延期原因", self.measure),
        )

    def test_progress_changing_the_status_needs_the_current_version(self):
        self.post(self.first, "measure_status", status=Status.IN_PROGRESS)
        form = {
            "date": self.today.isoformat(),
            "text": "已完成",
            "completion_note": "已落实",
            "files": [upload()],
        }
        self.assertRefused(
            lambda: self.post(self.second, "measure_progress", status=Status.DONE, **form),
            409,
            self.changed_by("李主任", "状态", self.measure),
        )

    def test_a_note_alone_is_added_whatever_changed_meanwhile(self):
        self.post(self.first, "measure_status", status=Status.IN_PROGRESS)
        r = self.post(
            self.second, "measure_progress", date=self.today.isoformat(), text="召开专题会", status=""
        )
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        self.assertEqual(self.measure.progress.get().text, "召开专题会")

    def test_deleting_from_a_stale_page_is_refused(self):
        self.post(self.first, "measure_status", status=Status.IN_PROGRESS)
        self.assertRefused(
            lambda: self.post(self.second, "measure_delete"),
            409,
            self.changed_by("李主任", "状态", self.measure),
        )


class ApiAtOnceTestCase(LostUpdateTestCase):
    def api(self, user) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        return client

    def test_the_version_comes_with_the_measure_and_a_stale_one_is_refused(self):
        first, second = self.api(self.office), self.api(self.secretary)
        url = f"/api/ledger/measures/{self.measure.pk}/"
        version = first.get(url).json()["version"]
        self.assertEqual(second.get(url).json()["version"], version)
        r = first.patch(url, {"text": "每月研读原著三篇", "version": version}, format="json")
        self.assertEqual((r.status_code, r.json()["version"]), (200, version + 1))
        self.assertRefused(
            lambda: second.patch(url, {"term": Term.ONGOING, "version": version}, format="json"),
            409,
            self.changed_by("李主任", "整改措施", self.measure),
        )
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((measure.text, measure.term), ("每月研读原著三篇", Term.DEADLINE))

    def test_an_update_without_its_version_is_refused(self):
        url, office = f"/api/ledger/measures/{self.measure.pk}/", self.api(self.office)
        self.assertRefused(
            lambda: office.patch(url, {"text": "改写"}, format="json"),
            400,
            "版本：请带上读取该整改措施时得到的 version，以免覆盖他人刚保存的修改",
        )

    def test_a_status_posted_with_progress_needs_the_version(self):
        url = f"/api/ledger/measures/{self.measure.pk}/progress/"
        member = self.api(self.member)
        self.assertRefused(
            lambda: member.post(url, {"text": "推进中", "status": "in_progress"}, format="json"),
            400,
            "版本：请带上读取该整改措施时得到的 version，以免覆盖他人刚保存的修改",
        )
        services.change_status(
            self.office, self.measure, Status.BLOCKED, blocked_reason="待部署", review_date=self.today
        )
        self.assertRefused(
            lambda: member.post(
                url, {"text": "推进中", "status": "in_progress", "version": 1}, format="json"
            ),
            409,
            self.changed_by("李主任", "状态、暂不具备整改条件的原因、复查日期", self.measure),
        )
        r = member.post(url, {"text": "只是记一笔"}, format="json")
        self.assertEqual(r.status_code, 201, r.content)
