"""Read the paragraphs of a .docx straight from its XML, with Word's automatic numbering as text."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.safety import SafeZip, advice, has_doctype, open_zip, parse_xml

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH = {
    W_TRANSITIONAL: "{http://schemas.openxmlformats.org/officeDocument/2006/math}",
    W_STRICT: "{http://purl.oclc.org/ooxml/officeDocument/math}",
}
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

_MAX_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_LINK_DEPTH = 8
_UNSET = object()


# Local names of the WordprocessingML elements the reader looks at.
_W_NAMES = (  # noqa: SIM905
    "document body p pPr pStyle numPr numId ilvl rPr t tab ptab br cr noBreakHyphen softHyphen "
    "sym moveFrom vanish r rt style basedOn abstractNum abstractNumId num lvl start numFmt "
    "lvlText lvlRestart isLgl lvlOverride startOverride numStyleLink styleLink"
).split()


class _Tags:
    """Qualified tag and attribute names of one WordprocessingML namespace, built once."""

    def __init__(self, ns: str) -> None:
        w = "{" + ns + "}"
        for local in _W_NAMES:
            setattr(self, local, w + local)
        self.deleted = w + "del"  # `del` is a keyword
        self.val = w + "val"
        self.type = w + "type"
        self.char = w + "char"
        self.styleId = w + "styleId"
        self.m_t = _MATH[ns] + "t"
        self.choice = _MC + "Choice"
        self.fallback = _MC + "Fallback"

    # Declared for the type checker; set in __init__.
    document: str
    body: str
    p: str
    pPr: str
    pStyle: str
    numPr: str
    numId: str
    ilvl: str
    rPr: str
    t: str
    tab: str
    ptab: str
    br: str
    cr: str
    noBreakHyphen: str
    softHyphen: str
    sym: str
    vanish: str
    r: str
    style: str
    basedOn: str
    abstractNum: str
    abstractNumId: str
    num: str
    lvl: str
    start: str
    numFmt: str
    lvlText: str
    lvlRestart: str
    isLgl: str
    lvlOverride: str
    startOverride: str
    numStyleLink: str
    styleLink: str
    moveFrom: str
    rt: str


_TAGS = {ns: _Tags(ns) for ns in (W_TRANSITIONAL, W_STRICT)}


def read_docx_paragraphs(data: bytes, name: str) -> list[str]:
    """The text of every paragraph of a .docx in reading order, automatic numbering in front.

    A line break inside a paragraph (Shift+Enter) starts a new output paragraph. Raises
    DocumentError, with a message for the user, for anything that cannot be read.
    """
    try:
        return _read(data, name)
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError(f"“{name}”结构嵌套过深，无法读取。{advice(name)}。") from None
    except Exception as exc:  # a reader of hostile files must never leak a traceback
        raise DocumentError(f"“{name}”无法读取（{type(exc).__name__}）。{advice(name)}。") from exc


def _read(data: bytes, name: str) -> list[str]:
    package = open_zip(data, name)
    main = _main_part(package, name)
    raw = package.read(main)
    root = parse_xml(raw, name)
    tags = _TAGS.get(etree.QName(root).namespace or "")
    if tags is None or root.tag != tags.document:
        raise DocumentError(_not_word(package, name))
    body = root.find(tags.body)
    if body is None:
        return []
    # Cheap byte tests spare most documents the numbering and tracked-change look-ups.
    numbering = None
    if b"numPr" in raw or b"pStyle" in raw:
        numbering = _Numbering.for_package(package, main, tags, name)
    hidden = b"vanish" in raw
    if hidden:
        _drop_hidden_runs(body, tags)
    return _Walker(tags, numbering, marks=hidden or b":del" in raw or b"<del" in raw).walk(body)


# --- the package ------------------------------------------------------------------------------


def _main_part(package: SafeZip, name: str) -> str:
    """The main document part, as the package relationships name it (word/document.xml as a rule)."""
    if package.has("word/document.xml"):  # the rule; relationships only for the odd package
        return "word/document.xml"
    target = _relationship_targets(package, "", "_rels/.rels", name).get("officeDocument")
    if target and package.has(target) and not target.startswith(("xl/", "ppt/")):
        return target
    raise DocumentError(_not_word(package, name))


def _relationship_targets(package: SafeZip, base: str, rels: str, name: str) -> dict[str, str]:
    """Map the last segment of each relationship type to its internal target part name."""
    if not package.has(rels):
        return {}
    root = parse_xml(package.read(rels, limit=4 * 1024 * 1024), name)
    found: dict[str, str] = {}
    for rel in root.iter(_REL):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target")
        if not target or rel.get("TargetMode") == "External" or kind in found:
            continue
        path = target[1:] if target.startswith("/") else posixpath.join(base, target)
        found[kind] = posixpath.normpath(path)
    return found


def _not_word(package: SafeZip, name: str) -> str:
    names = package.names()
    if any(n.startswith("xl/") for n in names):
        kind = "Excel 表格（.xlsx）"
    elif any(n.startswith("ppt/") for n in names):
        kind = "PowerPoint 演示文稿（.pptx）"
    elif package.has("mimetype") and package.read("mimetype", limit=1024).startswith(
        b"application/vnd.oasis.opendocument"
    ):
        kind = "OpenDocument 文件（.odt 等）"
    else:
        return f"“{name}”不是 Word 文档（找不到 Word 正文部分 word/document.xml）。请用 Word 打开后另存为 .docx 再上传。"
    return f"“{name}”实际上是{kind}，不是 Word 文档。请上传对照检查材料的 .docx 文件，或用 Word 另存为 .docx 再上传。"


def _drop_hidden_runs(body: etree._Element, tags: _Tags) -> None:
    """Remove runs formatted as hidden text (w:vanish), which Word does not display."""
    hidden = [v.getparent() for v in body.iter(tags.vanish) if _is_on(v, tags.val)]
    for rpr in hidden:
        run = rpr.getparent() if rpr is not None else None
        if run is not None and run.tag == tags.r and (parent := run.getparent()) is not None:
            parent.remove(run)


# --- the walk over the body -------------------------------------------------------------------


class _Para:
    """Output being built for one paragraph: finished segments and the current one."""

    __slots__ = ("cur", "done", "merge", "prefix", "soft")

    def __init__(self, prefix: str, carry: list[str], merge: bool = False) -> None:
        self.prefix = prefix
        self.done: list[str] = []
        self.cur: list[str] = carry
        self.soft = False  # the last split was a page or column break
        self.merge = merge  # the paragraph mark is deleted or hidden: join the next paragraph

    def split(self, soft: bool) -> None:
        # A page break before the first text or at the end is layout, not a paragraph of its own.
        if soft and not any(self.cur):
            return
        self.done.append("".join(self.cur))
        self.cur = []
        self.soft = soft

    def finish(self) -> None:
        if not (self.soft and not any(self.cur)) or not self.done:
            self.done.append("".join(self.cur))
        if self.prefix:
            self.done[0] = self.prefix + self.done[0]


class _Walker:
    """One pass over the body with precompiled tags, skipping what Word does not display."""

    def __init__(self, tags: _Tags, numbering: _Numbering | None, marks: bool) -> None:
        self.tags = tags
        self.numbering = numbering
        self.marks = marks  # paragraph marks may be deleted or hidden

    def walk(self, body: etree._Element) -> list[str]:
        tg = self.tags
        # Locals: this loop runs once per text element, attribute look-ups would dominate it.
        t, m_t, p, br, cr, sym = tg.t, tg.m_t, tg.p, tg.br, tg.cr, tg.sym
        choice, fallback = tg.choice, tg.fallback
        simple = {tg.tab: " ", tg.ptab: " ", tg.noBreakHyphen: "-", tg.softHyphen: ""}
        # Tab stops in w:pPr are not text; w:rt is the phonetic guide (pinyin) above w:rubyBase.
        skip = {tg.deleted, tg.moveFrom, tg.pPr, tg.rt}
        walker = etree.iterwalk(
            body, events=("start", "end"), tag=(p, t, m_t, br, cr, sym, choice, fallback, *simple, *skip)
        )
        slots: list[_Para] = []
        stack: list[_Para] = []
        para: _Para | None = None
        carry: list[str] = []
        for event, el in walker:
            tag = el.tag
            if event == "end":
                if tag == p and para is not None:
                    if para.merge:  # a deleted or hidden paragraph mark joins it to the next one
                        carry = [para.prefix, *para.cur] if para.prefix else para.cur
                        para.cur = []
                    else:
                        para.finish()
                    para = stack.pop() if stack else None
            elif tag in (t, m_t):
                if para is not None and (text := el.text):
                    para.cur.append(text)
            elif tag == p:
                if para is not None:
                    stack.append(para)
                para = self._start(el, carry)
                carry = []
                slots.append(para)
            elif tag in skip or ((tag in (choice, fallback)) and self._other_branch(el)):
                walker.skip_subtree()
            elif para is None:
                continue
            elif tag in simple:
                para.cur.append(simple[tag])
            elif tag in (br, cr):
                para.split(el.get(tg.type) in ("page", "column"))
            elif tag == sym:
                para.cur.append(_symbol(el.get(tg.char)))
        if carry:  # the last paragraph mark was deleted or hidden: its text still shows
            slots.append(_Para("", carry))
            slots[-1].finish()
        return [text for para in slots for text in para.done]

    def _start(self, p: etree._Element, carry: list[str]) -> _Para:
        tg = self.tags
        first = p[0] if len(p) else None  # w:pPr is always the first child
        if first is None or first.tag != tg.pPr:
            return _Para("", carry)
        deleted = hidden = False
        if self.marks and (rpr := _child(first, tg.rPr)) is not None:
            deleted = _child(rpr, tg.deleted) is not None
            # Word's style separator: a hidden paragraph mark runs the heading into the next paragraph.
            hidden = _is_on(_child(rpr, tg.vanish), tg.val)
        if self.numbering is None or deleted:
            return _Para("", carry, deleted or hidden)
        return _Para(self._label(first), carry, hidden)

    def _label(self, ppr: etree._Element) -> str:
        assert self.numbering is not None
        tg = self.tags
        num_id = ilvl = None
        numpr = _child(ppr, tg.numPr)
        if numpr is not None:
            num_id = _int_val(_child(numpr, tg.numId), tg.val)
            ilvl = _int_val(_child(numpr, tg.ilvl), tg.val)
        first = ppr[0] if len(ppr) else None  # w:pStyle, when present, comes first
        style_id = first.get(tg.val) if first is not None and first.tag == tg.pStyle else None
        if num_id is None and style_id is None:
            return ""
        return self.numbering.label(num_id, ilvl, style_id)

    def _other_branch(self, el: etree._Element) -> bool:
        """True for every mc:AlternateContent branch but the one read (the first mc:Choice)."""
        parent = el.getparent()
        first = _child(parent, self.tags.choice) if parent is not None else None
        return first is not None and first is not el


def _is_on(el: etree._Element | None, val: str) -> bool:
    """A present on/off property (w:vanish, w:isLgl) whose w:val does not switch it off."""
    return el is not None and el.get(val) not in ("0", "false", "off")


def _child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child named `tag` (iterchildren filters in C; find() goes through ElementPath)."""
    for child in el.iterchildren(tag):
        return child
    return None


