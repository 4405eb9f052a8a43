"""What a top-level part is for, read from what it says (not from its number)."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.model import Role

_PREVIOUS_WHEN = regex.compile(r"上年度|上一年度|上年|去年|上次|上一次|前次|上届|上一轮|\d{4}\s*年度?")
_PREVIOUS_WHAT = regex.compile(r"整改|落实")
_INSPECTION = regex.compile(r"巡察|巡视|审计|督查|反馈")
_CAUSES = regex.compile(r"原因|根源|根子|症结|思想根源|剖析|根本")
_PROBLEMS_AND = regex.compile(r"(?:存在|查摆|检视|突出|主要)的?(?:主要|突出)?问题(?:及|和|与|以及)")
_MEASURES = regex.compile(
    r"措施|举措|努力方向|整改方向|改进方向|下一步|今后|打算|整改工作安排|整改任务|整改计划|努力的方向|整改思路"
)
_PROBLEMS = regex.compile(r"问题|不足|差距|短板|四风|检视|查摆|对照检查|剖析材料|反馈意见")
_ASPECT_CATEGORY = regex.compile(r"^在.{2,60}方面$|^关于.{2,60}问题")


def role_of(heading_text: str, item_headings: list[str], notice: bool = False) -> Role:
    """The role of a part from its heading (without marker) and its items' headings (Simplified script)."""
    if notice:
        return "other"
    h = heading_text
    if _PREVIOUS_WHEN.search(h) and _PREVIOUS_WHAT.search(h) and not _INSPECTION.search(h):
        return "previous_rectification"
    if _CAUSES.search(h) and not _PROBLEMS_AND.search(h):
        return "causes"
    if _MEASURES.search(h):
        if "问题" in h or _mostly_problems(item_headings):
            return "problems"
        return "measures"
    if _PROBLEMS.search(h) or _ASPECT_CATEGORY.search(h.rstrip("。：:")):
        return "problems"
    return "other"


def _mostly_problems(item_headings: list[str]) -> bool:
    """Items named as problems ("关于…的问题") make a measures-sounding part a problems part."""
    if not item_headings:
        return False
    hits = sum(1 for h in item_headings if "问题" in h)
    return hits * 2 > len(item_headings)
