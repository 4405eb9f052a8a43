"""个人对照检查材料 written from its structured form: parsing the written file gives back the same
outline — for every report of the corpus and for generated ones (hypothesis), typed markers or
Word's automatic numbering."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhenggai.documents import parse_document, parse_file, read_bytes
from zhenggai.documents.gongwen import (
    DEFAULT_STYLE,
    Outline,
    Section,
    missing_fonts,
    outline_of_report,
    write_outline,
    write_report,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "extra").glob("*.txt"))


def read_back(data: bytes) -> Outline:
    return outline_of_report(parse_document(read_bytes("written.docx", data)))


@pytest.mark.parametrize("numbering", [False, True], ids=["typed", "automatic"])
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_a_corpus_report_written_and_parsed_gives_back_its_outline(path: Path, numbering: bool) -> None:
    report = parse_file(path)
    outline = outline_of_report(report)
    data = write_report(report, numbering=numbering)
    assert read_back(data) == outline
    back = parse_document(read_bytes(path.stem + ".docx", data))
    assert back.title == report.title
    assert [(p.role, len(p.items)) for p in back.parts] == [(p.role, len(p.items)) for p in report.parts]


def test_the_seed_report_is_written_with_its_headings_numbered_by_depth() -> None:
    report = parse_file(CORPUS / "s01.txt")
    texts = [p.text for p in read_bytes("s01.docx", write_report(report)).paragraphs]
    assert texts[0] == report.title
    tops = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、")]
    assert tops == [p.heading for p in report.parts if p.heading][: len(tops)]


# Generated reports: Chinese text made of words of the genre; a heading is a phrase, optionally ending
# with 。 and then running on; body paragraphs are sentences that do not open like a heading marker.
# (Phrases of random characters, e.g. "上上。上上、上、上。", are no text anyone writes: the reader's
# heuristics for real prose are not held to them.)
WORDS = [
    "学习",
    "理论",
    "思想",
    "政治",
    "担当",
    "作风",
    "纪律",
    "廉洁",
    "责任",
    "落实",
    "深入",
    "调研",
    "群众",
    "基层",
    "问题",
    "整改",
    "措施",
    "工作",
    "党员",
    "干部",
    "组织",
    "制度",
    "会议",
    "批评",
    "自我",
    "提高",
    "能力",
    "服务",
    "发展",
    "创新",
    "标准",
    "要求",
    "方面",
    "情况",
    "还不够",
    "有时",
]
PHRASE = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(["", "", "", "，", "、"])), min_size=2, max_size=6
).map(lambda parts: "".join(w + (sep if i < len(parts) - 1 else "") for i, (w, sep) in enumerate(parts)))
SENTENCE = st.builds(lambda a, b: a + b, PHRASE, st.sampled_from(["。", "；", "！", "：", ""]))
BODY = st.lists(SENTENCE, min_size=1, max_size=4).map("".join).filter(lambda t: t[-1:] in "。；！：")


def sections(depth: int) -> st.SearchStrategy[Section]:
    """A section: its body paragraphs first, then its lower sections (a paragraph after a lower
    heading belongs to that heading on paper, so the other order cannot be written)."""
    lower: st.SearchStrategy[list[Section]] = (
        st.just([]) if depth >= 4 else st.lists(st.deferred(lambda: sections(depth + 1)), max_size=3)
    )
    return st.builds(
        lambda heading, end, run_on, body, children: Section(
            heading + end, run_on if end == "。" else "", [*body, *children]
        ),
        PHRASE,
        st.sampled_from(["", "。"]),
        st.one_of(st.just(""), BODY),
        st.lists(BODY, max_size=2),
        lower,
    )


OUTLINES = st.builds(
    Outline,
    title=st.one_of(st.just(""), PHRASE.filter(lambda t: "，" not in t)),
    preamble=st.lists(BODY, max_size=2),
    sections=st.lists(sections(0), max_size=4),
)


@given(OUTLINES, st.booleans())
@settings(
    max_examples=int(os.environ.get("OUTLINE_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
def test_a_generated_report_written_and_parsed_gives_back_its_outline(
    outline: Outline, numbering: bool
) -> None:
    assert read_back(write_outline(outline, numbering=numbering)) == outline


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "zhenggai", *args], capture_output=True, timeout=60, env=env)


def test_render_report_writes_the_file_and_warns_in_chinese_of_missing_fonts(tmp_path: Path) -> None:
    out = tmp_path / "s01.docx"
    result = run("render", "report", str(CORPUS / "s01.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert read_back(out.read_bytes()) == outline_of_report(parse_file(CORPUS / "s01.txt"))
    stderr = result.stderr.decode("utf-8")
    missing = missing_fonts(DEFAULT_STYLE)
    if missing:  # this machine has not the offices' fonts: the warning names them
        assert "本机没有安装字体" in stderr and "、".join(missing) in stderr
    else:
        assert stderr == ""


def test_render_report_writes_to_standard_output_and_numbers_automatically() -> None:
    result = run("render", "report", str(CORPUS / "s01.txt"), "-o", "-", "--numbering")
    assert result.returncode == 0 and result.stdout[:2] == b"PK"
    assert b"w:numPr" in zipfile.ZipFile(io.BytesIO(result.stdout)).read("word/document.xml")
    assert read_back(result.stdout) == outline_of_report(parse_file(CORPUS / "s01.txt"))


def test_render_report_refuses_what_it_cannot_read_or_write_with_status_2(tmp_path: Path) -> None:
    missing = run("render", "report", str(tmp_path / "无.txt"), "-o", str(tmp_path / "a.docx"))
    assert missing.returncode == 2 and "错误：找不到文件" in missing.stderr.decode()
    unwritable = run("render", "report", str(CORPUS / "s01.txt"), "-o", str(tmp_path / "无" / "a.docx"))
    assert unwritable.returncode == 2 and "无法写入文件" in unwritable.stderr.decode()
    no_output = run("render", "report", str(CORPUS / "s01.txt"))
    assert no_output.returncode == 2 and "错误：参数有误" in no_output.stderr.decode()
