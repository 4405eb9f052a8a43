"""What a report says about the records behind it: 双重组织生活 attendance and 公开承诺 kept.

Pure text reading: the system compares what is found here with its records (zhenggai.records.checks).
A sentence about the branch's organisational life may claim a number of times ("参加支部组织生活
10次"), full attendance ("每次都按时参加", "从未缺席"), or simply attendance ("能够以普通党员身份参加
支部组织生活"). A sentence about a pledge may claim it kept ("严格做到了…", "认真践行…承诺"), unless it
says otherwise ("未能…", "没有做到"). Plans ("要积极参加…") and headings ("…承诺情况。") claim nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zhenggai.documents import regex
from zhenggai.documents.claims import claimed_number, sentences
from zhenggai.documents.model import Paragraph

_LIFE = regex.compile(r"组织生活|三会一课|主题党日|支部(?:活动|会议|党员大会)|党小组会|双重组织生活")
_TIMES = regex.compile(r"参加[^。；，,]{0,20}?(?P<n>\d+|[一二三四五六七八九十百两]+)\s*次")
_FULL = regex.compile(r"每次都|按时参加|全部参加|从不缺席|从未缺席|无一缺席|没有缺席|均按时|全勤")
_ATTENDS = regex.compile(r"(?:能够|坚持|带头|积极|主动|认真|按时|经常)[^。；]{0,16}参加")
_PLEDGE = regex.compile(r"承诺")
_KEPT = regex.compile(r"(?:严格|认真|切实|始终|坚决|自觉)?(?:做到了?|遵守|践行|兑现|履行|信守|落实)")
#: Plans and headings claim nothing: "要积极参加…", "（九）践行…承诺情况。"
_PLAN = regex.compile(r"^(?:[一二三四五六七八九十]+是)?(?:要|将|今后|下一步|进一步)|情况[。：:]?$")
_NOT = regex.compile(r"未能|没有做到|未做到|不够|存在.{0,6}(?:问题|不足|差距)|违反|违背")


@dataclass(frozen=True)
class AttendanceClaim:
    """A sentence on the branch's organisational life: its line, the sentence, and what it claims —
    a number of times (or None), full attendance, or attendance at all."""

    line: int
    sentence: str
    times: int | None
    full: bool


@dataclass(frozen=True)
class KeptClaim:
    """A sentence declaring a public pledge kept: its line and the sentence."""

    line: int
    sentence: str


def _sentences_of(paragraphs: Iterable[Paragraph]) -> Iterable[tuple[int, str]]:
    for paragraph in paragraphs:
        for _, sentence in sentences(paragraph.text):
            sentence = sentence.strip()
            if not _PLAN.search(sentence):
                yield paragraph.line, sentence


def attendance_claims(paragraphs: Iterable[Paragraph]) -> list[AttendanceClaim]:
    """Every sentence that says how the author took part in his branch's organisational life."""
    found = []
    for line, sentence in _sentences_of(paragraphs):
        if not _LIFE.search(sentence):
            continue
        times = _TIMES.search(sentence)
        count = claimed_number(times["n"]) if times else None
        full = bool(_FULL.search(sentence))
        if count is not None or full or _ATTENDS.search(sentence):
            found.append(AttendanceClaim(line, sentence, count, full))
    return found


def kept_claims(paragraphs: Iterable[Paragraph]) -> list[KeptClaim]:
    """Every sentence that declares a public pledge (公开承诺) kept, without saying it was not."""
    return [
        KeptClaim(line, sentence)
        for line, sentence in _sentences_of(paragraphs)
        if _PLEDGE.search(sentence) and _KEPT.search(sentence) and not _NOT.search(sentence)
    ]
