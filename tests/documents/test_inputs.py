"""PDF, .doc, .wps, .odt and .rtf inputs: read like the .txt they were made from, or refused in Chinese.

The fixtures are written by LibreOffice headless (tests/documents/fixtures/inputs/make.py) from
tests/corpus/feedback/f01.txt, whose gold says what must be read from each of them.
"""

from __future__ import annotations

import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from tests.corpus.feedback.scoring import HERE as FEEDBACK
from tests.corpus.feedback.scoring import norm
from zhenggai.documents import DocumentError, read_bytes
from zhenggai.documents import convert as convert_module
from zhenggai.documents.feedback import read_feedback

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
GOLD = json.loads((FEEDBACK / "gold" / "f01.json").read_text(encoding="utf-8"))
needs_libreoffice = pytest.mark.skipif(
    convert_module.converter() is None, reason="LibreOffice is not installed"
)


def gold_problems() -> list[tuple[str, str]]:
    return [(norm(c["heading"]), norm(p["text"])) for c in GOLD["categories"] for p in c["problems"]]


def read_problems(name: str, data: bytes) -> list[tuple[str, str]]:
    feedback = read_feedback(read_bytes(name, data))
    return [(norm(c.heading), norm(p.text)) for c, p in feedback.problems]


def test_a_pdf_with_a_text_layer_reads_like_its_text() -> None:
    data = (INPUTS / "feedback.pdf").read_bytes()
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 3
    document = read_bytes("反馈意见.pdf", data)
    assert document.format == "pdf"
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "中共临川市委第三巡察组关于巡察市交通运输局党组的反馈意见"
    assert not any(t in ("- 1 -", "- 2 -", "- 3 -") for t in texts), "page footers are left out"
    assert texts.count("中共临川市委第三巡察组") <= 1, "the running header is left out"
    # Lines wrapped at the page width are joined again: each problem is one paragraph.
    assert read_problems("反馈意见.pdf", data) == gold_problems()


@needs_libreoffice
@pytest.mark.parametrize(("fixture", "name"), [
    ("feedback.doc", "反馈意见.doc"),
    ("feedback.doc", "反馈意见.wps"),
    ("feedback.odt", "反馈意见.odt"),
    ("feedback.rtf", "反馈意见.rtf"),
])  # fmt: skip
def test_old_and_other_office_formats_are_converted_by_libreoffice(fixture: str, name: str) -> None:
    data = (INPUTS / fixture).read_bytes()
    assert read_problems(name, data) == gold_problems()


def test_a_scanned_pdf_is_refused_saying_it_has_no_text() -> None:
    writer = pypdf.PdfWriter()
    for _ in range(2):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DocumentError, match="没有可读取的文字（可能是扫描件"):
        read_bytes("扫描件.pdf", buffer.getvalue())


def test_an_encrypted_pdf_is_refused() -> None:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO((INPUTS / "feedback.pdf").read_bytes()))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DocumentError, match="已加密"):
        read_bytes("反馈意见.pdf", buffer.getvalue())


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%%EOF", b"%PDF-1.4\n" + bytes(range(256)) * 40, b"not a pdf"])
def test_a_damaged_pdf_is_refused_without_a_traceback(data: bytes) -> None:
    with pytest.raises(DocumentError, match="PDF") as info:
        read_bytes("坏文件.pdf", data)
    assert info.value.__cause__ is None


def test_without_libreoffice_the_message_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert_module, "converter", lambda: None)
    with pytest.raises(DocumentError) as info:
        read_bytes("反馈意见.doc", (INPUTS / "feedback.doc").read_bytes())
    assert "需要安装 LibreOffice" in info.value.message
    assert "apt-get install libreoffice-writer" in info.value.message
    assert "另存为” .docx" in info.value.message


def fake_converter(monkeypatch: pytest.MonkeyPatch, folder: Path, body: str) -> None:
    """A program in place of LibreOffice, running the Python `body`."""
    program = folder / "soffice"
    program.write_text(f"#!{sys.executable}\n{body}\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(convert_module, "converter", lambda: str(program))


def test_a_converter_that_hangs_is_stopped_at_the_time_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_converter(monkeypatch, tmp_path, "import time\ntime.sleep(30)")
    monkeypatch.setattr(convert_module, "CONVERT_SECONDS", 1)
    with pytest.raises(DocumentError, match="转换超时"):
        read_bytes("反馈意见.odt", (INPUTS / "feedback.odt").read_bytes())


def test_a_converter_that_writes_nothing_is_a_refusal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_converter(monkeypatch, tmp_path, "import sys\nsys.exit(0)")
    with pytest.raises(DocumentError, match="无法转换"):
        read_bytes("反馈意见.odt", (INPUTS / "feedback.odt").read_bytes())


def test_files_over_the_size_limit_are_refused_before_any_conversion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert_module, "converter", lambda: pytest.fail("no conversion of a file too large"))
    from zhenggai.documents.reading import MAX_FILE_BYTES

    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * MAX_FILE_BYTES
    with pytest.raises(DocumentError, match="过大"):
        read_bytes("大文件.doc", data)


def test_the_command_line_reads_a_pdf() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zhenggai", "feedback", str(INPUTS / "feedback.pdf"), "--json"],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["claimed"] == {"categories": 3, "problems": 9}
    assert sum(len(c["problems"]) for c in data["categories"]) == 9
