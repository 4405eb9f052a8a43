"""The office merges duplicate opinions: one kept, the others marked merged into it."""

from tests.web.meetings.base import MeetingTestCase
from zhenggai.core.errors import Refusal
from zhenggai.meetings import opinions


class MergeOpinionsTestCase(MeetingTestCase):
    def setUp(self):
        super().setUp()
        link = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        self.a = self.published(link, text="会议太多，文件太多。")
        self.b = self.published(link, text="文山会海问题仍然存在。")
        self.c = self.published(link, text="会多文多，基层负担重。")

    def merge(self, keep, *chosen):
        return self.client.post(
            self.url("opinion_merge"), {"keep": str(keep.pk), "opinion": [str(o.pk) for o in chosen]}
        )

    def test_it_merges_the_chosen_into_the_kept_one(self):
        self.login(self.office)
        r = self.merge(self.a, self.a, self.b, self.c)
        self.assertRedirects(r, self.url("opinions"))
        for o in (self.a, self.b, self.c):
            o.refresh_from_db()
        self.assertIsNone(self.a.merged_into)
        self.assertEqual((self.b.merged_into, self.c.merged_into), (self.a, self.a))
        r = self.client.get(self.url("opinions"))
        self.assertContains(r, "全部意见（1条）")
        self.assertContains(r, "已合并的重复意见 2 条")

    def test_merging_a_kept_one_moves_its_duplicates(self):
        opinions.merge_opinions(self.office, self.b, [self.c])
        opinions.merge_opinions(self.office, self.a, [self.b])
        self.c.refresh_from_db()
        self.assertEqual(self.c.merged_into, self.a)

    def test_it_unmerges(self):
        opinions.merge_opinions(self.office, self.a, [self.b])
        self.login(self.office)
        self.assertRedirects(self.client.post(self.url("opinion_unmerge", self.b.pk)), self.url("opinions"))
        self.b.refresh_from_db()
        self.assertIsNone(self.b.merged_into)

    def test_it_needs_a_kept_one_and_a_duplicate(self):
        self.login(self.office)
        r = self.assertRefused(
            lambda: self.client.post(self.url("opinion_merge"), {"opinion": [str(self.a.pk)]}),
            302,
            "请选择要保留的那条意见",
        )
        self.assertRedirects(r, self.url("opinions"))
        with self.assertRaisesMessage(Refusal, "请至少选择一条"):
            opinions.merge_opinions(self.office, self.a, [self.a])

    def test_members_and_reviewers_may_not_merge(self):
        for person in (self.member, self.reviewer):
            self.login(person)
            self.assertRefused(
                lambda: self.merge(self.a, self.b), 403, "只有本组织的书记或办公室可以合并意见"
            )
