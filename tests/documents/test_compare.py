"""Two versions of a report side by side."""

from pathlib import Path

from zhenggai.documents.compare import compare_paragraphs, compare_texts

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _seed_paragraphs():
    text = (CORPUS / "seed.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_identical_versions_have_only_equal_rows():
    old = _seed_paragraphs()
    result = compare_paragraphs(old, list(old))
    assert not result.changed
    assert len(result.rows) == len(old)
    assert result.rows[4].left_line == result.rows[4].right_line == 5


def test_a_filled_placeholder_is_a_changed_paragraph_with_the_characters_marked():
    old = _seed_paragraphs()
    new = list(old)
    new[2] = new[2].replace("X方面XX个问题", "5方面18个问题")
    result = compare_paragraphs(old, new)
    [row] = [r for r in result.rows if r.kind != "equal"]
    assert row.kind == "change"
    assert (row.left_line, row.right_line) == (3, 3)
    assert [s.text for s in row.left if s.changed] == ["X", "XX"]
    assert [s.text for s in row.right if s.changed] == ["5", "18"]
    assert "".join(s.text for s in row.left) == old[2]
    assert "".join(s.text for s in row.right) == new[2]


def test_inserted_and_deleted_paragraphs():
    old = _seed_paragraphs()
    new = [*old[:5], "（新增）我还查找了新的问题。", *old[5:]]
    del new[10]
    result = compare_paragraphs(old, new)
    kinds = [r.kind for r in result.rows if r.kind != "equal"]
    assert kinds == ["insert", "delete"]
    inserted = next(r for r in result.rows if r.kind == "insert")
    assert inserted.left_line is None and inserted.right_line == 6
    assert inserted.right[0].changed
    deleted = next(r for r in result.rows if r.kind == "delete")
    assert deleted.left_line == 10 and deleted.right_line is None


def test_a_rewritten_paragraph_beside_an_unrelated_one_is_paired_with_its_like():
    old = ["一、存在的问题", "学习不够深入，理论联系实际不够。", "联系群众不够紧密。"]
    new = ["一、存在的问题", "完全不同的一段新文字，讲的是别的事情。", "学习还不够深入，理论联系实际还不够。"]
    result = compare_paragraphs(old, new)
    kinds = [(r.kind, r.left_line, r.right_line) for r in result.rows]
    assert kinds == [("equal", 1, 1), ("insert", None, 2), ("change", 2, 3), ("delete", 3, None)]
    assert result.count("change") == 1


def test_texts_compare_by_lines_and_ignore_blank_ones():
    result = compare_texts("第一段\n\n第二段\n", "第一段\n第二段（改）\n")
    assert [r.kind for r in result.rows] == ["equal", "change"]
    assert [s.text for s in result.rows[1].right if s.changed] == ["（改）"]


def test_huge_changed_blocks_are_not_paired():
    old = [f"旧的第{i}段内容" for i in range(80)]
    new = [f"新的第{i}段内容" for i in range(80)]
    result = compare_paragraphs(old, new)
    assert result.count("delete") == 80 and result.count("insert") == 80
