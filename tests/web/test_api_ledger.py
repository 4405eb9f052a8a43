"""The ledger's JSON API: token login, the page's filters, read, create, update, progress, permissions."""

from __future__ import annotations

import datetime

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.web.base import PASSWORD, BaseTestCase, upload
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Measure, Progress, Status


class ApiTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api = APIClient()

    def as_(self, user) -> APIClient:
        token, _ = Token.objects.get_or_create(user=user)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return self.api

    def ids(self, response) -> list[int]:
        return [row["id"] for row in response.json()["results"]]


class ApiAuthTestCase(ApiTestCase):
    def test_it_gives_a_token_for_a_login_and_password(self):
        r = self.api.post("/api/token/", {"username": "secretary", "password": PASSWORD}, format="json")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json()["token"], Token.objects.get(user=self.secretary).key)

    def test_it_refuses_requests_without_a_token(self):
        r = self.api.get("/api/ledger/measures/")
        self.assertEqual(r.status_code, 401)
        self.assertIn("detail", r.json())

    def test_it_refuses_a_wrong_token(self):
        self.api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
        self.assertEqual(self.api.get("/api/ledger/measures/").status_code, 401)

    def test_the_openapi_schema_describes_the_ledger_api(self):
        r = self.client.get("/api/schema/", {"format": "json"})
        self.assertEqual(r.status_code, 200)
        schema = r.json()
        self.assertEqual(schema["info"]["title"], "整改台账 API")
        for path in (
            "/api/ledger/measures/",
            "/api/ledger/measures/{id}/",
            "/api/ledger/measures/{id}/progress/",
        ):
            self.assertIn(path, schema["paths"])
        params = {p["name"] for p in schema["paths"]["/api/ledger/measures/"]["get"]["parameters"]}
        self.assertTrue({"source", "owner", "status", "overdue", "due_within", "q"} <= params)


class ApiListTestCase(ApiTestCase):
    def test_the_secretary_and_reviewer_list_every_measure(self):
        for person in (self.secretary, self.reviewer):
            r = self.as_(person).get("/api/ledger/measures/")
            self.assertEqual(r.status_code, 200)
            self.assertEqual(self.ids(r), [self.measure.pk, self.colleague_measure.pk])
        row = r.json()["results"][0]
        self.assertEqual(row["owner"], {"id": self.member.pk, "name": "张委员"})
        self.assertEqual((row["status"], row["status_display"]), ("not_started", "未启动"))
        self.assertEqual(row["problem"]["source_title"], self.source.title)

    def test_a_member_lists_only_his_measures_and_the_outsider_none(self):
        self.assertEqual(self.ids(self.as_(self.member).get("/api/ledger/measures/")), [self.measure.pk])
        self.assertEqual(self.ids(self.as_(self.outsider).get("/api/ledger/measures/")), [])

    def test_it_filters_like_the_ledger_page(self):
        api = self.as_(self.secretary)
        self.assertEqual(
            self.ids(api.get("/api/ledger/measures/", {"owner": self.colleague.pk})),
            [self.colleague_measure.pk],
        )
        self.assertEqual(
            self.ids(api.get("/api/ledger/measures/", {"q": "专题研讨"})), [self.colleague_measure.pk]
        )
        self.assertEqual(self.ids(api.get("/api/ledger/measures/", {"due_within": 40})), [self.measure.pk])
        self.assertEqual(self.ids(api.get("/api/ledger/measures/", {"status": "done"})), [])

    def test_a_bad_filter_is_a_chinese_error(self):
        r = self.as_(self.secretary).get("/api/ledger/measures/", {"status": "nonsense", "owner": "x"})
        self.assertEqual(r.status_code, 400)
        self.assertIn("状态无效", r.json()["detail"])

    def test_it_pages_with_a_cursor(self):
        with self.settings(LEDGER_PAGE_SIZE=1):
            api = self.as_(self.secretary)
            first = api.get("/api/ledger/measures/").json()
            self.assertEqual([row["id"] for row in first["results"]], [self.measure.pk])
            second = api.get(first["next"]).json()
            self.assertEqual([row["id"] for row in second["results"]], [self.colleague_measure.pk])
            self.assertIsNone(second["next"])


class ApiReadTestCase(ApiTestCase):
    def test_it_reads_one_measure_with_its_progress(self):
        self.finish(self.measure)
        r = self.as_(self.member).get(f"/api/ledger/measures/{self.measure.pk}/")
        self.assertEqual(r.status_code, 200)
        data = r.json()
        self.assertEqual(data["status"], "done")
        self.assertEqual([p["text"] for p in data["progress"]], ["已完成"])

    def test_what_one_may_not_see_is_not_found(self):
        self.assertEqual(
            self.as_(self.outsider).get(f"/api/ledger/measures/{self.measure.pk}/").status_code, 404
        )
        self.assertEqual(
            self.as_(self.member).get(f"/api/ledger/measures/{self.colleague_measure.pk}/").status_code, 404
        )


