"""ZG201–ZG206: outline numbering — gaps, repeats, styles that do not fit their level, mixed styles."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents.checks.base import CheckContext, Finding, Rule, Severity
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.markers import CIRCLED, STYLE_BY_KEY, int_to_chinese
from zhenggai.documents.model import Block, Node, Report
from zhenggai.documents.outline import build_tree

#: GB/T 9704-2012: 一、 / （一） / 1. / （1）, by depth in the outline.
_STYLE_AT_DEPTH = {1: "cn", 2: "cn_paren", 3: "arabic", 4: "arabic_paren"}
_GB_STYLES = frozenset(_STYLE_AT_DEPTH.values())


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Walk every group of sibling headings of the outline."""
    yield from _half_width(report)
    roots = build_tree(report.blocks)
    todo: list[tuple[list[Node], int, Block | None]] = [(roots, 1, None)]
    while todo:
        nodes, depth, parent = todo.pop()
        headings = [n for n in nodes if n.block.kind == "heading"]
        yield from _siblings([n.block for n in headings], depth, parent)
        todo.extend((n.children, depth + 1, n.block) for n in headings if n.children)


def _half_width(report: Report) -> Iterator[Finding]:
    """Markers in ASCII parentheses, (一) for （一）: one finding for the whole document."""
    blocks = [b for b in report.blocks if b.kind == "heading" and b.marker.lstrip().startswith("(")]
    if blocks:
        first = blocks[0]
        marker = first.marker.strip()
        full = marker.replace("(", "（").replace(")", "）")
        more = f"全文共{len(blocks)}处，" if len(blocks) > 1 else ""
        message = f"标题编号“{marker}”使用了半角括号，{more}请改为全角“{full}”"
        yield _finding("ZG206", "warning", message, first)


def marker_label(style: str, number: int, like: str = "") -> str:
    """How the marker of `number` is written in `style` (after the punctuation of `like`)."""
    if style in ("cn", "cn_paren", "part"):
        numeral = int_to_chinese(number) if 0 < number < 100 else str(number)
    elif style == "circled":
        numeral = CIRCLED[number - 1] if 0 < number <= len(CIRCLED) else str(number)
    else:
        numeral = str(number)
    if style in ("cn_paren", "arabic_paren"):
        return f"（{numeral}）"
    if style == "part":
        return f"第{numeral}部分"
    if style == "circled":
        return numeral
    if style == "arabic_half_paren":
        return f"{numeral}）"
    end = like.rstrip()[-1:] if like.rstrip()[-1:] in ("、", ".", "．") else ("、" if style == "cn" else ".")
    return f"{numeral}{end}"


def _finding(code: str, severity: Severity, message: str, block: Block) -> Finding:
    return Finding(code, severity, message, block.line, block.offset + 1, excerpt(block.text))


def _siblings(blocks: list[Block], depth: int, parent: Block | None) -> Iterator[Finding]:
    yield from _sequence(blocks, depth)
    yield from _level_fit(blocks, depth, parent)
    yield from _mixed(blocks)


def _sequence(blocks: list[Block], depth: int) -> Iterator[Finding]:
    previous: dict[str, Block] = {}
    for block in blocks:
        prev = previous.get(block.style)
        previous[block.style] = block
        n = block.number
        if prev is None:
            if n != 1 and block.style in _GB_STYLES:
                first = marker_label(block.style, 1, block.marker)
                code = "ZG205" if depth == 1 and block.style == "cn" else "ZG201"
                msg = f"编号应从“{first}”开始，这里第一个是“{block.marker.strip()}”，请检查是否漏写或编错"
                yield _finding(code, "error", msg, block)
            continue
        if n == prev.number + 1 or n == 1:
            continue
        if n > prev.number + 1:
            missing = marker_label(block.style, prev.number + 1, prev.marker)
            msg = f"编号跳号：“{prev.marker.strip()}”之后是“{block.marker.strip()}”，缺少“{missing}”，请重新编号"
            yield _finding("ZG201", "error", msg, block)
        else:
            expected = marker_label(block.style, prev.number + 1, prev.marker)
            what = "重复" if n == prev.number else "顺序颠倒"
            msg = f"编号{what}：“{prev.marker.strip()}”之后又是“{block.marker.strip()}”，应为“{expected}”，请重新编号"
            yield _finding("ZG202", "error", msg, block)


def _level_fit(blocks: list[Block], depth: int, parent: Block | None) -> Iterator[Finding]:
    """The first heading of a group whose GB/T 9704 style belongs to another level."""
    expected = _expected_style(depth, parent)
    if expected is None:
        return
    for block in blocks:
        if block.style in _GB_STYLES and block.style != expected:
            want = STYLE_BY_KEY[expected].label
            have = STYLE_BY_KEY[block.style].label
            where = f"“{parent.marker.strip()}”之下" if parent else "第一层"
            msg = f"{where}的标题应使用“{want}”式编号，这里用了“{have}”式（GB/T 9704：一、/（一）/1./（1）），请调整层级编号"
            yield _finding("ZG203", "warning", msg, block)
            return


def _expected_style(depth: int, parent: Block | None) -> str | None:
    if parent is None:
        return "cn"
    if parent.style not in _GB_STYLES:
        return None
    level = STYLE_BY_KEY[parent.style].level
    return _STYLE_AT_DEPTH.get(level + 1)


def _form(block: Block) -> str:
    """The written form of a marker: its style and its punctuation (1. and 1、 differ)."""
    marker = block.marker.strip()
    tail = "" if block.style in ("cn_paren", "arabic_paren") else marker[-1:]
    parens = "half" if marker.startswith("(") else "full" if marker.startswith("（") else ""
    return f"{block.style}:{tail}:{parens}"


def _mixed(blocks: list[Block]) -> Iterator[Finding]:
    """Siblings written in more than one form: report the first that differs from the majority."""
    if len(blocks) < 2:
        return
    counts: dict[str, int] = {}
    for block in blocks:
        counts[_form(block)] = counts.get(_form(block), 0) + 1
    if len(counts) < 2:
        return
    major = max(counts, key=lambda f: (counts[f], -_first_index(blocks, f)))
    model = next(b for b in blocks if _form(b) == major)
    for block in blocks:
        if _form(block) != major:
            msg = (
                f"同级标题编号格式不统一：这里是“{block.marker.strip()}”，"
                f"同级其他标题用“{model.marker.strip()}”这种格式，请统一"
            )
            yield _finding("ZG204", "warning", msg, block)
            return


def _first_index(blocks: list[Block], form: str) -> int:
    return next(i for i, b in enumerate(blocks) if _form(b) == form)


RULE = Rule(
    "numbering",
    ("ZG201", "ZG202", "ZG203", "ZG204", "ZG205", "ZG206"),
    "标题编号：跳号、重复、层级与编号格式不符（一、/（一）/1./（1））、同级格式不统一、一级标题不从“一、”开始、编号用半角括号",
    check,
)
