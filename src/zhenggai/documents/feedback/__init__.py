"""Inspection feedback (巡察/巡视/审计/督查反馈意见) read as categories → problems, with its claimed count.

Layouts read (tests/corpus/feedback): numbered categories with problems numbered per category or
across them; "问题N：" lines; flat lists; categories run into their paragraph (ending in ：or 。)
with 一是…二是… or prose problems (有的… / 部分… / 个别… / 存在…) after them; news texts without any
outline marker. Never problems: the preamble, 总体评价 / 基本情况, 意见建议 / 整改要求 (numbered or
一要…二要…), the state of rectification, closing paragraphs, signatures and dates.
"""

from __future__ import annotations

from pathlib import Path

from zhenggai.documents.feedback.claims import check_count, find_claimed
from zhenggai.documents.feedback.layout import mark_of, problem_zone, read_marked, read_unmarked
from zhenggai.documents.feedback.model import (
    COUNT_DIFFERS,
    NOTHING_READ,
    ClaimedCount,
    Feedback,
    FeedbackCategory,
    FeedbackFinding,
    FeedbackProblem,
)
from zhenggai.documents.model import SourceDocument


def read_feedback_file(path: str | Path) -> Feedback:
    """Read the feedback at `path`; raise DocumentError if the file cannot be read."""
    from zhenggai.documents.reading import read_document

    return read_feedback(read_document(path))


def read_feedback_text(text: str, name: str = "反馈意见") -> Feedback:
    """Read feedback pasted as text."""
    from zhenggai.documents.reading import read_text

    return read_feedback(read_text(text, name))


def read_feedback(source: SourceDocument) -> Feedback:
    """The categories and problems of inspection feedback, its claimed count checked."""
    zone, claim_zone = problem_zone(source.paragraphs)
    marked = any(mark_of(p.text) is not None for p in zone)
    categories = [c for c in (read_marked(zone) if marked else read_unmarked(zone)) if c.problems]
    used = {p.line for c in categories for p in c.problems}
    feedback = Feedback(source.name, categories, find_claimed([p for p in claim_zone if p.line not in used]))
    check_count(feedback)
    return feedback


__all__ = [
    "COUNT_DIFFERS",
    "NOTHING_READ",
    "ClaimedCount",
    "Feedback",
    "FeedbackCategory",
    "FeedbackFinding",
    "FeedbackProblem",
    "read_feedback",
    "read_feedback_file",
    "read_feedback_text",
]
