"""Chinese search tokens: bigrams for Han text, whole words for Latin and digits."""

from django.test import SimpleTestCase

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
