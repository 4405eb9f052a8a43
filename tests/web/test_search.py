"""Chinese search tokens: bigrams for Han text, whole words for Latin and digits."""

from unittest import mock

from django.conf import settings
from django.db import connection
from django.test import SimpleTestCase
from django.test.utils import CaptureQueriesContext

from tests.web.base import BaseTestCase
from zhenggai.ledger import queries
from zhenggai.ledger.models import Measure
from zhenggai.ledger.search import phrase, search_tokens, tokens, tsquery


class SearchTokensTestCase(SimpleTestCase):
    def test_it_makes_bigrams(self):
        self.assertEqual(tokens("整改措施"), ["整改", "改措", "措施"])

    def test_it_splits_on_punctuation_and_keeps_words(self):
        self.assertEqual(
            tokens("落实“两个维护”，PDF 2022年"), ["落实", "两个", "个维", "维护", "pdf", "2022", "年"]
        )

    def test_it_deduplicates_for_storage(self):
        self.assertEqual(search_tokens("学习学习"), "学习 习学")

    def test_the_tokens_cross_spaces_and_punctuation(self):
        self.assertEqual(search_tokens("学习、计划"), "学习 计划 习计")
        self.assertEqual(search_tokens("调研 报告"), "调研 报告 研报")

    def test_a_phrase_is_found_with_punctuation_between_any_two_characters(self):
        import re

        pattern = re.compile(phrase("学习计划"))
        for text in ("学习计划", "学习、计划", "学，习 计“划", "学习。\n计划", "学习——计划", "学习・计划"):
            self.assertRegex(text, pattern)
        for text in ("学习心得计划", "学x习计划", "学习计"):
            self.assertNotRegex(text, pattern)

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


class WidthAndPunctuationTestCase(BaseTestCase):
    """A search ignores punctuation and full/half width, on the index and on the walk alike."""

    def setUp(self):
        super().setUp()
        from zhenggai.ledger import services
        from zhenggai.ledger.models import Term

        self.wide = services.create_measure(
            self.secretary,
            problem=self.problem,
            text="上报ＰＤＦ版调研报告，２０２２年底前完成",
            term=Term.ONGOING,
        )
        self.narrow = services.create_measure(
            self.secretary, problem=self.problem, text="PDF版本的2023年工作计划", term=Term.ONGOING
        )

    def found(self, text, walk):
        from zhenggai.ledger.access import visible_measures

        return set(queries.search(visible_measures(self.secretary), text, walk=walk))

    def test_full_width_and_half_width_find_each_other(self):
        for walk in (False, True):
            with self.subTest(walk=walk):
                self.assertEqual(self.found("PDF", walk), {self.wide, self.narrow})
                self.assertEqual(self.found("ＰＤＦ", walk), {self.wide, self.narrow})
                self.assertEqual(self.found("2022", walk), {self.wide})
                self.assertEqual(self.found("２０２３", walk), {self.narrow})

    def test_punctuation_and_spaces_separate_the_words_of_a_query(self):
        for walk in (False, True):
            with self.subTest(walk=walk):
                self.assertEqual(self.found("调研报告，２０２２", walk), {self.wide})
                self.assertEqual(self.found("“工作计划” PDF", walk), {self.narrow})
                self.assertEqual(self.found("调研报告 2023", walk), set())
                # Punctuation alone asks nothing.
                self.assertEqual(len(self.found("，。", walk)), Measure.objects.count())

    def test_the_tokens_are_made_from_the_ascii_forms(self):
        self.wide.refresh_from_db()
        self.assertIn("pdf", self.wide.search_text.split())
        self.assertIn("2022", self.wide.search_text.split())


