"""Weighted bigram overlap: the one measure of shared wording that mapping, aspects, previous and opinions use."""

import math

from zhenggai.documents.overlap import bigram_weights, cosine_matrix, coverage, weight_of, weighted_bigrams


def test_a_bigram_fewer_texts_hold_weighs_more():
    grams, weight = weighted_bigrams(["联系群众", "联系实际", "联系基层"])
    assert grams[0] == {"联系", "系群", "群众"}
    assert weight["联系"] == math.log(1 + 3 / 3)
    assert weight["群众"] == math.log(1 + 3 / 1)
    assert weight["群众"] > weight["联系"]


def test_weights_count_sets_not_repeats():
    assert bigram_weights([{"学习"}, {"学习"}, set()]) == {"学习": math.log(1 + 3 / 2)}


def test_coverage_is_the_share_of_the_parts_weight_the_whole_holds():
    weight = {"联系": 1.0, "群众": 3.0}
    assert coverage({"联系", "群众"}, {"群众", "其他"}, weight) == 0.75
    assert coverage({"联系", "群众"}, set(), weight) == 0.0
    assert coverage(set(), {"群众"}, weight) == 0.0
    assert weight_of({"联系", "群众"}, weight) == 4.0


def test_cosine_is_bounded_and_prefers_shared_rare_words():
    scores = cosine_matrix(["联系群众不够", "学习不深"], ["密切联系群众", "深入学习", "无关"])
    assert len(scores) == 2 and len(scores[0]) == 3
    assert all(0 <= s <= 1.0001 for row in scores for s in row)
    assert scores[0][0] > scores[0][1]
    assert cosine_matrix(["abc"], ["学习"]) == [[0.0]]
