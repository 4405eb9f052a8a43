"""Any two versions of a report side by side, with the changes marked."""

from tests.web.reviews.base import SEED, ReviewTestCase
from zhenggai.reviews import services


class CompareVersionsTestCase(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.report = self.report_of(self.member)
        filled = SEED.decode().replace("我查摆出X方面XX个问题", "我查摆出5方面18个问题")
        services.add_version(
            self.member, self.report, services.read_written(filled + "\n五、其他\n新增一段。")
        )

    def test_it_marks_inserted_and_changed_paragraphs(self):
        self.login(self.member)
        r = self.client.get(self.url("compare", self.report))
        self.assertContains(r, "新增 2 段，删除 0 段，修改 1 段")
        self.assertContains(r, "<del>X</del>", html=False)
        self.assertContains(r, "<ins>18</ins>", html=False)
        self.assertContains(r, '<tr class="insert">', html=False)

    def test_the_same_version_twice_shows_no_change(self):
        self.login(self.member)
        r = self.client.get(self.url("compare", self.report) + "?a=2&b=2")
        self.assertContains(r, "两个版本内容相同")

    def test_a_missing_version_is_not_found(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.get(self.url("compare", self.report) + "?a=1&b=7"), 404, "没有该版本"
        )

    def test_one_version_cannot_be_compared(self):
        single = self.report_of(self.colleague)
        self.login(self.colleague)
        self.assertRefused(
            lambda: self.client.get(self.url("compare", single)), 404, "只有一个版本，无法比较"
        )

    def test_the_office_compares_after_submission_only(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.get(self.url("compare", self.report)), 404, "没有找到该材料，或您无权查看"
        )
        services.submit(self.member, self.report)
        r = self.client.get(self.url("compare", self.report))
        self.assertContains(r, "新增 2 段，删除 0 段，修改 1 段")
        self.assertContains(r, "<ins>18</ins>", html=False)
