"""查重 against the annotated team (tests/corpus/similarity): every planted passage found, exactly,
nothing else, and never a mandated heading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.corpus.scoring import CORPUS
from tests.corpus.similarity import build
from tests.corpus.similarity.content import (
    ASPECT_1,
    ASPECT_2,
    ASPECT_3,
    HEAD_CAUSES,
    HEAD_MEASURES,
    HEAD_PREVIOUS_2021,
    HEAD_PROBLEMS,
)
from zhenggai.documents.reading import read_document
from zhenggai.documents.similarity import compare_documents, compare_texts, text_of
from zhenggai.documents.similarity.index import SentenceIndex, indexed_sentences, rows
from zhenggai.documents.similarity.learn import corpus_files, learn, render

TEAM = Path(build.__file__).parent
MEMBERS = ["a", "b", "c", "d", "a-2022", "template"]
GOLD = json.loads((TEAM / "gold.json").read_text(encoding="utf-8"))


def found_passages(notice: bool = True) -> list[dict[str, object]]:
    documents = {name: read_document(TEAM / f"{name}.txt") for name in MEMBERS}
    for name, document in documents.items():
        document.name = name
    found = []
    for name, document in documents.items():
        others = [d for other, d in documents.items() if other != name]
        matches = compare_documents(document, others, read_document(TEAM / "notice.txt") if notice else None)
        for match in matches:
            for p in match.passages:
                found.append(
                    {
                        "file": name,
                        "source": match.source,
                        "file_span": [p.left.start, p.left.end],
                        "source_span": [p.right.start, p.right.end],
                        "kind": p.kind,
                        "text": p.left.text,
                    }
                )
    return found


def _key(p: dict[str, object]) -> tuple[object, ...]:
    return (p["file"], p["source"], *p["file_span"], *p["source_span"], p["kind"], p["text"])


def test_the_files_and_gold_are_what_the_builder_writes() -> None:
    texts, gold = build.build()
    for name, text in texts.items():
        assert (TEAM / f"{name}.txt").read_text(encoding="utf-8") == text
    assert gold == GOLD


@pytest.mark.parametrize("notice", [True, False])
def test_every_planted_passage_is_found_exactly_and_nothing_else(notice: bool) -> None:
    found = sorted(map(_key, found_passages(notice)))
    assert found == sorted(_key(g) for g in GOLD)
    assert len(GOLD) == 12  # six passages, both ways


def test_mandated_headings_are_never_reported() -> None:
    headings = [HEAD_PREVIOUS_2021, HEAD_PROBLEMS, HEAD_CAUSES, HEAD_MEASURES, ASPECT_1, ASPECT_2, ASPECT_3]
    for passage in found_passages():
        assert not any(h.rstrip("：") in str(passage["text"]) for h in headings)


def test_unrelated_reports_of_the_corpus_share_nothing() -> None:
    names = ["seed.txt", "s01.txt", "s02.txt", "s05.txt", "s11.txt", "s14.txt", "s19.txt"]
    documents = [read_document(CORPUS / n) for n in names]
    for i, document in enumerate(documents):
        matches = compare_documents(document, documents[:i] + documents[i + 1 :])
        assert [m.source for m in matches if m.passages] == []


def test_the_stock_phrases_file_is_generated_from_the_corpus() -> None:
    stock, documents = learn(corpus_files([CORPUS, CORPUS / "extra"]))
    path = Path(__file__).parents[2] / "src/zhenggai/documents/similarity/stock.txt"
    assert path.read_text(encoding="utf-8") == render(stock, documents)
    assert "近平新时代" in stock and "全面从严治" in stock  # what every report says
    assert "河长制工作" not in stock


def test_a_report_against_a_copy_of_itself_is_all_verbatim() -> None:
    document = read_document(CORPUS / "s01.txt")
    (match,) = compare_documents(document, [read_document(CORPUS / "s01.txt")])
    assert match.share > 0.95
    assert {p.kind for p in match.passages} == {"verbatim"}
    assert all(p.similarity == 1.0 and p.left.text == p.right.text for p in match.passages)


def test_the_sentence_index_names_exactly_the_sources_of_the_gold() -> None:
    texts = {name: text_of(read_document(TEAM / f"{name}.txt")) for name in MEMBERS}
    for name, text in texts.items():
        index = SentenceIndex()
        for other, other_text in texts.items():
            if other != name:
                index.add(other, other_text)
        expected = {g["source"] for g in GOLD if g["file"] == name}
        assert set(index.query(text)) == expected


def test_with_the_index_as_prefilter_the_gold_is_found_the_same() -> None:
    texts = [text_of(read_document(TEAM / f"{name}.txt")) for name in MEMBERS]
    for number, text in enumerate(texts):
        others = texts[:number] + texts[number + 1 :]
        exact = compare_texts(text, others)
        filtered = compare_texts(text, others, prefilter_above=0)
        assert [(m.source, m.passages) for m in filtered] == [(m.source, m.passages) for m in exact]


def test_the_rows_a_database_index_would_hold() -> None:
    text = text_of(read_document(TEAM / "a.txt"))
    found = list(rows(text))
    assert len(found) == 16 * len(indexed_sentences(text))
    assert {band for _, band, _ in found} == set(range(16))
    assert all(-(2**63) <= key < 2**63 for _, _, key in found)
