"""Hostile and broken files: each is refused with a DocumentError in Chinese, quickly and in bounded memory."""

from __future__ import annotations

import io
import os
import random
import struct
import tracemalloc
import zipfile
from collections.abc import Iterator

import openpyxl
import pytest

from tests.documents.docx_builders import Para, build_docx, replace_part
from zhenggai.documents import safety
from zhenggai.documents.docx import read_docx_paragraphs
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.reading import read_bytes

pytestmark = pytest.mark.timeout(60)

NAME = "对照检查材料.docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def refuse(data: bytes, name: str = NAME, max_peak_mb: float = 64) -> str:
    """The message of the DocumentError raised for `data`, checking the peak of Python allocations."""
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError) as caught:
            read_docx_paragraphs(data, name)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < max_peak_mb * 1024 * 1024
    message = str(caught.value)
    assert name in message
    assert caught.value.__cause__ is None or isinstance(caught.value.__cause__, Exception)
    return message


def with_document(xml: str | bytes) -> bytes:
    return replace_part(build_docx(["正文"]), "word/document.xml", xml)


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


@pytest.fixture(scope="module")
def zip_bomb() -> Iterator[bytes]:
    """A .docx whose document.xml is 200 MB of zeros, written in chunks (about 200 KB compressed)."""
    out = io.BytesIO()
    base = build_docx(["正文"])
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info.filename, source.read(info.filename))
        chunk = b"\0" * (1 << 20)
        with bomb.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(chunk)
    yield out.getvalue()


# --- zip damage and bombs -----------------------------------------------------------------------


def test_zip_bomb_is_refused_without_inflating(zip_bomb: bytes) -> None:
    message = refuse(zip_bomb)
    assert "MB" in message or "压缩" in message


def test_compression_ratio_above_limit_is_refused() -> None:
    data = replace_part(build_docx(["正文"]), "word/media/blank.bin", b"\0" * (8 << 20))
    assert "压缩炸弹" in refuse(data)


def test_member_larger_than_its_header_says_stops_at_the_declared_size() -> None:
    data = bytearray(zip_of({"word/document.xml": b"<w:document " + W.encode() + b"/>" + b" " * (4 << 20)}))
    # Forge the declared uncompressed size (local header and central directory) to 100 bytes.
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 100)
    struct.pack_into("<I", data, central + 24, 100)
    refuse(bytes(data))


def test_read_stops_at_the_limit_for_incompressible_data() -> None:
    package = safety.open_zip(zip_of({"big.bin": os.urandom(3 << 20)}), "台账.xlsx")
    with pytest.raises(DocumentError, match=r"台账\.xlsx"):
        package.read("big.bin", limit=1 << 20)
    assert package.names() == ["big.bin"]
    assert package.has("big.bin") and not package.has("x")


def test_too_many_members_is_refused() -> None:
    data = zip_of({f"word/part{i}.xml": b"" for i in range(safety.MAX_MEMBERS + 1)}, zipfile.ZIP_STORED)
    assert "过多" in refuse(data)


def test_total_declared_size_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_TOTAL_BYTES", 10_000)
    data = zip_of({f"word/p{i}.xml": os.urandom(4000) for i in range(4)})
    assert "过大" in refuse(data)


def test_encrypted_member_is_refused() -> None:
    data = bytearray(build_docx(["正文"]))
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + flag_offset] |= 0x01
            start += 4
    assert "加密" in refuse(bytes(data))


def test_corrupt_zip_is_refused() -> None:
    assert "损坏" in refuse(b"PK\x03\x04" + os.urandom(4000))


