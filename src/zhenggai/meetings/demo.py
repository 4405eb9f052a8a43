"""The meetings part of the demo: the 2021 meeting on the demo's 2021 source, its notice, opinions and talks.

Call `load_meeting_demo()` after the ledger demo (`zhenggai.web.demo.load`); loading twice
changes nothing. Everything goes through the services, like real use.
"""

from __future__ import annotations

import datetime
from importlib.resources import files

from django.db import transaction

from zhenggai.core import dates
from zhenggai.ledger.models import Source, SourceKind
from zhenggai.meetings import holding, opinions, services, talks
from zhenggai.meetings.models import Aspect, Meeting, OpinionLink, Route
from zhenggai.orgs.models import User

TEAM = "市人大常委会机关党组"
#: The day the 2021 meeting was held; the talks come in the weeks before it.
HELD_ON = datetime.date(2021, 12, 20)
OFFICE = "libangong"

#: (text, about: username or None for the team, aspect number from 1 or None, routed to the member?)
OPINIONS = (
    ("希望班子成员多到基层一线调研，少听汇报，多看现场。", None, 3, False),
    ("联系群众不够经常，深入基层调研偏少，代表作用发挥不充分。", "zhangwei", 3, True),
    ("精简会议文件的要求落实不够，有的会议可开可不开。", "liuyang", 5, True),
    ("会议太多、文件太多，基层负担仍然较重。", "liuyang", 5, False),
    ("对分管单位的督促检查不够有力，问题整改跟踪不紧。", "chenjing", 2, True),
    ("公务用车管理还不够规范。", "chenjing", None, True),
    ("理论学习有时流于形式，学用结合不够紧密。", "wangshuji", 1, True),
)

#: Talks held (initiator, partner, days before the meeting); the rest of the matrix stays missing.
TALKS = (
    ("wangshuji", "zhangwei", 20, "就分管工作中存在的问题交换意见，相互提醒。"),
    ("wangshuji", "liuyang", 19, "谈了作风建设方面的问题。"),
    ("chenjing", "wangshuji", 18, "交流了对照检查材料的查摆思路。"),
    ("zhangwei", "liuyang", 15, "相互指出了工作中的不足。"),
)


def _people(*usernames: str) -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=usernames)}


def _opinions(office: User, link: OpinionLink, aspects: list[Aspect], people: dict[str, User]) -> None:
    """The demo's opinions, sent through the link, published at once, then routed and merged."""
    meeting = link.meeting
    for text, about, aspect_no, _ in OPINIONS:
        aspect = aspects[aspect_no - 1] if aspect_no and aspect_no <= len(aspects) else None
        opinions.submit_opinion(link, text=text, about=people.get(about or ""), aspect=aspect)
    holding.publish(meeting)  # the demo shows every opinion at once, not in tomorrow's batch
    made = [meeting.opinions.get(text=text) for text, _, _, _ in OPINIONS]
    for opinion, (_, about, _, routed) in zip(made, OPINIONS, strict=True):
        if routed and about:
            opinions.sort_opinion(
                office, opinion, route=Route.MEMBER, routed_to=people[about], aspect=opinion.aspect
            )
    opinions.sort_opinion(office, made[0], route=Route.TEAM, aspect=made[0].aspect)
    opinions.merge_opinions(office, made[2], [made[3]])


@transaction.atomic
def load_meeting_demo() -> bool:
    """Add the demo meeting; return False when the ledger demo is missing or the meeting is there already."""
    source = Source.objects.filter(
        kind=SourceKind.DEMOCRATIC_LIFE, year=2021, organisation__name=TEAM
    ).first()
    if source is None or Meeting.objects.filter(source=source).exists():
        return False
    office = User.objects.filter(username=OFFICE).first()
    if office is None:
        return False
    team = source.organisation
    held_on = HELD_ON
    meeting = services.create_meeting(
        office,
        organisation=team,
        kind=source.kind,
        year=2021,
        theme=source.theme,
        date=held_on,
        members=services.default_members(team),
    )
    notice = (files("zhenggai.examples") / "seed-notice.txt").read_text(encoding="utf-8")
    services.set_notice(office, meeting, text=notice, name="关于认真开好党史学习教育专题民主生活会的通知.txt")
    rows = [services.AspectRow(a.pk, a.text, a.position) for a in meeting.aspects.all()]
    services.confirm_aspects(office, meeting, rows)
    aspects = list(meeting.aspects.all())
    people = _people(*{u for _, u, _, _ in OPINIONS if u}, *{p for t in TALKS for p in t[:2]})
    link = opinions.create_link(
        office, meeting, expires_on=dates.today() + datetime.timedelta(days=7), title="机关全体干部"
    )
    _opinions(office, link, aspects, people)
    for initiator, partner, days, note in TALKS:
        talks.record_talk(
            office,
            meeting,
            initiator=people[initiator],
            partner=people[partner],
            date=held_on - datetime.timedelta(days=days),
            note=note,
        )
    return True
