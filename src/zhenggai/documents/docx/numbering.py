"""Word's automatic numbering: numbering.xml's lists and levels, and the counters Word keeps for them."""

from __future__ import annotations

from lxml import etree

from zhenggai.documents import regex
from zhenggai.documents.docx.number_formats import custom_format, format_number
from zhenggai.documents.docx.styles import Styles
from zhenggai.documents.docx.wordml import Tags, int_attr, int_val, is_on
from zhenggai.documents.record import field, record
from zhenggai.documents.safety import SafeZip, parse_xml

MAX_LEVELS = 9
_PLACEHOLDER = regex.compile(r"%([1-9])")
_LINK_DEPTH = 8


@record()
class _Level:
    """One w:lvl: where it starts, its number format, its text (%1、), restarts and style."""

    start: int = 0
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    legal: bool = False
    style: str | None = None
    #: lvlText split into literal strings and 0-based level indexes (for %1..%9); empty for bullets.
    parts: tuple[str | int, ...] = ()

    def __post_init__(self) -> None:
        if self.text and self.fmt != "bullet":
            pieces = _PLACEHOLDER.split(self.text)
            self.parts = tuple(int(x) - 1 if i % 2 else x for i, x in enumerate(pieces) if x)


@record()
class _List:
    """One w:num resolved for counting: its counter key, levels, start values and restarts."""

    key: object
    levels: list[_Level | None]
    starts: list[int]
    #: For each level, the lower levels that a paragraph at that level restarts.
    resets: list[tuple[int, ...]]


@record()
class _Abstract:
    """A w:abstractNum: its levels, or the list style it takes them from (numStyleLink)."""

    levels: dict[int, _Level] = field(default_factory=dict)
    style_link: str | None = None


@record()
class _Num:
    """A w:num: the abstractNum it counts with, and the levels and starts it overrides."""

    abstract_id: int
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)


