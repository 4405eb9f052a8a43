"""Sentences that state counts: "查摆出5方面18个问题", "制定整改措施42条", "其余15项问题已经全部整改到位"."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.markers import chinese_to_int
from zhenggai.documents.model import Claim, Paragraph

_NUM = r"(?:\d+|[一二三四五六七八九十百两零〇]+|[XxＸｘ×]+)"
_UNIT = r"(?:个|项|条|件|类)"
_ADJ = r"(?:具体|突出|主要|重点|方面的|方面)?"

_ASPECTS_PROBLEMS = regex.compile(
    rf"(?P<a>{_NUM})\s*个?\s*(?:方面|领域|类)\s*(?:的|共)?\s*(?P<p>{_NUM})\s*{_UNIT}\s*{_ADJ}\s*(?:问题|不足)"
)
_ASPECTS_ONLY = regex.compile(rf"(?:从|围绕|聚焦)\s*(?P<a>{_NUM})\s*个?\s*方面")
_PROBLEMS_ONLY = regex.compile(
    rf"(?:查摆|检视|查找|梳理|反馈|指出|发现|归纳|列出|存在)[出了]?[^。；，]{{0,6}}?(?P<p>{_NUM})\s*{_UNIT}\s*{_ADJ}\s*问题"
)
_MEASURES = regex.compile(
    rf"(?:制定|明确|提出|细化|形成)[了出]?[^。；，]{{0,8}}?(?P<m>{_NUM})\s*(?:条|项|个)\s*(?:具体)?\s*(?:整改)?\s*(?:措施|举措)"
    rf"|(?:整改)?(?:措施|举措)\s*(?P<m2>{_NUM})\s*(?:条|项)"
)
_DONE = regex.compile(
    rf"(?:已完成整改|已整改完成|已经?整改到位|已完成|已办结)\s*(?P<d>{_NUM})\s*{_UNIT}"
    rf"|(?:其余|其中|共有)?\s*(?P<d2>{_NUM})\s*{_UNIT}\s*(?:问题)?\s*(?:已经?)?(?:全部)?(?:整改到位|整改完成|完成整改|办结)"
)
_DONE_WORDS = ("完成", "到位", "办结")
# Every claim has a number and its unit ("5方面", "18个", "42条"): a sentence without one is skipped.
# Whether a text has one, that is: any one character of a number is enough, and a pattern opening
# with a character class is scanned for in C, far faster than one opening with {_NUM}'s alternation.
_COUNT = regex.compile(r"[\d一二三四五六七八九十百两零〇XxＸｘ×]\s*个?\s*(?:方面|领域|类|个|项|条|件)")
_INSPECTION = regex.compile(r"巡察|巡视|审计|督查|反馈")


def claimed_number(raw: str | None) -> int | None:
    """A count as written (12, 十二, 两); None for none or a placeholder (X, XX, ×)."""
    if not raw or raw[0] in "XxＸｘ×":
        return None
    return chinese_to_int(raw)


# A sentence ends at 。！？； (or their ASCII forms; "." only outside numbers such as 1.5).
_SENTENCE_END = regex.compile(r"[。！？；!?;]+|\.(?!\d)")


def sentences(text: str) -> list[tuple[int, str]]:
    """(start, sentence) pairs of `text`."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, text[start : m.end()]))
        start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def find_claims(
    paragraphs: list[Paragraph], previous_lines: set[int], key: dict[int, str] | None = None
) -> list[Claim]:
    """Every count the text claims; `previous_lines` are the lines of last year's rectification part."""
    claims: list[Claim] = []
    for p in paragraphs:
        text = key.get(id(p), p.text) if key else p.text
        if not any(w in text for w in ("问题", "方面", "措施", "举措", "整改")) or not _COUNT.search(text):
            continue
        for start, sentence in sentences(text):
            claim = _claim(sentence) if _COUNT.search(sentence) else None
            if claim is None:
                continue
            claim.line, claim.column = p.line, p.offset + start + 1
            claim.text = p.text[start : start + len(sentence)].strip() if key else sentence.strip()
            if p.line in previous_lines:
                claim.scope = "previous"
            elif _INSPECTION.search(text):
                claim.scope = "inspection"
            claims.append(claim)
    return claims


def _claim(sentence: str) -> Claim | None:
    aspects = problems = measures = done = None
    found = False
    has_problem = "问题" in sentence or "不足" in sentence
    if has_problem and (m := _ASPECTS_PROBLEMS.search(sentence)):
        aspects, problems, found = claimed_number(m.group("a")), claimed_number(m.group("p")), True
    else:
        if "方面" in sentence and (m := _ASPECTS_ONLY.search(sentence)):
            aspects, found = claimed_number(m.group("a")), True
        if has_problem and (m := _PROBLEMS_ONLY.search(sentence)):
            problems, found = claimed_number(m.group("p")), True
    if ("措施" in sentence or "举措" in sentence) and (m := _MEASURES.search(sentence)):
        measures, found = claimed_number(m.group("m") or m.group("m2")), True
    if any(w in sentence for w in _DONE_WORDS) and (m := _DONE.search(sentence)):
        done, found = claimed_number(m.group("d") or m.group("d2")), True
    if not found:
        return None
    return Claim(sentence, 0, 0, aspects=aspects, problems=problems, measures=measures, done=done)
