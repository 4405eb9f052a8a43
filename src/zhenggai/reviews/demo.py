"""The reviews part of the demo: the members' reports on the 2021 meeting — the secretary's approved and
taken into the ledger, one submitted, one returned with comments — and the meeting record.

Called by `zhenggai.web.demo.load` after the meeting demo; everything goes through the services.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from importlib.resources import files

from zhenggai.core import dates
from zhenggai.documents.model import Report as Parsed
from zhenggai.documents.report import parse_document
from zhenggai.ledger.models import Measure, Term
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import Organisation, User
from zhenggai.reviews import into_ledger, record, services

#: The seed report's placeholders (X, XX, XXX) as the secretary filled them in, in order of appearance.
FILLED = (
    ("查摆出X方面XX个问题", "查摆出5方面18个问题"),
    ("十九届X中X会", "十九届六中全会"),
    ("调研X次", "调研12次"),
    ("协调了XX套", "协调了20套"),
    ("2021年X月XX日至X月XX日", "2021年4月12日至5月28日"),
    ("X方面XX个问题", "4方面16个问题"),
    ("这XX个问题", "这16个问题"),
    ("反馈的XX个问题", "反馈的16个问题"),
    ("除有X项工作", "除有1项工作"),
    ("“XXX”建设", "“四个城市”建设"),
    ("清正XX", "清正人大"),
)

#: Which measure of the seed report answers which aspect (by position): 1→1, 2→2, 3→3, 4→2, 5→5, 6→5.
MEASURE_FOR_ASPECT = (0, 1, 2, 1, 4, 4)

MEMBER_REPORT = """{name}同志在党史学习教育专题民主生活会上的对照检查材料
一、存在的主要问题
（一）在带头深刻感悟“两个确立”的决定性意义方面：一是理论学习系统性不够，{gap}。二是学用结合不够紧密。
（二）在带头践行以人民为中心的发展思想方面：一是{people}。二是为基层解难题的办法不多。
二、问题产生的主要原因
一是理论武装不够到位。二是宗旨意识有所淡化。
三、努力方向和整改措施
一是{plan}。二是每季度到联系点调研不少于一次，建立问题清单，逐项解决。
"""

MEMBERS = {
    "zhangwei": (
        "张伟",
        "对党史原著研读不深",
        "深入基层调研偏少，听汇报多、看现场少",
        "制定个人学习计划，每月研读原著不少于两篇",
    ),
    "liuyang": ("刘洋", "学习存在碎片化现象", "联系群众不够经常", "加强学习"),
}

COMMENTS = (
    (3, "“二是学用结合不够紧密”过于笼统，请结合分管工作举出具体事例。"),
    (8, "整改措施“加强学习”不具体，请写明学什么、怎么学、什么时候完成。"),
)

CRITICISMS = (
    ("wangshuji", "zhangwei", "下基层调研次数偏少，对分管单位的具体困难掌握不够。"),
    ("zhangwei", "liuyang", "精简会议文件的要求落实不够，有的会议可开可不开。"),
    ("liuyang", "chenjing", "对分管单位的督促检查不够有力，问题整改跟踪不紧。"),
)

CONCLUSIONS = (
    "会议认为，这次专题民主生活会准备充分、主题鲜明，班子成员查摆问题实在，批评和自我批评开展得好。"
    "会后对查摆出的问题建立整改台账，明确责任人和完成时限，逐项抓好整改落实。"
)


def filled_seed() -> str:
    """The bundled seed report with every placeholder filled in, as its author handed it in."""
    text = (files("zhenggai.examples") / "seed.txt").read_text(encoding="utf-8")
    for placeholder, value in FILLED:
        text = text.replace(placeholder, value, 1)
    return text


def _heading_text(heading: str) -> str:
    """'（一）在带头…方面：' → '带头…'; the aspect as people name it."""
    text = re.sub(r"^[（(][一二三四五六七八九十]+[）)]", "", heading).strip()
    text = re.sub(r"^在", "", text)
    return re.sub(r"方面[:：。.]?$", "", text).strip()[:300]


def ledger_rows(
    parsed: Parsed, owners: Sequence[User], units: Sequence[Organisation]
) -> list[into_ledger.ProblemRow]:
    """One ledger problem per enumerated problem (一是…二是…) of the report, each with the measure of the
    report that answers its aspect, owners and units in turn, deadlines around today so that the ledger
    shows every colour."""
    problems_part, measures_part = parsed.part("problems"), parsed.part("measures")
    plans = [item.text or item.heading for item in (measures_part.items if measures_part else [])]
    today = dates.today()
    rows: list[into_ledger.ProblemRow] = []
    aspect_items = [i for i in (problems_part.items if problems_part else []) if i.enums]
    for k, item in enumerate(aspect_items):
        for enum in item.enums:
            n = len(rows)
            plan = plans[MEASURE_FOR_ASPECT[k % len(MEASURE_FOR_ASPECT)] % len(plans)] if plans else enum.text
            term = (Term.DEADLINE, Term.DEADLINE, Term.IMMEDIATE, Term.ONGOING)[n % 4]
            measure = into_ledger.MeasureRow(
                plan,
                owners[n % len(owners)],
                units[n % len(units)],
                term,
                today + datetime.timedelta(days=(n % 7 - 3) * 9),
            )
            rows.append(
                into_ledger.ProblemRow(
                    enum.text, item.aspect or _heading_text(item.heading), measures=[measure]
                )
            )
    return rows


def load_reports_demo(
    meeting: Meeting, people: dict[str, User], owners: Sequence[User], units: Sequence[Organisation]
) -> list[Measure]:
    """The reports and the record of `meeting`; returns the measures the approved report put in the ledger."""
    office, reviewer = people["libangong"], people["zhaoshen"]
    secretary = people["wangshuji"]
    document = services.read_written(filled_seed())
    report = services.report_for(secretary, meeting)
    services.add_version(secretary, report, document, file_name="王建国对照检查材料.txt")
    services.submit(secretary, report)
    services.approve(office, report)
    parsed = parse_document(document, [a.text for a in meeting.aspects.all()])
    problems = into_ledger.import_report(office, report, ledger_rows(parsed, owners, units))
    for username, (name, gap, people_gap, plan) in MEMBERS.items():
        author = people[username]
        text = MEMBER_REPORT.format(name=name, gap=gap, people=people_gap, plan=plan)
        mine = services.report_for(author, meeting)
        version = services.add_version(author, mine, services.read_written(text))
        services.submit(author, mine)
        if username == "liuyang":
            for line, comment in COMMENTS:
                services.add_comment(reviewer, mine, version, line, comment)
            services.return_report(office, mine, "问题查摆和整改措施不够具体，请按审核意见修改后重新提交。")
    for speaker, target, text in CRITICISMS:
        record.add_criticism(office, meeting, target=people[target], speaker=people[speaker], text=text)
    record.save_conclusions(office, meeting, CONCLUSIONS)
    return [m for p in problems for m in p.measures.order_by("number")]
