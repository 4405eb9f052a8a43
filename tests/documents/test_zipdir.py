"""Packages read without zipfile give what zipfile gives: the same bytes, or the same refusal."""

from __future__ import annotations

import io
import random

import docx
import pytest

from zhenggai.documents import safety, zipdir
from zhenggai.documents.errors import DocumentError


def package() -> bytes:
    document = docx.Document()
    for i in range(200):
        document.add_paragraph(f"第{i}段，对照检查材料。" * 3)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def outcome(data: bytes) -> list[tuple[str, bytes]] | str:
    """Every member's bytes, or the message of the refusal."""
    try:
        opened = safety.open_zip(data, "材料.docx")
        return [(name, opened.read(name)) for name in opened.names()]
    except DocumentError as exc:
        return exc.message


def test_a_plain_package_is_read_without_zipfile() -> None:
    opened = safety.open_zip(package(), "材料.docx")
    assert opened.read("word/document.xml").startswith(b"<?xml")
    assert opened._zip is None


@pytest.mark.parametrize("seed", range(4))
def test_a_damaged_package_gets_what_zipfile_gives(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    base = package()
    directory = base.rfind(b"PK\x01\x02")
    chance = random.Random(seed)
    for _ in range(150):
        data = bytearray(base)
        kind = chance.randrange(3)
        if kind == 0:
            for _ in range(chance.randrange(1, 4)):
                data[chance.randrange(len(data))] = chance.randrange(256)
        elif kind == 1:
            del data[chance.randrange(len(data)) :]
        else:  # the directories and headers, where zipdir decides
            at = directory - chance.randrange(2000) if chance.random() < 0.5 else chance.randrange(2000)
            data[at] = chance.randrange(256)
        ours = outcome(bytes(data))
        with monkeypatch.context() as patch:
            patch.setattr(zipdir, "directory", lambda data: None)
            assert ours == outcome(bytes(data))
