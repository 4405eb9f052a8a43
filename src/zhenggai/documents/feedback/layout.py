"""Where the problems of feedback are, whatever its layout: categories and their problems."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhenggai.documents import regex
from zhenggai.documents.enums import enums_of_texts
from zhenggai.documents.feedback.model import FeedbackCategory, FeedbackProblem
from zhenggai.documents.markers import match_marker
from zhenggai.documents.model import Enum, Paragraph
from zhenggai.documents.text import simplified

_ISSUE = regex.compile(r"问题\s*(?P<n>\d{1,3})\s*[：:.．、]\s*")
# Headings of parts that hold no problems.
_SKIP_SECTION = regex.compile(
    r"总体评价|总体情况|基本情况|总体看|意见建议|整改意见|整改建议|审计建议|处理和建议|处理意见|处理情况"
    r"|整改要求|工作要求|有关要求|几点要求|下一步|整改情况|整改落实情况|建议$|要求$"
)
# The heading of the part that holds the categories: 二、巡察发现的主要问题.
_CONTAINER = regex.compile(r"问题(?:清单)?[：:。.]?$")
_CLOSING = regex.compile(
    r"^请|线索|^\S{0,24}?(?:要求|表示|强调|表态)[，,：:]|来源[：:]|^[（(]来源|^附件|联系电话|监督电话"
    r"|举报电话|欢迎.{0,30}监督|诚恳接受|照单全收|^此复|^特此"
)
_SIGNATURE = regex.compile(
    r"^\S{2,40}(?:巡察组|巡视组|督查组|审计组|领导小组办公室|委员会|党组|党委|支部|办公室|审计局|审计厅|纪委监委)$"
    r"|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^[二〇零一二三四五六七八九]{4}年.{1,3}月.{1,4}日$"
)
# A suggestion or requirement opening an enumeration: 提出意见建议：一是…
_ADVICE_LEAD = regex.compile(
    r"(?:建议|要求|希望|强调|措施)[：:，,]?$|意见建议|提出.{0,12}(?:建议|要求|意见|措施)|(?:要求|强调)[，,]"
)
# Labels that open how a problem was rectified, in rectification reports: not problem text.
_MEASURE_LABEL = regex.compile(
    r"^(?:整改情况|整改措施|整改举措|整改落实情况|主要措施|整改进展|整改结果)[：:]"
)
# A sentence that opens a problem when problems are written as prose.
_OPENER = regex.compile(
    r"^(?:此外|另外|同时|还有|并且|而且)?[，,]?(?:有的|有些|部分|个别|少数|一些|存在|仍存在|仍有|还存在|还有)"
)
_SENTENCE_END = regex.compile(r"[。！？!?]+[”’\"]?|\.(?!\d)")
_RUN_IN_END = regex.compile(r"[。：:！？!?]|\.(?!\d)")
_TRAILING = " 　；;，,"


# --- where problems may be ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mark:
    style: str
    level: float
    text: str


def mark_of(text: str) -> _Mark | None:
    """The outline marker opening a paragraph: 一、（一）1.（1）① or 问题1：."""
    if text.startswith("问题") and (m := _ISSUE.match(text)) is not None:
        return _Mark("issue", 3.5, m.group(0))
    marker = match_marker(text)
    if marker is None:
        return None
    return _Mark(marker.style, marker.level, marker.text)


def _heading_text(text: str, mark: _Mark) -> str:
    return simplified(text[len(mark.text) :].strip())


def problem_zone(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """(paragraphs that may hold problems, paragraphs where the claimed count may stand).

    Parts whose heading says they hold no problems (总体评价, 意见建议, 整改要求…) are left out up to
    the next heading of their level or above; when a part says it holds the problems (巡察发现的主要
    问题) only such parts are kept. The first paragraph (the title) never holds problems.
    """
    kept: list[Paragraph] = []
    in_container: list[Paragraph] = []
    skip_level: float | None = None
    container_level: float | None = None
    found_container = False
    for index, p in enumerate(paragraphs):
        mark = mark_of(p.text)
        if mark is not None:
            if skip_level is not None and mark.level <= skip_level:
                skip_level = None
            if container_level is not None and mark.level <= container_level:
                container_level = None
            heading = _heading_text(p.text, mark)
            short = _RUN_IN_END.split(heading, maxsplit=1)[0]
            if len(short) <= 24 and _SKIP_SECTION.search(short) and "方面" not in short:
                skip_level = mark.level if skip_level is None else min(skip_level, mark.level)
                continue
            if (
                mark.level <= 2
                and len(heading) <= 24
                and "方面" not in heading
                and _CONTAINER.search(heading)
            ):
                container_level, found_container = mark.level, True
                continue
        if skip_level is not None or index == 0:
            continue
        kept.append(p)
        if container_level is not None:
            in_container.append(p)
    if found_container:
        return in_container, kept
    return kept, kept


def _closing(text: str) -> bool:
    return _CLOSING.search(text) is not None or _SIGNATURE.match(text) is not None


# --- documents with outline markers ---------------------------------------------------------


def read_marked(zone: list[Paragraph]) -> list[FeedbackCategory]:
    """Categories and problems of a text with outline markers (一、（一）1. 问题1：).

    The top marker style is the category level when most of its headings read as categories (…方面,
    a heading with text under it, or one run in before several problems); the next style (or 问题N：)
    is the problem level, deeper ones are details. A category without numbered problems takes its
    problems from its text: 一是…二是…, or prose sentences each opened by 有的/部分/个别/存在.
    """
    category_style, problem_style = _styles(zone)
    categories: list[FeedbackCategory] = []
    bodies: dict[int, list[Paragraph]] = {}  # category index → unmarked text under it
    current: FeedbackProblem | None = None
    open_text = False  # unmarked paragraphs still belong to the current problem or category
    for p in zone:
        mark = mark_of(p.text)
        if _closing(p.text) and (mark is None or mark.style not in (category_style, problem_style)):
            current, open_text = None, False
            continue
        if mark is not None and mark.style == category_style:
            heading, rest, offset = _split_run_in(p.text, mark)
            categories.append(FeedbackCategory(heading, p.line))
            bodies[len(categories) - 1] = [Paragraph(rest, p.line, p.offset + offset)] if rest else []
            current, open_text = None, True
            continue
        if mark is not None and mark.style == problem_style:
            if not categories:
                categories.append(FeedbackCategory("", p.line))
            text = p.text[len(mark.text) :].strip()
            current = FeedbackProblem(text, p.line)
            categories[-1].problems.append(current)
            open_text = True
            continue
        if not open_text or not categories:
            continue  # the preamble, or what follows a closing paragraph
        if _MEASURE_LABEL.match(p.text):
            current, open_text = None, False
            continue
        if current is not None:
            current.text += p.text
        else:
            bodies[len(categories) - 1].append(p)
    for index, category in enumerate(categories):
        if not category.problems and bodies.get(index):
            category.problems = _problems_of_body(bodies[index])
        for problem in category.problems:
            problem.text = problem.text.strip(_TRAILING)
    return categories


def _styles(zone: list[Paragraph]) -> tuple[str | None, str | None]:
    """(style of category headings, style of problems) among the markers of the zone."""
    order: dict[str, float] = {}
    items: dict[str, list[int]] = {}
    for i, p in enumerate(zone):
        mark = mark_of(p.text)
        if mark is not None:
            order.setdefault(mark.style, mark.level)
            items.setdefault(mark.style, []).append(i)
    styles = sorted(order, key=lambda s: order[s])
    if "issue" in styles:
        above = [s for s in styles if order[s] < order["issue"]]
        return (above[0] if above else None), "issue"
    top = styles[0]
    likes = [_category_like(zone, i) for i in items[top]]
    if sum(likes) * 2 >= len(likes):
        return top, (styles[1] if len(styles) > 1 else None)
    return None, top


def _category_like(zone: list[Paragraph], i: int) -> bool:
    """A marked paragraph that reads as a category heading rather than a problem."""
    p = zone[i]
    mark = mark_of(p.text)
    assert mark is not None
    heading, rest, _ = _split_run_in(p.text, mark)
    name = _heading_text(heading, mark).rstrip("。：:；;，,. ")
    if name.endswith("方面"):
        return True
    body = [Paragraph(rest, p.line)] if rest else []
    for q in zone[i + 1 :]:
        if mark_of(q.text) is not None or _closing(q.text):
            break
        body.append(q)
    if not rest and body and len(name) <= 40 and not _RUN_IN_END.search(name):
        return True  # a heading on its own line with text under it
    return bool(rest) and len(_problems_of_body([Paragraph(rest, p.line)])) >= 2


def _split_run_in(text: str, mark: _Mark) -> tuple[str, str, int]:
    """(heading, the text run on after it, where that text starts): up to the first 。or ：."""
    m = _RUN_IN_END.search(text, len(mark.text))
    if m is None or m.end() >= len(text.rstrip()):
        return text, "", len(text)
    end = m.end()
    return text[:end], text[end:].strip(), end


# --- problems inside a category's text ------------------------------------------------------


def _problem_enums(body: list[Paragraph]) -> list[Enum]:
    """The 一是…二是… (or 第一，…) problems of a text; never 一要… or 一是看…."""
    enums = enums_of_texts([(p.text, p.line, p.offset) for p in body])
    if len(enums) < 2 or any(e.marker.endswith("要") for e in enums):
        return []
    if any(e.text.startswith("看") for e in enums):
        return []
    if any(e.marker[:1].isdigit() or e.marker[:1] in "（(①" for e in enums):
        return []  # numbered points inside a sentence are details, not problems
    return enums


def _problems_of_body(body: list[Paragraph]) -> list[FeedbackProblem]:
    """Problems written under a category: 一是…二是…, or prose where 有的…/部分…/存在… opens each."""
    enums = _problem_enums(body)
    if enums:
        return [FeedbackProblem(e.text.strip(_TRAILING), e.line) for e in enums]
    problems: list[FeedbackProblem] = []
    for p in body:
        for sentence in _prose_sentences(p.text):
            if problems and not _OPENER.match(sentence):
                problems[-1].text += sentence
            else:
                problems.append(FeedbackProblem(sentence, p.line))
    for problem in problems:
        problem.text = problem.text.strip(_TRAILING)
    return [p for p in problems if len(p.text) >= 4]


def _prose_sentences(text: str) -> list[str]:
    """Sentences, also cut at ；where the next clause opens another problem (有的…；有的…)."""
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        sentences.append(text[start : m.end()])
        start = m.end()
    sentences.append(text[start:])
    out: list[str] = []
    for sentence in sentences:
        if not sentence.strip():
            continue
        start = 0
        for cut in re.finditer(r"[；;]", sentence):
            if _OPENER.match(sentence[cut.end() :]):
                out.append(sentence[start : cut.end()])
                start = cut.end()
        out.append(sentence[start:])
    return [s for s in out if s.strip()]


# --- documents without outline markers (news texts, prose) ---------------------------------


def read_unmarked(zone: list[Paragraph]) -> list[FeedbackCategory]:
    """Categories and problems of a text without outline markers (a news text, prose).

    A paragraph "category：一是…；二是…" (or "category。一是…") is a category and its problems; after
    the first of them, a paragraph of several sentences is a category (its first sentence) and
    problems; prose opened by 有的/部分/个别/存在 is problems. The first closing paragraph (线索,
    要求，一要…, 表示, 来源) or advice enumerated (提出意见建议：一是…) ends the problems.
    """
    categories: list[FeedbackCategory] = []
    started = False
    for p in zone:
        if _closing(p.text):
            if started:
                break
            continue
        enums = enums_of_texts([(p.text, p.line, p.offset)])
        if len(enums) >= 2:
            lead = p.text[: enums[0].column - 1 - p.offset].strip()
            advice = _ADVICE_LEAD.search(lead) is not None and not lead.rstrip("：:，,").endswith("方面")
            if advice or not _problem_enums([p]):
                if started:
                    break
                continue
            heading = lead if 0 < len(lead) <= 60 else ""
            if heading or not categories:
                categories.append(FeedbackCategory(heading, p.line))
            categories[-1].problems += _problems_of_body([p])
            started = True
            continue
        sentences = _prose_sentences(p.text)
        if started and len(sentences) >= 2 and len(sentences[0]) <= 60 and not _OPENER.match(sentences[0]):
            head = sentences[0]
            rest = p.text[len(head) :]
            categories.append(FeedbackCategory(head, p.line))
            categories[-1].problems += _problems_of_body([Paragraph(rest, p.line, p.offset + len(head))])
        elif started or (sentences and _OPENER.match(sentences[0])):
            if not categories:
                categories.append(FeedbackCategory("", p.line))
            categories[-1].problems += _problems_of_body([p])
            started = True
    return categories
