"""Damage the annotated documents the ways copying does (FORMATS.md) and adjust their annotations."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import opencc

from zhenggai.documents.text import decode_text

_S2T = opencc.OpenCC("s2t")
_ASCII = str.maketrans(
    {"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"}
)
_DOT = re.compile(r"(?m)^([一二三四五六七八九十]+)、")


def hard_wrap(text: str, width: int = 30) -> str:
    """Text as PDF extraction gives it: a line break every `width` characters, page footers between."""
    lines: list[str] = []
    page = 1
    for para in filter(None, (p.strip() for p in text.splitlines())):
        for i in range(0, len(para), width):
            lines.append(para[i : i + width])
            if len(lines) % 41 == 40:
                lines.append(f"第{page}页 共9页" if page % 2 else f"- {page} -")
                page += 1
    return "\n".join(lines)


def fuse(text: str) -> str:
    """The whole outline in one paragraph, as some web pages give it."""
    return "".join(line.strip() for line in text.splitlines())


def spaces_in_numbers(text: str) -> str:
    return re.sub(r"(\d+)", r" \1 ", text)


Transform = tuple[Callable[[str], str], Callable[[str], str]]
VARIANTS: dict[str, Transform] = {
    "wrap": (hard_wrap, lambda h: h),
    "traditional": (_S2T.convert, _S2T.convert),
    "ascii": (lambda t: t.translate(_ASCII), lambda h: h.translate(_ASCII)),
    "fused": (fuse, lambda h: h),
    "dot": (lambda t: _DOT.sub(r"\1.", t), lambda h: _DOT.sub(r"\1.", h)),
    "spaces": (spaces_in_numbers, lambda h: h),
    "traditional-wrap": (lambda t: hard_wrap(_S2T.convert(t), 28), _S2T.convert),
    "ascii-wrap": (lambda t: hard_wrap(t.translate(_ASCII), 34), lambda h: h.translate(_ASCII)),
}
ENCODINGS = {"gb18030": "gb18030", "bom": "utf-8-sig", "utf16": "utf-16", "crlf": "utf-8"}


def _retitle(gold: dict[str, Any], name: str, heading: Callable[[str], str]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(gold))
    out["file"] = name
    for part in out["parts"]:
        part["heading"] = heading(part["heading"])
        for item in part["items"]:
            item["heading"] = heading(item["heading"])
    return out


def write_variants(source_dir: Path, target: Path) -> int:
    """Write every variant of every annotated document of `source_dir` into `target` (+ gold/)."""
    (target / "gold").mkdir(parents=True, exist_ok=True)
    n = 0
    for gold_path in sorted((source_dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text, _ = decode_text((source_dir / gold["file"]).read_bytes())
        text = text.replace("\r\n", "\n")
        stem = Path(gold["file"]).stem
        for name, (change_text, change_heading) in VARIANTS.items():
            if name in ("dot", "fused") and re.search(r"[。.]([一二三四五六七八九十]+)、", text):
                continue  # a heading already glued mid-line would keep its 、 : no clean annotation
            out_name = f"{stem}-{name}.txt"
            (target / out_name).write_text(change_text(text), encoding="utf-8")
            doc = _retitle(gold, out_name, change_heading)
            (target / "gold" / f"{stem}-{name}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
            n += 1
        for name, encoding in ENCODINGS.items():
            out_name = f"{stem}-{name}.txt"
            body = text.replace("\n", "\r\n") if name == "crlf" else text
            (target / out_name).write_bytes(body.encode(encoding))
            doc = _retitle(gold, out_name, lambda h: h)
            (target / "gold" / f"{stem}-{name}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
            n += 1
    return n
