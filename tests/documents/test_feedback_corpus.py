"""The feedback corpus: its texts and gold are what its annotated sources make."""

from __future__ import annotations

from pathlib import Path

from tests.corpus.feedback.build import HERE, build


def test_the_committed_texts_and_gold_are_what_the_sources_make(tmp_path: Path) -> None:
    names = build(tmp_path)
    assert len(names) >= 12
    for name in names:
        stem = Path(name).stem
        assert (tmp_path / name).read_bytes() == (HERE / name).read_bytes(), name
        gold = f"gold/{stem}.json"
        assert (tmp_path / gold).read_bytes() == (HERE / gold).read_bytes(), gold
