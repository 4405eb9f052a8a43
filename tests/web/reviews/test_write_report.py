"""A member writes his report in the browser: each save is a new version."""

from tests.web.reviews.base import ReviewTestCase
from zhenggai.reviews import services

TEXT = "一、上年度民主生活会整改落实情况\n（一）关于理论学习不够系统的问题。已制定学习计划。\n二、存在的问题\n（一）学习不够深入。"


class WriteReportTestCase(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.report = services.report_for(self.member, self.meeting)

    def test_it_saves_a_version_without_a_file(self):
        self.login(self.member)
        r = self.client.post(self.url("write", self.report), {"text": TEXT})
        self.assertRedirects(r, self.url("report", self.report))
        version = self.report.versions.get()
        self.assertEqual(version.paragraphs[0], "一、上年度民主生活会整改落实情况")
        self.assertEqual(bytes(version.file_data), b"")

    def test_the_form_starts_from_the_latest_version(self):
        self.login(self.member)
        self.client.post(self.url("write", self.report), {"text": TEXT})
        self.assertContains(self.client.get(self.url("write", self.report)), "关于理论学习不够系统的问题")

    def test_an_unchanged_text_makes_no_version(self):
        self.login(self.member)
        self.client.post(self.url("write", self.report), {"text": TEXT})
        self.assertEqual(self.report.versions.count(), 1)
        self.assertRefused(
            lambda: self.client.post(self.url("write", self.report), {"text": TEXT}),
            400,
            "内容与上一版相同，未保存新版本",
        )

    def test_an_empty_text_is_refused(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(self.url("write", self.report), {"text": "   "}),
            400,
            "正文：该字段是必填项。",
        )

    def test_a_too_long_text_is_refused(self):
        self.login(self.member)
        text = "字" * (services.REPORT_MAX_CHARS + 1)
        self.assertRefused(
            lambda: self.client.post(self.url("write", self.report), {"text": text}),
            400,
            "正文过长（上限 200000 字）",
        )

    def test_the_secretary_cannot_write_into_a_members_report(self):
        self.login(self.secretary)
        self.assertRefused(
            lambda: self.client.post(self.url("write", self.report), {"text": TEXT}),
            404,
            "没有找到该材料，或您无权查看",
        )

    def test_only_the_author_writes_once_others_see_it(self):
        services.add_version(self.member, self.report, services.read_written(TEXT))
        services.submit(self.member, self.report)
        for person in (self.secretary, self.office, self.reviewer):
            with self.subTest(person=person.username):
                self.login(person)
                url = self.url("write", self.report)
                # As for an upload (test_comment_report): 403, not a 404 that hides what he sees.
                self.assertRefused(
                    lambda url=url: self.client.get(url), 403, "只有撰写人本人可以修改这份材料"
                )
                self.assertRefused(
                    lambda url=url: self.client.post(url, {"text": TEXT + "改"}),
                    403,
                    "只有撰写人本人可以修改这份材料",
                )