class ApiCreateTestCase(ApiTestCase):
    def payload(self, **extra):
        return {
            "problem": self.problem.pk,
            "text": "建立长效机制",
            "term": "deadline",
            "deadline": "2030-06-30",
            "owner": self.colleague.pk,
            "unit": self.unit.pk,
            **extra,
        }

    def test_the_secretary_creates_a_measure(self):
        r = self.as_(self.secretary).post("/api/ledger/measures/", self.payload(), format="json")
        self.assertEqual(r.status_code, 201, r.content)
        measure = Measure.objects.get(pk=r.json()["id"])
        self.assertEqual(
            (measure.text, measure.owner, measure.deadline),
            ("建立长效机制", self.colleague, datetime.date(2030, 6, 30)),
        )
        self.assertTrue(
            AuditEntry.objects.filter(object_type="measure", object_id=measure.pk, action="create").exists()
        )

    def test_reviewer_member_and_outsider_may_not_create(self):
        for person, status in ((self.reviewer, 403), (self.member, 403), (self.outsider, 404)):
            with self.subTest(person=person.username):
                r = self.as_(person).post("/api/ledger/measures/", self.payload(), format="json")
                self.assertEqual(r.status_code, status)
                self.assertIn("detail", r.json())
        self.assertFalse(Measure.objects.filter(text="建立长效机制").exists())

    def test_bad_input_is_a_chinese_error(self):
        r = self.as_(self.secretary).post(
            "/api/ledger/measures/", self.payload(deadline="明天", text=""), format="json"
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("完成时限：格式不对", r.json()["detail"])
        self.assertIn("内容：不能为空", r.json()["detail"])


class ApiUpdateTestCase(ApiTestCase):
    def test_the_office_changes_a_measure_and_it_is_audited(self):
        r = self.as_(self.office).patch(
            f"/api/ledger/measures/{self.measure.pk}/", {"text": "每月研读原著三篇"}, format="json"
        )
        self.assertEqual(r.status_code, 200, r.content)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.text, "每月研读原著三篇")
        change = AuditEntry.objects.filter(
            object_type="measure", object_id=self.measure.pk, action="change"
        ).first()
        self.assertEqual(change.before["text"], "制定个人学习计划，每月研读原著不少于两篇。")

    def test_a_set_deadline_changes_only_by_extension(self):
        r = self.as_(self.secretary).patch(
            f"/api/ledger/measures/{self.measure.pk}/", {"deadline": "2031-01-01"}, format="json"
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("延期", r.json()["detail"])

    def test_the_member_reviewer_and_outsider_may_not_change_it(self):
        for person, status in ((self.member, 403), (self.reviewer, 403), (self.outsider, 404)):
            with self.subTest(person=person.username):
                r = self.as_(person).patch(
                    f"/api/ledger/measures/{self.measure.pk}/", {"text": "改掉"}, format="json"
                )
                self.assertEqual(r.status_code, status)
        self.measure.refresh_from_db()
        self.assertNotEqual(self.measure.text, "改掉")


class ApiProgressTestCase(ApiTestCase):
    def test_the_owner_posts_progress(self):
        r = self.as_(self.member).post(
            f"/api/ledger/measures/{self.measure.pk}/progress/",
            {"text": "已制定学习计划", "status": "in_progress"},
            format="json",
        )
        self.assertEqual(r.status_code, 201, r.content)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.status, Status.IN_PROGRESS)
        self.assertEqual(Progress.objects.get(pk=r.json()["id"]).author, self.member)

    def test_done_needs_evidence_and_a_note(self):
        url = f"/api/ledger/measures/{self.measure.pk}/progress/"
        r = self.as_(self.member).post(
            url, {"text": "完成", "status": "done", "completion_note": "已落实"}, format="json"
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("佐证材料", r.json()["detail"])
        self.assertFalse(Progress.objects.filter(measure=self.measure).exists())
        r = self.as_(self.member).post(
            url,
            {"text": "完成", "status": "done", "completion_note": "已落实", "files": [upload()]},
            format="multipart",
        )
        self.assertEqual(r.status_code, 201, r.content)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.status, Status.DONE)

    def test_a_colleague_reviewer_or_outsider_may_not_post_progress(self):
        url = f"/api/ledger/measures/{self.measure.pk}/progress/"
        for person, status in ((self.colleague, 404), (self.reviewer, 403), (self.outsider, 404)):
            with self.subTest(person=person.username):
                self.assertEqual(
                    self.as_(person).post(url, {"text": "代填"}, format="json").status_code, status
                )
        self.assertFalse(Progress.objects.filter(measure=self.measure).exists())
