"""Reading .txt files: encodings, line endings, invisible characters, and files we refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhenggai.documents import DocumentError, read_bytes, read_document

TEXT = "一、存在的问题\n（一）在理论学习方面：一是学习不深。二是运用不够。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "big5"])
def test_it_reads_every_encoding_without_garbling(encoding: str) -> None:
    text = (
        TEXT if encoding != "big5" else "一、存在的問題\n（一）在理論學習方面：一是學習不深。二是運用不夠。\n"
    )
    doc = read_bytes("r.txt", text.encode(encoding))
    assert [p.text for p in doc.paragraphs] == text.strip().split("\n")


def test_it_reads_crlf_and_cr_line_endings() -> None:
    doc = read_bytes("r.txt", TEXT.replace("\n", "\r\n").encode())
    assert len(doc.paragraphs) == 2
    doc = read_bytes("r.txt", TEXT.replace("\n", "\r").encode())
    assert len(doc.paragraphs) == 2


def test_it_drops_invisible_characters_and_odd_spaces() -> None:
    raw = "\u3000\u3000一、\u200b存在的\u00a0问题\ufeff \n\t（一）\u2003在学习 方面：\u200d内容。"
    doc = read_bytes("r.txt", raw.encode())
    assert [p.text for p in doc.paragraphs] == ["一、存在的问题", "（一）在学习方面：内容。"]


def test_it_keeps_spaces_between_latin_words() -> None:
    doc = read_bytes("r.txt", "推进 Office 365 deployment 工作".encode())
    assert doc.paragraphs[0].text == "推进Office 365 deployment工作"


def test_it_counts_source_lines_across_blank_lines() -> None:
    doc = read_bytes("r.txt", "标题\n\n\n一、问题\n".encode())
    assert [(p.text, p.line) for p in doc.paragraphs] == [("标题", 1), ("一、问题", 4)]


def test_it_drops_page_footers() -> None:
    doc = read_bytes("r.txt", "一、问题\n第1页 共4页\n- 2 -\n3/4\n（一）在学习方面。\n".encode())
    assert [p.text for p in doc.paragraphs] == ["一、问题", "（一）在学习方面。"]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "不是有效的 Word/WPS 文件"),
        ("a.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为"),
        ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "加密"),
        ("a.pdf", b"%PDF-1.7\n...", "PDF"),
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "图片"),
        ("a.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20, "图片"),
        ("a.txt", b"abc\x00\x01\x02" * 10, "二进制"),
        ("a.docx", b"not a zip at all", "不是有效的 .docx"),
    ],
)
def test_it_refuses_what_it_cannot_read_with_a_chinese_message(name: str, data: bytes, words: str) -> None:
    with pytest.raises(DocumentError) as info:
        read_bytes(name, data)
    assert words in str(info.value)


def test_it_refuses_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="找不到文件"):
        read_document(tmp_path / "none.txt")
    with pytest.raises(DocumentError, match="文件夹"):
        read_document(tmp_path)


def test_it_refuses_a_file_that_is_too_large() -> None:
    with pytest.raises(DocumentError, match="过大"):
        read_bytes("big.txt", b"a" * (21 * 1024 * 1024))
