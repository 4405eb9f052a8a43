"""The similarity engine's parts: normalisation, shingles, MinHash signatures and LSH candidates."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.corpus.scoring import CORPUS
from tests.documents import minhash_before
from zhenggai.documents.reading import read_document
from zhenggai.documents.similarity.lsh import LSHIndex
from zhenggai.documents.similarity.minhash import (
    EMPTY,
    PERMUTATIONS,
    estimated_jaccard,
    hash_shingles,
    reference_signature,
    sign_many,
    sign_texts,
    signatures,
)
from zhenggai.documents.similarity.normalise import (
    normalise,
    normalise_many,
    normalise_with_offsets,
    shingles,
)


def test_punctuation_spaces_and_width_do_not_count() -> None:
    assert normalise("理论学习，不够深入。") == normalise("理论学习,不够 深入.") == "理论学习不够深入"
    assert normalise("ＡＢＣ　１２３") == normalise("abc 123") == "abc0"
    assert normalise("“四个意识”（试行）") == "四个意识试行"


def test_numbers_and_placeholders_read_alike() -> None:
    filled = normalise("全年调研16次，解决问题3.5万个，2021年")
    template = normalise("全年调研XX次，解决问题X万个，××××年")
    assert filled == template == "全年调研0次解决问题0万个0年"
    assert normalise("某某同志〇〇") == "0同志0"
    assert normalise("XML与Excel") == "xml与excel"  # X inside a word is a letter, not a placeholder


def test_traditional_script_reads_as_simplified() -> None:
    assert normalise("個人對照檢查材料，問題產生的原因") == normalise("个人对照检查材料，问题产生的原因")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="理论学习XX×○某12３ ，。,.“”abcXＸ\u3000", max_size=40))
def test_offsets_give_the_same_text_and_point_into_the_original(text: str) -> None:
    normal, starts, ends = normalise_with_offsets(text)
    assert normal == normalise(text)
    assert len(starts) == len(ends) == len(normal)
    for ch, start, end in zip(normal, starts, ends, strict=True):
        if "\u4e00" <= ch <= "\u9fff":  # a letter's meaning (X: placeholder or letter) needs its neighbours
            assert normalise(text[start:end]) == ch


def test_shingles_are_five_characters_and_a_short_text_is_one() -> None:
    assert shingles("一二三四五六") == ["一二三四五", "二三四五六"]
    assert shingles("一二三") == ["一二三"]
    assert shingles("") == []


def _paragraphs() -> list[str]:
    texts = [p.text for name in ("seed.txt", "s01.txt") for p in read_document(CORPUS / name).paragraphs]
    return [normalise(t) for t in texts] + ["", "一", "一二三四", "一二三四五"]


def test_numpy_signatures_equal_the_plain_python_reference() -> None:
    texts = _paragraphs()
    computed = signatures(texts)
    assert computed.shape == (len(texts), PERMUTATIONS)
    for row, text in zip(computed, texts, strict=True):
        assert [int(v) for v in row] == reference_signature(text)


def test_a_text_without_shingles_has_the_empty_signature() -> None:
    assert (signatures(["", "abcdef"])[0] == EMPTY).all()
    hashes, counts = hash_shingles(["", "一二三", "一二三四五六七"])
    assert counts.tolist() == [0, 1, 3]
    assert hashes.size == 4


def test_signatures_do_not_depend_on_the_batch() -> None:
    texts = _paragraphs()
    whole = signatures(texts)
    assert np.array_equal(np.vstack([signatures(texts[:7]), signatures(texts[7:])]), whole)


def _pair(rng: random.Random, base: str, jaccard: float) -> str:
    """A copy of `base` with runs replaced until its shingle Jaccard with `base` is near `jaccard`."""
    copy = list(base)
    target = set(shingles(base))
    while True:
        current = set(shingles("".join(copy)))
        if len(current & target) / len(current | target) <= jaccard:
            return "".join(copy)
        copy[rng.randrange(len(copy))] = chr(rng.randrange(0x4E00, 0x9FA5))


def test_lsh_finds_nearly_every_pair_above_0_7_and_estimates_jaccard() -> None:
    rng = random.Random(7)
    corpus = "".join(_paragraphs())
    bases = [corpus[i : i + 120] for i in rng.sample(range(len(corpus) - 120), 100)]
    copies = [_pair(rng, b, rng.uniform(0.72, 1.0)) for b in bases]
    noise = [corpus[i : i + 120] for i in rng.sample(range(len(corpus) - 120), 300)]
    index = LSHIndex(signatures(bases + noise))
    query = signatures(copies)
    found = sum(1 for i, sig in enumerate(query) if i in set(index.candidates(sig).tolist()))
    assert found / len(copies) >= 0.95
    true = [
        len(set(shingles(a)) & set(shingles(b))) / len(set(shingles(a)) | set(shingles(b)))
        for a, b in zip(bases, copies, strict=True)
    ]
    estimated = estimated_jaccard(index.signatures[:100], query)
    assert float(np.abs(estimated - np.array(true)).mean()) < 0.05


def test_lsh_query_returns_the_copy_first_and_nothing_for_an_empty_text() -> None:
    texts = _paragraphs()[:30]
    index = LSHIndex(signatures(texts))
    target = next(i for i, t in enumerate(texts) if len(t) > 40)
    assert index.query(signatures([texts[target]])[0], 0.5)[0] == (target, 1.0)
    assert index.candidates(signatures([""])[0]).size == 0


def _corpus_paragraphs() -> list[str]:
    """Every paragraph of every report of tests/corpus and tests/corpus/extra (Traditional ones too)."""
    paths = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "extra").glob("*.txt"))
    return [p.text for path in paths for p in read_document(path).paragraphs]


def _split(codes: np.ndarray, lengths: np.ndarray) -> list[str]:
    text = codes.astype(np.uint32).tobytes().decode("utf-32-le")
    ends = np.cumsum(lengths).tolist()
    return [text[a:b] for a, b in zip([0, *ends], ends, strict=False)]


def test_vectorised_normalisation_equals_normalise_on_the_corpus() -> None:
    paragraphs = _corpus_paragraphs()
    assert any(normalise(p) != p for p in paragraphs)
    assert _split(*normalise_many(paragraphs)) == [normalise(p) for p in paragraphs]
    assert _split(*normalise_many(["".join(paragraphs)])) == [normalise("".join(paragraphs))]
    assert [len(x) for x in normalise_many([])] == [0, 0]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet="理论学习某某XXxAZaz×○〇*12３.,，．。 ＡＺｚＸ＊\u3000們個問題這為對會\n\U00020000\u3400",
            max_size=30,
        ),
        max_size=6,
    )
)
def test_vectorised_normalisation_equals_normalise_on_any_text(texts: list[str]) -> None:
    assert _split(*normalise_many(texts)) == [normalise(t) for t in texts]


def test_signatures_equal_the_first_numpy_version_on_corpus_paragraphs() -> None:
    paragraphs = _corpus_paragraphs()
    normal = [normalise(p) for p in paragraphs] + ["", "一", "一二三四", "一二三四五", "ab", ""]
    before = minhash_before.signatures(normal)
    assert np.array_equal(signatures(normal), before)
    assert np.array_equal(sign_texts(paragraphs), before[: len(paragraphs)])
    hashes, counts = hash_shingles(normal)
    old_hashes, old_counts = minhash_before.hash_shingles(normal)
    assert np.array_equal(hashes, old_hashes) and np.array_equal(counts, old_counts)


def test_signatures_of_many_in_two_processes_equal_those_in_one() -> None:
    paragraphs = _corpus_paragraphs()
    assert np.array_equal(sign_many(paragraphs, jobs=2, chunk=100), sign_texts(paragraphs))
    assert sign_many([], jobs=2).shape == (0, PERMUTATIONS)
