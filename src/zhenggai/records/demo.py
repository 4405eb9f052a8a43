"""The demo's records: the leaders in their Party branches, the branches' meetings with attendance,
and the leaders' public pledges with their yearly statements.

They agree with the seed report (王建国's, for the 2021 meeting): its part (八) says he took part in
his branch's life as an ordinary member "but sometimes only showed up and said a few words" — the
records have him at most of 2021's meetings, speaking once, away twice on business, short of the
yearly rule; its part (九) declares both pledges kept — they are recorded since March 2021 with a
2021 statement each and no matter against them. Loaded through the records' services (audited),
before the reports so their checks (ZG954, ZG955) run against these records.
"""

from __future__ import annotations

import datetime

from zhenggai.core import dates
from zhenggai.orgs.models import Organisation, User
from zhenggai.records import commitments, dual_life
from zhenggai.records.models import BranchMeetingKind, Presence

D = datetime.date

#: The branches' 2021 meetings: (date, kind, topic).
MEETINGS_2021 = (
    (D(2021, 1, 22), BranchMeetingKind.CONGRESS, "传达学习党的十九届五中全会精神"),
    (D(2021, 3, 26), BranchMeetingKind.LECTURE, "党史学习教育动员专题党课"),
    (D(2021, 4, 23), BranchMeetingKind.GROUP, "学习《中国共产党简史》第一至三章"),
    (D(2021, 5, 28), BranchMeetingKind.THEME_DAY, "参观革命纪念馆，重温入党誓词"),
    (D(2021, 6, 25), BranchMeetingKind.CONGRESS, "庆祝建党100周年，表彰优秀共产党员"),
    (D(2021, 7, 16), BranchMeetingKind.GROUP, "学习习近平总书记“七一”重要讲话精神"),
    (D(2021, 8, 27), BranchMeetingKind.GROUP, "围绕“我为群众办实事”开展交流研讨"),
    (D(2021, 9, 24), BranchMeetingKind.LECTURE, "弘扬伟大建党精神专题党课"),
    (D(2021, 11, 19), BranchMeetingKind.CONGRESS, "传达学习党的十九届六中全会精神"),
    (D(2021, 12, 10), BranchMeetingKind.THEME_DAY, "走访慰问困难党员群众"),
)

#: Who is away when (username, meeting index) → the reason.
ABSENT = {
    ("wangshuji", 3): "参加市人大常委会会议",
    ("wangshuji", 6): "带队赴县区开展执法检查",
    ("liuyang", 7): "参加省人大组织的专题培训",
    ("chenjing", 2): "在外地出差",
}
#: Who speaks at which meeting (the rest only attend).
SPOKE = {
    ("wangshuji", 4),
    ("zhangwei", 1),
    ("zhangwei", 5),
    ("zhangwei", 8),
    ("liuyang", 1),
    ("liuyang", 8),
    ("chenjing", 5),
}

PLEDGES = (
    "不违规插手干预公共资源交易及政府采购",
    "不违规收送礼品礼金",
)


def load_records_demo(office: User, team: Organisation, people: dict[str, User], party: Organisation) -> None:
    """The leaders of `team` placed in two branches under `party` (机关党委), the branches' 2021
    meetings and this year's so far, and each leader's two pledges with a statement for 2021."""
    first = Organisation.objects.get(name="机关第一党支部", parent=party)
    second = Organisation.objects.create(name="机关第二党支部", parent=party)
    branches = {first: ("wangshuji", "zhangwei"), second: ("liuyang", "chenjing")}
    for branch, usernames in branches.items():
        for username in usernames:
            dual_life.set_branch(office, people[username], branch, since=D(2021, 1, 1))
        for n, (day, kind, topic) in enumerate(MEETINGS_2021):
            dual_life.record_meeting(
                office, branch, kind=kind, date=day, topic=topic, attendance=_attendance(people, usernames, n)
            )
        _this_year(office, branch, [people[u] for u in usernames])
    for username in ("wangshuji", "zhangwei", "liuyang", "chenjing"):
        for text in PLEDGES:
            pledge = commitments.make_commitment(
                office, people[username], team, text=text, made_on=D(2021, 3, 10), scope="本人及分管领域"
            )
            commitments.state(
                people[username],
                pledge,
                year=2021,
                kept=True,
                text=f"本人严格遵守承诺，全年做到{text}，未发现违反承诺的情况。",
            )


def _attendance(people: dict[str, User], usernames: tuple[str, ...], n: int) -> list[dual_life.Present]:
    lines = []
    for username in usernames:
        reason = ABSENT.get((username, n), "")
        presence = (
            Presence.ABSENT if reason else Presence.SPOKE if (username, n) in SPOKE else Presence.PRESENT
        )
        lines.append(dual_life.Present(people[username], presence, reason))
    return lines


def _this_year(office: User, branch: Organisation, leaders: list[User]) -> None:
    """This year's meetings so far (every 30 days back from ten days ago, within the year), all present."""
    today = dates.today()
    for k, (kind, topic) in enumerate(
        (
            (BranchMeetingKind.GROUP, "学习贯彻党的创新理论"),
            (BranchMeetingKind.THEME_DAY, "开展志愿服务活动"),
            (BranchMeetingKind.LECTURE, "加强作风建设专题党课"),
        )
    ):
        day = today - datetime.timedelta(days=10 + 30 * k)
        if day.year == today.year and day.year > 2021:
            attendance = [dual_life.Present(person, Presence.PRESENT) for person in leaders]
            dual_life.record_meeting(office, branch, kind=kind, date=day, topic=topic, attendance=attendance)
