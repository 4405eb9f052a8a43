"""Weighted bigram overlap: how much wording texts share, a bigram rare among them weighing more.

Chinese has no spaces, so wording is compared by character bigrams. A bigram found in few of the
texts compared says more about which texts belong together than one every text uses, so each
weighs log(1 + n / df): n texts, df of them holding it.
"""

from __future__ import annotations

import math

from zhenggai.documents.text import bigrams

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a start cost); mypy knows the name
if TYPE_CHECKING:  # collections.abc imports collections: a start cost
    from collections.abc import Mapping, Sequence
    from collections.abc import Set as AbstractSet

    #: Bigram → weight, as `bigram_weights` gives it.
    Weights = Mapping[str, float]


def bigram_weights(gram_sets: Sequence[AbstractSet[str]]) -> dict[str, float]:
    """The weight of every bigram of `gram_sets`: log(1 + n / df), n sets, df of them holding it."""
    df: dict[str, int] = {}  # a Counter, without importing collections (a start cost)
    for grams in gram_sets:
        for g in grams:
            df[g] = df.get(g, 0) + 1
    n = len(gram_sets)
    return {g: math.log(1 + n / c) for g, c in df.items()}


def weighted_bigrams(texts: Sequence[str]) -> tuple[list[set[str]], dict[str, float]]:
    """The character bigrams of each text, and their weights across `texts`."""
    grams = [bigrams(t) for t in texts]
    return grams, bigram_weights(grams)


def weight_of(grams: AbstractSet[str], weight: Weights) -> float:
    """The summed weight of `grams`; every one of them must have a weight."""
    return sum(weight[g] for g in grams)


def coverage(part: AbstractSet[str], whole: AbstractSet[str], weight: Weights) -> float:
    """The share (0–1) of `part`'s weight that `whole` holds too; 0 when `part` weighs nothing."""
    total = sum(weight[g] for g in part)  # not weight_of(): this runs once per pair of texts
    return sum(weight[g] for g in part & whole) / total if total else 0.0


def cosine_matrix(left: Sequence[str], right: Sequence[str]) -> list[list[float]]:
    """Weighted bigram cosine (0–1) of every text of `left` with every text of `right`.

    The weights are counted over both lists together; a text without bigrams scores 0 with all.
    """
    grams, weight = weighted_bigrams([*left, *right])
    left_grams, right_grams = grams[: len(left)], grams[len(left) :]
    right_totals = [weight_of(g, weight) or 1.0 for g in right_grams]
    result = []
    for a in left_grams:
        a_total = weight_of(a, weight) or 1.0
        result.append(
            [
                sum(weight[g] for g in a & b) / math.sqrt(a_total * b_total)
                for b, b_total in zip(right_grams, right_totals, strict=True)
            ]
        )
    return result