class Numbering:
    """numbering.xml (and the numbering of paragraph styles), parsed on first need, with Word's counters."""

    def __init__(self, package: SafeZip, part: str, styles: Styles | None, tags: Tags, name: str) -> None:
        self._package = package
        self._part = part
        self._styles = styles
        self._tags = tags
        self._name = name
        self._abstracts: dict[int, _Abstract] | None = None
        self._nums: dict[int, _Num] = {}
        self._counters: dict[object, list[int | None]] = {}
        self._lists: dict[int, _List | None] = {}

    def label(self, num_id: int | None, ilvl: int | None, style_id: str | None) -> str:
        """Advance the counters for one paragraph and return its rendered number ('' if none)."""
        if style_id is not None and self._styles is not None and (num_id is None or ilvl is None):
            style_num, style_ilvl = self._styles.numbering(style_id)
            num_id = style_num if num_id is None else num_id
            ilvl = style_ilvl if ilvl is None else ilvl
        if not num_id or num_id < 0:
            return ""
        if num_id not in self._lists:
            self._lists[num_id] = self._plan(num_id)
        plan = self._lists[num_id]
        if plan is None:
            return ""
        if ilvl is None:
            ilvl = next(
                (i for i, lv in enumerate(plan.levels) if lv and style_id and lv.style == style_id), 0
            )
        if not 0 <= ilvl < MAX_LEVELS:
            return ""
        return self._advance(plan, ilvl)

    def _advance(self, plan: _List, ilvl: int) -> str:
        lvl = plan.levels[ilvl]
        if lvl is None:
            return ""
        counters = self._counters.get(plan.key)
        if counters is None:
            counters = self._counters[plan.key] = [None] * MAX_LEVELS
        current = counters[ilvl]
        counters[ilvl] = plan.starts[ilvl] if current is None else current + 1
        for lower in plan.resets[ilvl]:
            counters[lower] = None
        out = []
        for part in lvl.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            value = counters[part]
            shown = plan.levels[part]
            fmt = "decimal" if lvl.legal or shown is None else shown.fmt
            out.append(format_number(plan.starts[part] if value is None else value, fmt))
        return "".join(out)

    def _plan(self, num_id: int) -> _List | None:
        """Resolve a w:num once: its abstractNum (through numStyleLink), overrides and restarts."""
        self._load()
        resolved = self._resolve(num_id)
        if resolved is None:
            return None
        num_id, num, abstract = resolved
        levels = [num.levels.get(i) or abstract.levels.get(i) for i in range(MAX_LEVELS)]
        starts = [num.starts.get(i, lv.start if lv else 0) for i, lv in enumerate(levels)]
        # Lists sharing an abstractNum continue one another, unless a w:num restarts it (as Word does).
        key: object = ("num", num_id) if num.starts or num.levels else num.abstract_id
        return _List(key, levels, starts, [_restarted_by(ilvl, levels) for ilvl in range(MAX_LEVELS)])

    def _resolve(self, num_id: int) -> tuple[int, _Num, _Abstract] | None:
        """The w:num and its abstractNum, following numStyleLink through list styles."""
        assert self._abstracts is not None
        for _ in range(_LINK_DEPTH):
            num = self._nums.get(num_id)
            abstract = self._abstracts.get(num.abstract_id) if num else None
            if num is None or abstract is None:
                return None
            if abstract.style_link is None or self._styles is None:
                return num_id, num, abstract
            linked, _ilvl = self._styles.numbering(abstract.style_link)
            if not linked or linked == num_id:
                return num_id, num, abstract
            num_id = linked
        return None

    def _load(self) -> None:
        if self._abstracts is not None:
            return
        tg = self._tags
        root = parse_xml(self._package.read(self._part), self._name)
        self._abstracts = {}
        for el in root.iter(tg.abstractNum):
            ident = int_attr(el, tg.abstractNumId)
            if ident is not None and ident not in self._abstracts:
                link = el.find(tg.numStyleLink)
                self._abstracts[ident] = _Abstract(
                    levels=self._levels(el), style_link=link.get(tg.val) if link is not None else None
                )
        for el in root.iter(tg.num):
            ident = int_attr(el, tg.numId)
            abstract_id = int_val(el.find(tg.abstractNumId), tg.val)
            if ident is not None and abstract_id is not None and ident not in self._nums:
                self._nums[ident] = self._num(el, abstract_id)

    def _num(self, el: etree._Element, abstract_id: int) -> _Num:
        tg = self._tags
        num = _Num(abstract_id)
        for override in el.iter(tg.lvlOverride):
            ilvl = int_attr(override, tg.ilvl)
            if ilvl is None:
                continue
            start = int_val(override.find(tg.startOverride), tg.val)
            if start is not None:
                num.starts[ilvl] = start
            lvl = override.find(tg.lvl)
            if lvl is not None:
                num.levels[ilvl] = self._level(lvl)
        return num

    def _levels(self, abstract: etree._Element) -> dict[int, _Level]:
        levels: dict[int, _Level] = {}
        for el in abstract.iter(self._tags.lvl):
            ilvl = int_attr(el, self._tags.ilvl)
            if ilvl is not None and 0 <= ilvl < MAX_LEVELS:
                levels.setdefault(ilvl, self._level(el))
        return levels

    def _level(self, el: etree._Element) -> _Level:
        tg = self._tags
        text = el.find(tg.lvlText)
        style = el.find(tg.pStyle)
        return _Level(
            start=int_val(el.find(tg.start), tg.val) or 0,
            fmt=self._format(el),
            text=text.get(tg.val) if text is not None else None,
            restart=int_val(el.find(tg.lvlRestart), tg.val),
            legal=is_on(el.find(tg.isLgl), tg.val),
            style=style.get(tg.val) if style is not None else None,
        )

    def _format(self, lvl: etree._Element) -> str:
        """The level's w:numFmt; a custom one (Word 2013+, LibreOffice: "001, 002, 003, ...") when known."""
        tg = self._tags
        fmt = lvl.find(tg.numFmt)
        if fmt is not None:
            return fmt.get(tg.val) or "decimal"
        # <mc:AlternateContent><mc:Choice><w:numFmt w:val="custom" w:format="…"/></mc:Choice>
        # <mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>
        fallback = "decimal"
        for found in lvl.iter(tg.numFmt):
            value = found.get(tg.val) or "decimal"
            if value == "custom":
                custom = custom_format(found.get(tg.format) or "")
                if custom is not None:
                    return custom
            elif found.getparent() is not None and found.getparent().tag == tg.fallback:  # type: ignore[union-attr]  # checked just before
                fallback = value
        return fallback


def _restarted_by(ilvl: int, levels: list[_Level | None]) -> tuple[int, ...]:
    """The lower levels a paragraph at `ilvl` restarts.

    A lower level restarts after any higher one unless its w:lvlRestart says otherwise (0: never;
    n: only after levels 1..n, 1-based).
    """
    return tuple(
        lower
        for lower in range(ilvl + 1, MAX_LEVELS)
        if (restart := lv.restart if (lv := levels[lower]) else None) is None
        or (restart != 0 and ilvl < restart)
    )
