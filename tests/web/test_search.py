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
