"""The office confirms the aspects read from the notice: edit, reorder, add, delete."""

from tests.web.meetings.base import MeetingTestCase, corpus_text
from zhenggai.meetings import opinions, services


class ConfirmAspectsTestCase(MeetingTestCase):
    def form(self, **changes):
        data = {}
        for n, a in enumerate(self.aspects, start=1):
            data[f"text_{a.pk}"] = a.text
            data[f"order_{a.pk}"] = str(n)
        data.update(changes)
        return data

    def texts(self):
        return list(self.meeting.aspects.values_list("text", flat=True))

    def test_it_confirms_as_read(self):
        self.login(self.office)
        r = self.client.post(self.url("aspects"), self.form())
        self.assertRedirects(r, self.url("detail"))
        self.assertTrue(self.fresh().aspects_confirmed)
        self.assertEqual(self.texts(), [a.text for a in self.aspects])

    def test_it_edits_reorders_adds_and_deletes(self):
        first, second, third = self.aspects[:3]
        form = self.form(
            **{
                f"text_{first.pk}": "带头学习方面",
                f"order_{third.pk}": "0.5",
                f"delete_{second.pk}": "1",
                "new_text": ["带头落实意识形态工作责任制方面", ""],
                "new_order": ["9", ""],
            }
        )
        self.login(self.office)
        self.client.post(self.url("aspects"), form)
        self.assertEqual(
            self.texts(),
            [
                third.text,
                "带头学习方面",
                self.aspects[3].text,
                self.aspects[4].text,
                "带头落实意识形态工作责任制方面",
            ],
        )
        self.assertEqual(list(self.meeting.aspects.values_list("position", flat=True)), [1, 2, 3, 4, 5])
        first.refresh_from_db()
        self.assertEqual(first.text, "带头学习方面")  # the same row: opinions tagged with it stay tagged

    def test_it_refuses_duplicates(self):
        a, b = self.aspects[:2]
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(self.url("aspects"), self.form(**{f"text_{b.pk}": a.text})),
            400,
            "方面“带头深刻感悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护””重复了，请删除或修改其中一个",
        )

    def test_it_refuses_an_empty_list(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(self.url("aspects"), {f"delete_{a.pk}": "1" for a in self.aspects}),
            400,
            "请至少保留一个查摆方面",
        )

    def test_reading_the_notice_again_keeps_tagged_aspects(self):
        link = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        opinion = self.published(link, text="联系群众不够经常。", aspect=self.aspects[2])
        services.set_notice(self.office, self.meeting, text=corpus_text("seed-notice.txt"))
        opinion.refresh_from_db()
        self.assertEqual(opinion.aspect, self.aspects[2])

    def test_members_read_but_may_not_confirm(self):
        self.login(self.member)
        r = self.client.get(self.url("aspects"))
        self.assertContains(r, self.aspects[0].text)
        self.assertNotContains(r, "确认查摆方面")
        self.assertRefused(
            lambda: self.client.post(self.url("aspects"), self.form()),
            403,
            "只有本组织的书记或办公室可以确认查摆方面",
        )
        self.login(self.reviewer)
        self.assertRefused(
            lambda: self.client.post(self.url("aspects"), self.form()),
            403,
            "只有本组织的书记或办公室可以确认查摆方面",
        )