class PunctuationInsideAPhraseTestCase(BaseTestCase):
    """A query typed without punctuation finds the phrase written with it, on the index and on the
    walk alike, and the page counts what it finds."""

    def setUp(self):
        super().setUp()
        from zhenggai.ledger import services
        from zhenggai.ledger.models import Term

        def create(text):
            return services.create_measure(self.secretary, problem=self.problem, text=text, term=Term.ONGOING)

        self.pointed = create("修订本单位学习、计划，报党组审定")
        self.spaced = create("落实 学习 计划 和“调研 报告”")
        self.apart = create("交流学习心得，完善工作计划")  # 学习 and 计划, but not one phrase
        self.other = create("上报Ｐ．Ｄ．Ｆ 版本")

    def found(self, text, walk):
        from zhenggai.ledger.access import visible_measures

        return set(queries.search(visible_measures(self.secretary), text, walk=walk))

    def test_the_phrase_is_found_through_its_punctuation(self):
        for walk in (False, True):
            with self.subTest(walk=walk):
                self.assertEqual(self.found("学习计划", walk), {self.measure, self.pointed, self.spaced})
                self.assertEqual(self.found("调研报告", walk), {self.colleague_measure, self.spaced})
                self.assertEqual(self.found("PDF", walk), {self.other})
                self.assertEqual(self.found("PDF版本", walk), {self.other})
                # The problem's text too, across its comma: 理解领悟还不够深透，学用结合…
                self.assertEqual(
                    self.found("深透学用", walk), set(Measure.objects.filter(problem=self.problem))
                )
                # Punctuation in the query still separates its words, each found anywhere.
                self.assertEqual(
                    self.found("学习，计划", walk), {self.measure, self.pointed, self.spaced, self.apart}
                )
                self.assertEqual(self.found("学习心得计划", walk), set())

    def test_the_page_lists_and_counts_the_same_with_or_without_the_walk(self):
        from django.urls import reverse

        self.login(self.secretary)
        expected = sorted(m.pk for m in (self.measure, self.pointed, self.spaced))
        for walk in (False, True):
            with mock.patch.object(queries, "walks", return_value=walk):
                r = self.client.get(reverse("ledger:index"), {"q": "学习计划"})
            self.assertEqual(sorted(m.pk for m in r.context["rows"]), expected)
            self.assertEqual((r.context["count"], r.context["more"]), (3, False))
            self.assertContains(r, "共 3 条整改措施")

    def test_postgresql_finds_it_through_the_gin_index(self):
        if connection.vendor != "postgresql":
            self.skipTest("the GIN index exists on PostgreSQL only")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            qs = queries.search(Measure.objects.all(), "学习计划").order_by()
            self.assertIn("ledger_measure_search_gin", qs.explain())
            self.assertEqual(set(qs), {self.measure, self.pointed, self.spaced})


class SearchCountTestCase(BaseTestCase):
    def test_a_search_counts_to_a_thousand_and_says_1000_plus_beyond(self):
        from django.urls import reverse

        from zhenggai.ledger.models import Term
        from zhenggai.ledger.search import search_tokens

        Measure.objects.bulk_create(
            Measure(
                problem=self.problem,
                organisation=self.team,
                number=100 + i,
                text=f"开展专题调研第{i}次",
                term=Term.ONGOING,
                search_text=search_tokens(f"{self.problem.description} 开展专题调研第{i}次"),
            )
            for i in range(1001)
        )
        self.login(self.secretary)
        for walk in (False, True):
            with mock.patch.object(queries, "walks", return_value=walk):
                r = self.client.get(reverse("ledger:index"), {"q": "专题调研"})
            self.assertEqual((r.context["count"], r.context["more"]), (1000, True))
            self.assertContains(r, "共 1,000+ 条整改措施")
            self.assertEqual(len(r.context["rows"]), settings.LEDGER_PAGE_SIZE)
        # Without a search the count stops at 1,000 too (counting further cost more than the page).
        self.assertGreater(Measure.objects.count(), 1000)
        r = self.client.get(reverse("ledger:index"))
        self.assertEqual((r.context["count"], r.context["more"]), (1000, True))
        self.assertContains(r, "共 1,000+ 条整改措施（超过1,000条，请缩小筛选范围）")
        # A filter that leaves one page: its rows are the count, not asked for again.
        with CaptureQueriesContext(connection) as one_page:
            r = self.client.get(reverse("ledger:index"), {"owner": self.member.pk})
        self.assertEqual(r.context["count"], Measure.objects.filter(owner=self.member).count())
        self.assertContains(r, f"共 {r.context['count']} 条整改措施")
        self.assertFalse([q for q in one_page.captured_queries if "COUNT(*)" in q["sql"].upper()])
