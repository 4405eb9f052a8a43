"""A report whose 一、 and （一） come from Word's automatic numbering reads like the typed text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.corpus.scoring import CORPUS
from tests.documents.docx_builders import abstract_num, build_docx, level, num
from zhenggai.documents import parse_document, read_bytes, read_document
from zhenggai.documents.checks import INTERNAL_ERROR, CheckContext, run_checks

NUMBERING = abstract_num(
    1,
    level(0, "chineseCounting", "%1、"),
    level(1, "chineseCounting", "（%2）"),
    level(2, "decimal", "%3."),
) + num(1, 1)
_L1 = re.compile(r"^[一二三四五六七八九十]+、")
_L2 = re.compile(r"^（[一二三四五六七八九十]+）")


def _auto_numbered(lines: list[str]) -> list[str | tuple[str, int, int]]:
    """The typed markers of 一、 and （一） headings removed and given to numbering.xml instead."""
    out: list[str | tuple[str, int, int]] = []
    for line in lines:
        if m := _L1.match(line):
            out.append((line[m.end() :], 1, 0))
        elif m := _L2.match(line):
            out.append((line[m.end() :], 1, 1))
        else:
            out.append(line)
    return out


def test_the_seed_report_with_automatic_numbering_parses_like_the_typed_text() -> None:
    lines = (CORPUS / "seed.txt").read_text(encoding="utf-8").split("\n")
    lines = [line.strip() for line in lines if line.strip()]
    typed = parse_document(read_document(CORPUS / "seed.txt")).to_json()
    auto = parse_document(read_bytes("seed.docx", build_docx(_auto_numbered(lines), NUMBERING))).to_json()
    for report in (typed, auto):
        report.pop("source")
        for part in report["parts"]:
            part.pop("line")
            for item in part["items"]:
                item.pop("line")
                for enum in item["enums"]:
                    enum.pop("line")
        for claim in report["claims"]:
            claim.pop("line")
        for placeholder in report["placeholders"]:
            placeholder.pop("line")
    assert auto == typed


def test_docx_lines_count_paragraphs() -> None:
    data = build_docx(["标题", ("存在的问题", 1, 0), ("在学习方面：一是不深。二是不实。", 1, 1)], NUMBERING)
    report = parse_document(read_bytes("r.docx", data))
    assert (report.parts[0].heading, report.parts[0].line) == ("一、存在的问题", 2)
    assert report.parts[0].items[0].heading == "（一）在学习方面："
    assert len(report.parts[0].items[0].enums) == 2


PARAGRAPHS = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.tuples(st.text(max_size=30), st.just(1), st.integers(0, 2)),
        st.sampled_from(["一是学习不深。二是运用不够。", "存在的问题", "XX同志", "查摆出5方面18个问题"]),
    ),
    max_size=25,
)


@given(PARAGRAPHS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_random_docx_makes_parse_or_check_raise(paragraphs: list[str | tuple[str, int, int]]) -> None:
    try:
        data = build_docx(paragraphs, NUMBERING)
    except ValueError:  # python-docx refuses control characters: not a .docx anyone can make
        return
    report = parse_document(read_bytes("random.docx", data))  # Word could open it: so must we
    report.to_json()
    findings = run_checks(report, CheckContext())
    assert [f for f in findings if f.code == INTERNAL_ERROR] == []  # ZG001: a rule raised
