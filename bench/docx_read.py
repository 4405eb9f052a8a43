"""Time the .docx reader against docx2python and a bare unzip + parse: `.venv/bin/python bench/docx_read.py`."""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from zhenggai.documents.docx import read_docx_paragraphs

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "src" / "zhenggai" / "examples" / "seed.txt"

# 一、 and （一） levels, as a report's headings would carry them when numbered by Word.
NUMBERING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def build() -> bytes:
    """The seed report as a .docx; its 一、 and （一） headings numbered automatically."""
    document = docx.Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        level = 0 if line[1:2] == "、" and line[:1] in "一二三四五六七八九十" else None
        if line.startswith("（") and line[2:3] == "）":
            level = 1
        if level is None:
            document.add_paragraph(line)
            continue
        paragraph = document.add_paragraph(line[2:] if level == 0 else line[3:])
        numpr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", level), ("w:numId", 1)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), str(value))
            numpr.append(child)
        paragraph._p.get_or_add_pPr().insert(0, numpr)
    buffer = io.BytesIO()
    document.save(buffer)
    source = buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = NUMBERING.encode() if info.filename == "word/numbering.xml" else src.read(info)
            dst.writestr(info.filename, content)
    return out.getvalue()


def median_ms(func: Callable[[], object], runs: int) -> float:
    """The median time of `runs` calls of `func`, in milliseconds, after one call to warm up."""
    func()  # warm caches and imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    """Print our reading time beside docx2python's and a bare unzip + parse; the exit status."""
    from docx2python import docx2python

    warnings.filterwarnings("ignore", module="docx2python")  # it has no chineseCounting: says so each run

    data = build()
    texts = read_docx_paragraphs(data, "seed.docx")
    text_bytes = sum(len(t.encode()) for t in texts)
    typed = SEED.read_text(encoding="utf-8").splitlines()
    assert texts == typed, "automatic numbering must read as the typed text"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.docx"
        path.write_bytes(data)

        def ours() -> object:
            return read_docx_paragraphs(data, "seed.docx")

        def theirs() -> object:
            with docx2python(str(path)) as result:
                return result.text

        def bare() -> object:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return etree.fromstring(archive.read("word/document.xml"))

        ours_ms = median_ms(ours, 500)
        theirs_ms = median_ms(theirs, 60)
        bare_ms = median_ms(bare, 500)
    print(
        f"document: {len(texts)} paragraphs, {text_bytes / 1024:.1f} KB of text, {len(data) / 1024:.1f} KB .docx"
    )
    print(f"read_docx_paragraphs     {ours_ms:8.3f} ms")
    print(f"docx2python              {theirs_ms:8.3f} ms")
    print(f"bare unzip + lxml parse  {bare_ms:8.3f} ms")
    print(f"docx2python / ours       {theirs_ms / ours_ms:8.1f}x   (target >= 5x)")
    print(f"ours / bare              {ours_ms / bare_ms:8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
