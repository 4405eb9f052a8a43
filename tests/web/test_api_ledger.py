"""The ledger's JSON API: token login, the page's filters, read, create, update, progress, permissions."""

from __future__ import annotations

import datetime
import json
from functools import partial

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.web.base import PASSWORD, BaseTestCase, upload
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Measure, Progress, Status

MEASURE_NOT_FOUND = "没有找到该整改措施，或您无权查看"
NOT_MANAGER = "您没有管理“机关党组”整改台账的权限"


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
        self.assertRefused(lambda: self.api.get("/api/ledger/measures/"), 401, "身份认证信息未提供。")
        self.assertRefused(
            lambda: self.api.post("/api/ledger/measures/", {"text": "建立长效机制"}, format="json"),
            401,
            "身份认证信息未提供。",
        )

    def test_it_refuses_a_wrong_token(self):
        self.api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
        self.assertRefused(lambda: self.api.get("/api/ledger/measures/"), 401, "认证令牌无效。")

    def test_the_openapi_schema_describes_the_ledger_api_to_its_users(self):
        anonymous = self.client.get("/api/schema/", {"format": "json"})
        self.assertEqual(anonymous.status_code, 401)
        self.assertEqual(json.loads(anonymous.content)["detail"], "身份认证信息未提供。")
        self.login(self.member)
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
        api = self.as_(self.secretary)
        self.assertRefused(
            lambda: api.get("/api/ledger/measures/", {"status": "nonsense", "owner": "x"}),
            400,
            "“责任人”应为数字，收到“x”；状态无效",
        )

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
        api = self.as_(self.outsider)
        self.assertRefused(
            lambda: api.get(f"/api/ledger/measures/{self.measure.pk}/"), 404, MEASURE_NOT_FOUND
        )
        api = self.as_(self.member)
        self.assertRefused(
            lambda: api.get(f"/api/ledger/measures/{self.colleague_measure.pk}/"), 404, MEASURE_NOT_FOUND
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
        for person, status, message in (
            (self.reviewer, 403, NOT_MANAGER),
            (self.member, 403, NOT_MANAGER),
            (self.outsider, 404, "没有找到该问题，或您无权查看"),
        ):
            with self.subTest(person=person.username):
                api = self.as_(person)
                self.assertRefused(
                    partial(api.post, "/api/ledger/measures/", self.payload(), format="json"), status, message
                )

    def test_bad_input_is_a_chinese_error(self):
        api = self.as_(self.secretary)
        self.assertRefused(
            lambda: api.post("/api/ledger/measures/", self.payload(deadline="明天", text=""), format="json"),
            400,
            "内容：不能为空；完成时限：格式不对（日期应为 YYYY-MM-DD，编号应为数字）",
        )


class ApiUpdateTestCase(ApiTestCase):
    def test_the_office_changes_a_measure_and_it_is_audited(self):
        r = self.as_(self.office).patch(
            f"/api/ledger/measures/{self.measure.pk}/",
            {"text": "每月研读原著三篇", "version": 1},
            format="json",
        )
        self.assertEqual(r.status_code, 200, r.content)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.text, "每月研读原著三篇")
        change = AuditEntry.objects.filter(
            object_type="measure", object_id=self.measure.pk, action="change"
        ).first()
        self.assertEqual(change.before["text"], "制定个人学习计划，每月研读原著不少于两篇。")

    def test_a_set_deadline_changes_only_by_extension(self):
        api = self.as_(self.secretary)
        self.assertRefused(
            lambda: api.patch(
                f"/api/ledger/measures/{self.measure.pk}/",
                {"deadline": "2031-01-01", "version": 1},
                format="json",
            ),
            400,
            "已定的完成时限不能直接修改，请办理延期并说明原因",
        )

    def test_the_member_reviewer_and_outsider_may_not_change_it(self):
        url = f"/api/ledger/measures/{self.measure.pk}/"
        for person, status, message in (
            (self.member, 403, NOT_MANAGER),
            (self.reviewer, 403, NOT_MANAGER),
            (self.outsider, 404, MEASURE_NOT_FOUND),
        ):
            with self.subTest(person=person.username):
                api = self.as_(person)
                self.assertRefused(
                    partial(api.patch, url, {"text": "改掉", "version": 1}, format="json"), status, message
                )


class ApiProgressTestCase(ApiTestCase):
    def test_the_owner_posts_progress(self):
        r = self.as_(self.member).post(
            f"/api/ledger/measures/{self.measure.pk}/progress/",
            {"text": "已制定学习计划", "status": "in_progress", "version": 1},
            format="json",
        )
        self.assertEqual(r.status_code, 201, r.content)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.status, Status.IN_PROGRESS)
        self.assertEqual(Progress.objects.get(pk=r.json()["id"]).author, self.member)

    def test_done_needs_evidence_and_a_note(self):
        url = f"/api/ledger/measures/{self.measure.pk}/progress/"
        api = self.as_(self.member)
        self.assertRefused(
            lambda: api.post(
                url,
                {"text": "完成", "status": "done", "completion_note": "已落实", "version": 1},
                format="json",
            ),
            400,
            "标记为已完成必须上传至少一份佐证材料",
        )
        r = api.post(
            url,
            {
                "text": "完成",
                "status": "done",
                "completion_note": "已落实",
                "files": [upload()],
                "version": 1,
            },
            format="multipart",
        )
        self.assertEqual(r.status_code, 201, r.content)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.status, Status.DONE)

    def test_a_colleague_reviewer_or_outsider_may_not_post_progress(self):
        url = f"/api/ledger/measures/{self.measure.pk}/progress/"
        for person, status, message in (
            (self.colleague, 404, MEASURE_NOT_FOUND),
            (self.reviewer, 403, "您只能填报本人负责的整改措施的进展"),
            (self.outsider, 404, MEASURE_NOT_FOUND),
        ):
            with self.subTest(person=person.username):
                api = self.as_(person)
                self.assertRefused(partial(api.post, url, {"text": "代填"}, format="json"), status, message)