def _symbol(code: str | None) -> str:
    """A w:sym character; symbol-font code points (U+F0xx) have no Unicode meaning and are dropped."""
    try:
        value = int(code or "", 16)
    except ValueError:
        return ""
    if value < 0x20 or 0xF000 <= value <= 0xF0FF or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return ""
    return chr(value)


def _int_val(el: etree._Element | None, val: str) -> int | None:
    if el is None:
        return None
    try:
        return int(el.get(val) or "")
    except ValueError:
        return None


# --- automatic numbering ----------------------------------------------------------------------


@dataclass(slots=True)
class _Level:
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


@dataclass(slots=True)
class _List:
    """One w:num resolved for counting: its counter key, levels, start values and restarts."""

    key: object
    levels: list[_Level | None]
    starts: list[int]
    #: For each level, the lower levels that a paragraph at that level restarts.
    resets: list[tuple[int, ...]]


@dataclass(slots=True)
class _Abstract:
    levels: dict[int, _Level] = field(default_factory=dict)
    style_link: str | None = None


@dataclass(slots=True)
class _Num:
    abstract_id: int
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)


class _Numbering:
    """numbering.xml (and the numbering of paragraph styles), parsed on first need, with Word's counters."""

    def __init__(self, package: SafeZip, part: str, styles: _Styles | None, tags: _Tags, name: str) -> None:
        self._package = package
        self._part = part
        self._styles = styles
        self._tags = tags
        self._name = name
        self._abstracts: dict[int, _Abstract] | None = None
        self._nums: dict[int, _Num] = {}
        self._counters: dict[object, list[int | None]] = {}
        self._lists: dict[int, _List | object | None] = {}

    @classmethod
    def for_package(cls, package: SafeZip, main: str, tags: _Tags, name: str) -> _Numbering | None:
        """None when the document has no numbering part, so paragraphs are never inspected for it."""
        base = posixpath.dirname(main)
        part, style_part = posixpath.join(base, "numbering.xml"), posixpath.join(base, "styles.xml")
        if not (package.has(part) and package.has(style_part)):  # unusual names: ask the relationships
            rels = posixpath.join(base, "_rels", posixpath.basename(main) + ".rels")
            targets = _relationship_targets(package, base, rels, name)
            part = targets.get("numbering") or part
            style_part = targets.get("styles") or style_part
        if not package.has(part):
            return None
        styles = _Styles(package, style_part, tags, name) if package.has(style_part) else None
        return cls(package, part, styles, tags, name)

    def label(self, num_id: int | None, ilvl: int | None, style_id: str | None) -> str:
        """Advance the counters for one paragraph and return its rendered number ('' if none)."""
        if style_id is not None and self._styles is not None and (num_id is None or ilvl is None):
            style_num, style_ilvl = self._styles.numbering(style_id)
            num_id = style_num if num_id is None else num_id
            ilvl = style_ilvl if ilvl is None else ilvl
        if not num_id or num_id < 0:
            return ""
        plan = self._lists.get(num_id, _UNSET)
        if plan is _UNSET:
            plan = self._lists[num_id] = self._plan(num_id)
        if plan is None:
            return ""
        assert isinstance(plan, _List)
        if ilvl is None:
            ilvl = next(
                (i for i, lv in enumerate(plan.levels) if lv and style_id and lv.style == style_id), 0
            )
        if not 0 <= ilvl < _MAX_LEVELS:
            return ""
        return self._advance(plan, ilvl)

    def _advance(self, plan: _List, ilvl: int) -> str:
        lvl = plan.levels[ilvl]
        if lvl is None:
            return ""
        counters = self._counters.get(plan.key)
        if counters is None:
            counters = self._counters[plan.key] = [None] * _MAX_LEVELS
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
        levels = [num.levels.get(i) or abstract.levels.get(i) for i in range(_MAX_LEVELS)]
        starts = [num.starts.get(i, lv.start if lv else 0) for i, lv in enumerate(levels)]
        resets = []
        for ilvl in range(_MAX_LEVELS):
            # A lower level restarts after any higher one unless its w:lvlRestart says otherwise
            # (0: never; n: only after levels 1..n, 1-based).
            resets.append(
                tuple(
                    lower
                    for lower in range(ilvl + 1, _MAX_LEVELS)
                    if (restart := lv.restart if (lv := levels[lower]) else None) is None
                    or (restart != 0 and ilvl < restart)
                )
            )
        # Lists sharing an abstractNum continue one another, unless a w:num restarts it (as Word does).
        key: object = ("num", num_id) if num.starts or num.levels else num.abstract_id
        return _List(key, levels, starts, resets)

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
            ident = _int_attr(el, tg.abstractNumId)
            if ident is not None and ident not in self._abstracts:
                link = el.find(tg.numStyleLink)
                self._abstracts[ident] = _Abstract(
                    levels=self._levels(el), style_link=link.get(tg.val) if link is not None else None
                )
        for el in root.iter(tg.num):
            ident = _int_attr(el, tg.numId)
            abstract_id = _int_val(el.find(tg.abstractNumId), tg.val)
            if ident is None or abstract_id is None or ident in self._nums:
                continue
            num = _Num(abstract_id)
            for override in el.iter(tg.lvlOverride):
                ilvl = _int_attr(override, tg.ilvl)
                if ilvl is None:
                    continue
                start = _int_val(override.find(tg.startOverride), tg.val)
                if start is not None:
                    num.starts[ilvl] = start
                lvl = override.find(tg.lvl)
                if lvl is not None:
                    num.levels[ilvl] = self._level(lvl)
            self._nums[ident] = num

    def _levels(self, abstract: etree._Element) -> dict[int, _Level]:
        levels: dict[int, _Level] = {}
        for el in abstract.iter(self._tags.lvl):
            ilvl = _int_attr(el, self._tags.ilvl)
            if ilvl is not None and 0 <= ilvl < _MAX_LEVELS:
                levels.setdefault(ilvl, self._level(el))
        return levels

    def _level(self, el: etree._Element) -> _Level:
        tg = self._tags
        text = el.find(tg.lvlText)
        legal = el.find(tg.isLgl)
        style = el.find(tg.pStyle)
        return _Level(
            start=_int_val(el.find(tg.start), tg.val) or 0,
            fmt=(fmt.get(tg.val) or "decimal") if (fmt := el.find(tg.numFmt)) is not None else "decimal",
            text=text.get(tg.val) if text is not None else None,
            restart=_int_val(el.find(tg.lvlRestart), tg.val),
            legal=_is_on(legal, tg.val),
            style=style.get(tg.val) if style is not None else None,
        )


