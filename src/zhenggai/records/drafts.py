"""Parts (八) and (九) of next year's report drafted from the records: facts only, every number
counted from the records, nothing to fill in; the leader adds his own reflection.
"""

from __future__ import annotations

from collections import Counter

from zhenggai.orgs.models import User
from zhenggai.records.models import Attendance, BranchMeetingKind, Commitment, DualLife, Presence


def _kinds(rows: list[Attendance]) -> str:
    counts = Counter(a.meeting.kind for a in rows if a.presence != Presence.ABSENT)
    return "、".join(f"{BranchMeetingKind(k).label}{n}次" for k, n in counts.most_common())


def draft_dual_life(person: User, year: int, required: int) -> str:
    """（八）参加双重组织生活情况 for `year`; an empty string when no branch is recorded for him."""
    membership = DualLife.objects.filter(person=person).select_related("branch").first()
    if membership is None:
        return ""
    rows = list(Attendance.objects.filter(person=person, meeting__date__year=year).select_related("meeting"))
    attended = [a for a in rows if a.presence != Presence.ABSENT]
    spoke = sum(1 for a in rows if a.presence == Presence.SPOKE)
    absent = [a for a in rows if a.presence == Presence.ABSENT]
    text = f"（八）参加双重组织生活情况。本人编入{membership.branch}，以普通党员身份参加支部组织生活。"
    if attended:
        text += f"{year}年参加支部组织生活{len(attended)}次（{_kinds(rows)}），其中发言{spoke}次"
    else:
        text += f"{year}年未参加支部组织生活"
    if absent:
        reasons = "、".join(dict.fromkeys(a.reason for a in absent if a.reason))
        text += f"；因{reasons}缺席{len(absent)}次" if reasons else f"；缺席{len(absent)}次"
    text += "。"
    if len(attended) < required:
        text += f"对照每年不少于{required}次的要求，还差{required - len(attended)}次。"
    return text


def draft_commitments(person: User, year: int) -> str:
    """（九）践行公开承诺情况 for `year`; an empty string when he has made no pledge."""
    pledges = list(
        Commitment.objects.filter(person=person).prefetch_related("statements", "matters__problem")
    )
    if not pledges:
        return ""
    named = "、".join(f"“{p.text}”" for p in pledges)
    text = f"（九）践行公开承诺情况。本人向组织作出了{named}的公开承诺。"
    for pledge in pledges:
        statement = next((s for s in pledge.statements.all() if s.year == year), None)
        if statement is not None:
            text += (
                f"关于“{pledge.text}”，{year}年{'已践诺' if statement.kept else '未践诺'}：{statement.text}"
            )
            text += "" if statement.text.endswith(("。", "！")) else "。"
        for matter in pledge.matters.all():
            if matter.found_on.year != year:
                continue
            state = "正在整改" if matter.is_open else "已整改销号"
            text += f"{matter.found_on:%Y年%m月}发现违反“{pledge.text}”承诺的问题：{matter.description}，{state}。"
    return text
