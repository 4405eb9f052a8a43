"""Chinese search tokens: bigrams for Han text, whole words for Latin and digits."""

from django.db import connection
from django.test import SimpleTestCase

from tests.web.base import BaseTestCase
from zhenggai.ledger import queries
from zhenggai.ledger.models import Measure
from zhenggai.ledger.search import search_tokens, tokens, tsquery


class SearchTokensTestCase(SimpleTestCase):
    def test_it_makes_bigrams(self):
        self.assertEqual(tokens("整改措施"), ["整改", "改措", "措施"])

    def test_it_splits_on_punctuation_and_keeps_words(self):
        self.assertEqual(
            tokens("落实“两个维护”，PDF 2022年"), ["落实", "两个", "个维", "维护", "pdf", "2022", "年"]
        )

    def test_it_deduplicates_for_storage(self):
        self.assertEqual(search_tokens("学习学习"), "学习 习学")

    def test_queries(self):
        self.assertEqual(tsquery("学习计划"), "'学习' & '习计' & '计划'")
        self.assertIsNone(tsquery("学"))
        self.assertIsNone(tsquery("，。"))


class SearchIndexTestCase(BaseTestCase):
    def test_postgresql_answers_chinese_search_from_the_gin_index(self):
        if connection.vendor != "postgresql":
            self.skipTest("the GIN index exists on PostgreSQL only")
        from zhenggai.ledger.access import visible_measures

        qs = queries.search(visible_measures(self.secretary), "学习计划")
        self.assertEqual(list(qs), [self.measure])
        # On a table this small the planner prefers any other index; with plain scans off, only
        # the GIN index can answer the search condition cheaply.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            plan = queries.search(Measure.objects.all(), "学习计划").order_by().explain()
        self.assertIn("ledger_measure_search_gin", plan)

    def test_the_walk_and_the_index_find_the_same_rows(self):
        from zhenggai.ledger.access import visible_measures

        for text in ("学习计划", "调研报告", "领悟", "研", "ABC", "不存在的词语"):
            by_index = queries.search(visible_measures(self.secretary), text)
            by_walk = queries.search(visible_measures(self.secretary), text, walk=True)
            self.assertEqual(list(by_walk.order_by("id")), list(by_index.order_by("id")), text)

    def test_a_term_walks_only_when_the_statistics_call_it_common(self):
        # A handful of rows and no statistics: never common; SQLite never walks.
        self.assertFalse(queries.walks("学习"))
        self.assertFalse(queries.walks(""))
        self.assertFalse(queries.walks("研"))

    def test_a_walk_that_fails_falls_back_to_the_index(self):
        if connection.vendor != "postgresql":
            self.skipTest("only PostgreSQL walks")
        from django.db import OperationalError

        from zhenggai.ledger.search_plan import guarded

        def walk():
            raise OperationalError("canceling statement due to statement timeout")

        self.assertEqual(guarded(walk, lambda: "index"), "index")
        self.assertEqual(guarded(lambda: "walk", lambda: "index"), "walk")
        # The connection stays usable after the failed walk.
        self.assertTrue(Measure.objects.exists())


class WalkingSearchPageTestCase(BaseTestCase):
    def test_the_page_is_the_same_whether_the_search_walks_or_not(self):
        from unittest import mock

        from django.urls import reverse

        self.login(self.secretary)
        for walk in (False, True):
            with mock.patch.object(queries, "walks", return_value=walk):
                r = self.client.get(reverse("ledger:index"), {"q": "学习计划"})
            self.assertEqual([m.pk for m in r.context["rows"]], [self.measure.pk])
            self.assertEqual(r.context["count"], 1)