def _int_attr(el: etree._Element, attr: str) -> int | None:
    try:
        return int(el.get(attr) or "")
    except ValueError:
        return None


# --- paragraph styles -------------------------------------------------------------------------

_STYLE_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:)?style[\s/>]")
_STYLES_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?styles[\s/>]")


class _Styles:
    """The numbering that paragraph styles carry (w:style/w:pPr/w:numPr through w:basedOn).

    styles.xml can be large (350 KB in python-docx's template) while a document uses a handful of
    styles, so each style is cut out of the raw bytes and parsed alone; anything unusual falls
    back to parsing the whole part.
    """

    def __init__(self, package: SafeZip, part: str, tags: _Tags, name: str) -> None:
        self._package = package
        self._part = part
        self._tags = tags
        self._name = name
        self._data: bytes | None = None
        self._numbered = False
        self._elements: dict[str, etree._Element | None] = {}
        self._full: dict[str, etree._Element] | None = None
        self._cache: dict[str, tuple[int | None, int | None]] = {}

    def numbering(self, style_id: str) -> tuple[int | None, int | None]:
        """(numId, ilvl) that the style gives its paragraphs, inherited through w:basedOn."""
        if style_id not in self._cache:
            self._cache[style_id] = self._lookup(style_id)
        return self._cache[style_id]

    def _lookup(self, style_id: str) -> tuple[int | None, int | None]:
        tg = self._tags
        num_id = ilvl = None
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen and len(seen) < _LINK_DEPTH * 4:
            seen.add(current)
            style = self._element(current)
            if style is None:
                break
            numpr = ppr.find(tg.numPr) if (ppr := style.find(tg.pPr)) is not None else None
            if numpr is not None:
                num_id = _int_val(numpr.find(tg.numId), tg.val) if num_id is None else num_id
                ilvl = _int_val(numpr.find(tg.ilvl), tg.val) if ilvl is None else ilvl
            if num_id is not None and ilvl is not None:
                break
            based = style.find(tg.basedOn)
            current = based.get(tg.val) if based is not None else None
        return num_id, ilvl

    def _element(self, style_id: str) -> etree._Element | None:
        if self._data is None:
            self._data = self._package.read(self._part)
            if has_doctype(self._data):
                parse_xml(self._data, self._name)  # raises the refusal
            self._numbered = b"numPr" in self._data
        if not self._numbered:
            return None
        if self._full is not None:
            return self._full.get(style_id)
        if style_id not in self._elements:
            self._elements[style_id] = self._cut(style_id)
        found = self._elements[style_id]
        if found is None and self._full is None:
            self._parse_all()
            return self._full.get(style_id) if self._full is not None else None
        return found

    def _cut(self, style_id: str) -> etree._Element | None:
        """Parse only the w:style element whose styleId is `style_id`, or None if it is not plain."""
        data = self._data
        assert data is not None
        root = _STYLES_ROOT.search(data)
        if root is None:
            return None
        root_end = data.find(b">", root.end() - 1)
        escaped = _xml_escape(style_id).encode()
        for quote in (b'"', b"'"):
            pos = data.find(b"styleId=" + quote + escaped + quote)
            if pos <= 0 or data[pos - 1 : pos] not in (b":", b" ", b"\t", b"\n", b"\r"):
                continue
            start = data.rfind(b"<", 0, pos)
            tag = _STYLE_TAG.match(data, start)
            if start < 0 or tag is None or root_end < 0 or data[root_end - 1 : root_end] == b"/":
                return None
            prefix = tag.group(1) or b""
            tag_end = data.find(b">", pos)
            if data[tag_end - 1 : tag_end] == b"/":
                end = tag_end + 1
            else:
                close = data.find(b"</" + prefix + b"style>", pos)
                end = close + len(prefix) + 8 if close >= 0 else -1
            if tag_end < 0 or end < 0:
                return None
            wrapper = (
                data[root.start() : root_end + 1]
                + data[start:end]
                + b"</"
                + (root.group(1) or b"")
                + b"styles>"
            )
            style = parse_xml(wrapper, self._name).find(self._tags.style)
            return style if style is not None and style.get(self._tags.styleId) == style_id else None
        return None

    def _parse_all(self) -> None:
        assert self._data is not None
        root = parse_xml(self._data, self._name)
        self._full = {}
        for style in root.iter(self._tags.style):
            ident = style.get(self._tags.styleId)
            if ident is not None:
                self._full.setdefault(ident, style)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# --- number formats ---------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
