"""The count feedback claims ("共反馈问题4个方面14个"), checked against the problems read."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.feedback.model import (
    COUNT_DIFFERS,
    NOTHING_READ,
    ClaimedCount,
    Feedback,
    FeedbackFinding,
)
from zhenggai.documents.markers import chinese_to_int
from zhenggai.documents.model import Paragraph

_NUM = r"(?:\d+|[一二三四五六七八九十两]+)"
_CLAIM_BOTH = regex.compile(
    rf"(?P<a>{_NUM})\s*个\s*(?:方面|领域|类)[^。；;，,\d]{{0,6}}?(?P<p>{_NUM})\s*(?:个|项|条|处)(?:具体|突出|主要)?(?:问题)?"
)
_CLAIM_PROBLEMS = regex.compile(
    rf"(?:发现|反馈|存在|指出|查出|梳理|列出)(?:出|了)?(?:问题)?[^。；;，,\d]{{0,4}}?(?P<p>{_NUM})\s*(?:个|项|条|处)(?:具体|突出|主要)?(?:问题)?"
)


def find_claimed(paragraphs: list[Paragraph]) -> ClaimedCount | None:
    """The first count of problems (and categories) the text claims, in a sentence that says 问题."""
    for p in paragraphs:
        if "问题" not in p.text:
            continue
        for m in (_CLAIM_BOTH.search(p.text), _CLAIM_PROBLEMS.search(p.text)):
            if m is None:
                continue
            sentence_start = max(p.text.rfind(c, 0, m.start()) for c in "。；;") + 1
            sentence_end = len(p.text)
            for c in "。；;":
                at = p.text.find(c, m.end())
                if at >= 0:
                    sentence_end = min(sentence_end, at + 1)
            if "问题" not in p.text[sentence_start:sentence_end]:
                continue
            problems = chinese_to_int(m.group("p"))
            if not problems:
                continue
            groups = m.groupdict()
            categories = chinese_to_int(groups["a"]) if groups.get("a") else None
            return ClaimedCount(p.text[sentence_start:sentence_end].strip(), p.line, categories, problems)
    return None


def check_count(feedback: Feedback) -> None:
    """Add a finding when nothing was read, or when the claimed count differs from what was read."""
    found = len(feedback.problems)
    named = len([c for c in feedback.categories if c.heading])
    if not found:
        line = feedback.claimed.line if feedback.claimed else 1
        feedback.findings.append(
            FeedbackFinding(
                NOTHING_READ,
                "未能在反馈意见中读出问题：请确认粘贴的是反馈意见全文，问题按“（一）…1.…”“一是…”"
                "或“有的…”等方式列出",
                line,
            )
        )
        return
    claim = feedback.claimed
    if claim is None:
        return
    wrong_problems = claim.problems != found
    wrong_categories = claim.categories is not None and claim.categories != named
    if wrong_problems or wrong_categories:
        said = (
            f"{claim.categories}个方面{claim.problems}个问题"
            if claim.categories
            else f"{claim.problems}个问题"
        )
        read = f"{named}个方面{found}个问题" if claim.categories else f"{found}个问题"
        feedback.findings.append(
            FeedbackFinding(
                COUNT_DIFFERS,
                f"反馈意见称“{claim.text}”（{said}），但逐条读出{read}，请核对数字或补全问题",
                claim.line,
            )
        )
