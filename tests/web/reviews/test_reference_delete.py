"""Deleting a 参考范文: for whoever may upload to its organisation, after a confirmation; its 查重 index
entry and keys go with it in one transaction, and the 查重 page no longer names it."""

from __future__ import annotations

from django.urls import reverse

from tests.web.reviews.base import ReviewTestCase
from tests.web.reviews.test_references import OTHER, TEMPLATE
from zhenggai.documents import read_text
from zhenggai.reviews import references
from zhenggai.reviews.models import IndexedText, IndexKey, ReferenceText, ReportState

LIST = reverse("reviews:references")


class ReferenceDeleteTestCase(ReviewTestCase):
    def setUp(self) -> None:
        super().setUp()
        texts = [
            ("模板.txt", read_text(TEMPLATE, name="模板.txt")),
            ("其他.txt", read_text(OTHER, name="其他.txt")),
        ]
        references.store(self.office, self.team, texts)
        self.template = ReferenceText.objects.get(name="模板.txt")
        self.other = ReferenceText.objects.get(name="其他.txt")
        self.url = reverse("reviews:reference_delete", args=[self.template.pk])

    def test_the_list_links_to_the_confirmation_which_names_what_goes(self):
        self.login(self.office)
        self.assertContains(self.client.get(LIST), f'href="{self.url}"')
        page = self.client.get(self.url)
        self.assertContains(page, "模板.txt")
        self.assertContains(page, "删除后，这份范文及其查重索引一并删除")
        self.assertContains(page, "确定删除")
        self.assertTrue(ReferenceText.objects.filter(pk=self.template.pk).exists())  # GET deletes nothing

    def test_deleting_removes_the_text_and_its_index_rows_and_nothing_else(self):
        entry = IndexedText.objects.get(reference=self.template)
        self.assertTrue(IndexKey.objects.filter(text=entry).exists())
        others = IndexKey.objects.exclude(text=entry).count()
        self.login(self.secretary)
        page = self.client.post(self.url, follow=True)
        self.assertRedirects(page, LIST)
        self.assertContains(page, "参考范文“模板.txt”已删除，查重不再与它对照")
        self.assertFalse(ReferenceText.objects.filter(pk=self.template.pk).exists())
        self.assertFalse(IndexedText.objects.filter(pk=entry.pk).exists())
        self.assertFalse(IndexKey.objects.filter(text_id=entry.pk).exists())
        self.assertEqual(IndexKey.objects.count(), others)
        self.assertTrue(IndexedText.objects.filter(reference=self.other).exists())

    def test_the_similar_page_no_longer_names_a_deleted_template(self):
        report = self.report_of(
            self.member, text=TEMPLATE.replace("勇于担当。", "改进作风。"), state=ReportState.SUBMITTED
        )
        self.login(self.office)
        similar = reverse("reviews:similar", args=[report.pk])
        self.assertContains(self.client.get(similar), "参考范文：模板.txt")
        self.client.post(self.url)
        self.assertNotContains(self.client.get(similar), "参考范文：模板.txt")

    def test_a_member_and_a_reviewer_are_refused(self):
        for user in (self.member, self.reviewer):
            self.login(user)
            for request in (lambda: self.client.get(self.url), lambda: self.client.post(self.url)):
                self.assertRefused(request, 403, "只有书记或办公室人员可以管理参考范文")

    def test_the_secretary_of_another_team_finds_nothing(self):
        self.login(self.outsider)
        for request in (lambda: self.client.get(self.url), lambda: self.client.post(self.url)):
            self.assertRefused(request, 404, "没有找到该参考范文，或您无权管理")

    def test_the_service_refuses_whoever_may_not_manage_its_organisation(self):
        with self.assertServiceRefused(references.NOT_YOURS, 403):
            references.delete(self.outsider, self.template)