_CN_GROUPS = ("", "万", "亿", "万亿")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
_IDEOGRAPH_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _chinese(
    n: int, digits: str = _CN_DIGITS, units: tuple[str, ...] = _CN_UNITS, short_ten: bool = True
) -> str:
    """Chinese counting: 十一, 二十一, 一百零一, 一千零一十, 一万…; legal digits for 壹拾."""
    if n <= 0:
        return "〇" if n == 0 else str(n)
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(out)
            continue
        if out and (zero or group < 1000):
            out += digits[0]
        out += _chinese_group(group, digits, units) + _CN_GROUPS[min(index, len(_CN_GROUPS) - 1)]
        zero = False
    if short_ten and out.startswith(digits[1] + units[1]):
        out = out[1:]
    return out


def _chinese_group(group: int, digits: str, units: tuple[str, ...]) -> str:
    out = ""
    zero = False
    for power in (3, 2, 1, 0):
        digit = group // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        out += digits[digit] + units[power]
    return out


def _letters(n: int, base: str) -> str:
    # Word repeats the letter: 27 -> AA, 28 -> BB.
    return chr(ord(base) + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _enclosed(first: int, count: int) -> Callable[[int], str]:
    return lambda n: chr(first + n - 1) if 1 <= n <= count else str(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL_DIGITS, _CN_LEGAL_UNITS, short_ten=False),
    "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10] if n > 0 else str(n),
    "ideographZodiac": lambda n: _DIZHI[(n - 1) % 12] if n > 0 else str(n),
    "ideographDigital": lambda n: str(n).translate(_IDEOGRAPH_DIGITS),
    "upperLetter": lambda n: _letters(n, "A"),
    "lowerLetter": lambda n: _letters(n, "a"),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "ordinal": _ordinal,
    "none": lambda n: "",
    "bullet": lambda n: "",
}


@lru_cache(maxsize=4096)
def format_number(value: int, fmt: str) -> str:
    """Render a list counter in a w:numFmt format (unknown formats fall back to decimal, as Word does)."""
    return _FORMATS.get(fmt, str)(value)


__all__ = ["format_number", "read_docx_paragraphs"]
