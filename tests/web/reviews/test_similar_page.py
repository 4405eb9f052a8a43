"""The 查重 page: a report against a colleague's report of the same meeting; the passage's text only
for whoever may read both, its size otherwise."""

from __future__ import annotations

from django.urls import reverse

from tests.web.reviews.base import SEED, ReviewTestCase
from zhenggai.reviews import services
from zhenggai.reviews.models import ReportState

#: A paragraph a colleague copies into his own report, long enough to count.
COPIED = (
    "在调查研究方面，深入基层一线不够经常，有时满足于听汇报、看材料，对群众急难愁盼问题掌握不够全面，"
    "解决问题的办法不多，推动工作落实的力度还有差距，需要在今后的工作中切实加以改进。"
)


class SimilarPageTestCase(ReviewTestCase):
    def setUp(self) -> None:
        super().setUp()
        own = SEED.decode("utf-8").replace(
            "（八）参加双重组织生活情况。", "（八）参加双重组织生活情况。" + COPIED
        )
        self.report = self.report_of(self.member, text=own, state=ReportState.SUBMITTED)
        other = "对照检查材料\n一、存在的问题\n" + COPIED + "\n二、整改措施\n加强学习，改进作风。"
        self.other = self.report_of(self.colleague, text=other, state=ReportState.SUBMITTED)

    def page(self, user):
        self.login(user)
        return self.client.get(reverse("reviews:similar", args=[self.report.pk]))

    def test_the_office_reads_the_shared_passage_side_by_side(self):
        page = self.page(self.office)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, f"同事材料：{self.other}")
        self.assertContains(page, "深入基层一线不够经常")
        self.assertContains(page, "照搬")

    def test_the_author_learns_only_that_a_match_exists_and_its_size(self):
        page = self.page(self.member)
        self.assertContains(page, "与一份您无权查看的材料存在雷同：1 处")
        self.assertNotContains(page, "刘委员")
        self.assertNotContains(page, "加强学习，改进作风")

    def test_a_report_sharing_nothing_says_so(self):
        alone = services.report_for(self.secretary, self.meeting)
        services.add_version(
            self.secretary, alone, services.read_written("对照检查材料\n一、存在的问题\n学习不够。")
        )
        self.login(self.secretary)
        page = self.client.get(reverse("reviews:similar", args=[alone.pk]))
        self.assertContains(page, "未发现与同事材料、本人往年材料或参考范文雷同的段落")

    def test_nobody_else_sees_the_page(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get(reverse("reviews:similar", args=[self.report.pk])).status_code, 404)