def test_truncated_file_is_refused() -> None:
    data = build_docx(["正文"] * 200)
    assert "损坏" in refuse(data[: len(data) // 2])


def test_corrupted_member_data_is_refused() -> None:
    data = bytearray(build_docx(["正文"] * 200))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + 60):
        data[offset] ^= 0x5A
    refuse(bytes(data))


def test_empty_file() -> None:
    assert "空文件" in refuse(b"")
    with pytest.raises(DocumentError, match="docx"):
        read_bytes(NAME, b"")


def test_ole_header_named_docx() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    refuse(ole)
    with pytest.raises(DocumentError, match="加密"):
        read_bytes(NAME, ole)


# --- packages that are not Word documents -------------------------------------------------------


def test_xlsx_renamed_docx() -> None:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    message = refuse(buffer.getvalue())
    assert "Excel" in message and "不是 Word 文档" in message


def test_pptx_and_odt_renamed_docx() -> None:
    assert "PowerPoint" in refuse(zip_of({"ppt/presentation.xml": b"<p/>", "_rels/.rels": b"<x/>"}))
    odt = zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    assert "OpenDocument" in refuse(odt)


def test_zip_without_document_xml() -> None:
    message = refuse(zip_of({"readme.txt": b"hello"}))
    assert "不是 Word 文档" in message and "另存为 .docx" in message


def test_document_with_wrong_root_element() -> None:
    assert "不是 Word 文档" in refuse(with_document(f"<w:glossaryDocument {W}/>"))


# --- hostile XML --------------------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + f"]>\n<w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)

XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    f"<w:document {W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


def test_billion_laughs_is_refused_without_expansion() -> None:
    assert "DOCTYPE" in refuse(with_document(BILLION_LAUGHS), max_peak_mb=16)


def test_external_entity_is_never_fetched() -> None:
    message = refuse(with_document(XXE))
    assert "root:" not in message and "/bin/" not in message


def test_doctype_in_utf16_is_refused() -> None:
    assert "DOCTYPE" in refuse(
        with_document(XXE.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>').encode("utf-16"))
    )


def test_parse_xml_refuses_entities_even_without_the_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "has_doctype", lambda data: False)
    with pytest.raises(DocumentError, match="DOCTYPE"):
        safety.parse_xml(XXE.encode(), NAME)
    with pytest.raises(DocumentError):
        safety.parse_xml(BILLION_LAUGHS.encode(), NAME)


def test_iter_xml_refuses_entities_even_without_the_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "has_doctype", lambda data: False)
    for tag in ("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t", "absent"):
        with pytest.raises(DocumentError, match="DOCTYPE"):
            list(safety.iter_xml(XXE.encode(), NAME, tag))
    with pytest.raises(DocumentError):
        list(safety.iter_xml(BILLION_LAUGHS.encode(), NAME, "lol"))


def test_iter_xml_parses_only_as_far_as_it_is_read() -> None:
    data = b"<r>" + b"<a>1</a>" * 5000 + b"<a>2</a><broken"
    assert next(safety.iter_xml(data, NAME, "a")).text == "1"
    with pytest.raises(DocumentError, match="损坏"):
        list(safety.iter_xml(data, NAME, "a"))
    with pytest.raises(DocumentError, match="损坏"):
        list(safety.iter_xml(b"", NAME, "a"))


def test_hostile_numbering_and_styles_parts_are_refused() -> None:
    numbered = build_docx([("正文", 1, 0)])
    refuse(replace_part(numbered, "word/numbering.xml", XXE.replace("w:document", "w:numbering")))
    styles = XXE.replace("w:document", "w:styles")
    refuse(replace_part(build_docx([Para("标题", style="Heading1")]), "word/styles.xml", styles))


def test_invalid_utf8_in_xml() -> None:
    xml = (
        f"<w:document {W}><w:body><w:p><w:r><w:t>".encode()
        + b"\xff\xfe\xc3("
        + b"</w:t></w:r></w:p></w:body></w:document>"
    )
    assert "损坏" in refuse(with_document(xml))


def test_malformed_and_empty_xml() -> None:
    refuse(with_document(f"<w:document {W}><w:body><w:p>"))
    refuse(with_document(b""))


def test_deep_nesting_is_refused() -> None:
    depth = 5000
    xml = f"<w:document {W}><w:body>" + "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth
    refuse(with_document(xml + "</w:body></w:document>"))


def test_broken_parts_that_are_needed_are_refused() -> None:
    refuse(replace_part(build_docx([("正文", 1, 0)]), "word/numbering.xml", b"<w:numbering"))
    moved = zip_of({"word/main.xml": b"<w:document/>", "_rels/.rels": b"<not xml"})
    refuse(moved)


def test_broken_parts_that_are_not_needed_are_not_read() -> None:
    data = replace_part(build_docx(["正文"]), "_rels/.rels", b"<not xml")
    data = replace_part(data, "word/_rels/document.xml.rels", b"\x00\x01")
    data = replace_part(data, "word/footer1.xml", b"<!DOCTYPE x>")
    assert read_docx_paragraphs(data, NAME) == ["正文"]


def read_or_refuse(data: bytes) -> None:
    """Read `data`; a refusal must be the reader's own, not its last-resort wrapping of a crash."""
    try:
        read_docx_paragraphs(data, NAME)
    except DocumentError as refused:
        assert refused.__cause__ is None, f"the reader crashed: {refused.__cause__!r}"


def test_no_other_exception_escapes_random_mutations() -> None:
    numbering = '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    numbering += '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
    numbering += '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    data = build_docx(["一、存在的问题", ("学习方面", 1, 0)], numbering)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {n: archive.read(n) for n in ("word/document.xml", "word/numbering.xml")}
    rng = random.Random(20261127)
    for _ in range(120):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        read_or_refuse(bytes(mutated))
        member, xml = rng.choice(sorted(parts.items()))
        broken = bytearray(xml)
        for _ in range(rng.randint(1, 4)):
            broken[rng.randrange(len(broken))] = rng.choice(b'<>&"/=0-9x\xff')
        read_or_refuse(replace_part(data, member, bytes(broken)))
