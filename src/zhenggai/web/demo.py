"""The demo: an organisation tree, a leadership team, the seed report's 2021 meeting (reports, record,
the approved report taken into the ledger), a 巡察 handled as a campaign (ledger/campaign_demo.py), and
the leaders' branches, attendance and pledges (records/demo.py).

Loaded by `zhenggai demo` and `zhenggai run`; loading twice changes nothing (one marker user).
Everything goes through the ledger's services, so the demo has its audit trail like real data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from zhenggai.core import dates
from zhenggai.ledger import services
from zhenggai.ledger.campaign_demo import load_campaign_demo
from zhenggai.ledger.models import Measure, Problem, SourceKind, Status, Term
from zhenggai.ledger.sources import create_source
from zhenggai.meetings.demo import load_meeting_demo
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import Membership, Organisation, Role, User
from zhenggai.records.demo import load_records_demo
from zhenggai.reviews.demo import load_reports_demo

PASSWORD = "zhenggai2021"


@dataclass(frozen=True)
class DemoPerson:
    """One demo login: username, name, role, organisation, and the note `zhenggai run` prints beside it."""

    username: str
    name: str
    role: str
    organisation: str
    note: str


PEOPLE = (
    DemoPerson("wangshuji", "王建国", Role.SECRETARY, "机关党组", "书记：管理本单位及下级全部台账"),
    DemoPerson("libangong", "李文华", Role.OFFICE, "机关党组", "办公室：管理台账、销号、延期、查审计记录"),
    DemoPerson("zhangwei", "张伟", Role.MEMBER, "机关党组", "班子成员：填报本人负责的措施"),
    DemoPerson("liuyang", "刘洋", Role.MEMBER, "机关党组", "班子成员"),
    DemoPerson("chenjing", "陈静", Role.MEMBER, "机关党组", "班子成员"),
    DemoPerson("zhaoshen", "赵审", Role.REVIEWER, "机关党组", "审核人（组织部）：只读"),
    DemoPerson("sunshuji", "孙立", Role.SECRETARY, "市政府办公室党组", "另一单位的书记：看不到本单位台账"),
)

INSPECTION = (
    (
        "运用监督执纪“第一种形态”不够充分，提醒谈话、批评教育流于形式。",
        "全面从严治党",
        "建立提醒谈话台账，每季度分析一次运用情况。",
    ),
    (
        "意识形态工作责任制落实不到位，阵地管理存在薄弱环节。",
        "意识形态",
        "修订意识形态工作责任清单，每半年专题研究一次。",
    ),
    (
        "基层党支部组织生活不够规范，“三会一课”记录不完整。",
        "基层党建",
        "开展支部组织生活规范化检查，建立问题清单逐项整改。",
    ),
    (
        "机关财务管理不够规范，公务接待审批手续不全。",
        "财务管理",
        "修订公务接待管理办法，对近两年接待票据全面自查。",
    ),
)


def is_loaded() -> bool:
    """True when the demo is in the database (its first person, the secretary, exists)."""
    return User.objects.filter(username=PEOPLE[0].username).exists()


def _evidence(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, f"{name}\n演示用佐证材料。\n".encode(), content_type="text/plain")


@transaction.atomic
def load() -> bool:
    """Load the demo; return False when it was there already."""
    if is_loaded():
        return False
    city = Organisation.objects.create(name="市委")
    team = Organisation.objects.create(name="市人大常委会机关党组", parent=city)
    other = Organisation.objects.create(name="市政府办公室党组", parent=city)
    units = [
        Organisation.objects.create(name=n, parent=team) for n in ("办公室", "研究室", "人事处", "机关党委")
    ]
    Organisation.objects.create(name="机关第一党支部", parent=units[3])
    where = {"机关党组": team, "市政府办公室党组": other}
    people = {}
    for p in PEOPLE:
        user = User(username=p.username, display_name=p.name)
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.create(user=user, organisation=where[p.organisation], role=p.role)
        people[p.username] = user
    secretary, office = people["wangshuji"], people["libangong"]
    members = [people["wangshuji"], people["zhangwei"], people["liuyang"], people["chenjing"]]
    source = create_source(
        secretary,
        kind=SourceKind.DEMOCRATIC_LIFE,
        organisation=team,
        year=2021,
        theme="党史学习教育专题",
        title="2021年度党史学习教育专题民主生活会",
    )
    load_meeting_demo()
    meeting = Meeting.objects.get(source=source)
    load_records_demo(office, team, people, units[3])
    measures = load_reports_demo(meeting, people, members, units)
    measures += _inspection(secretary, team, members, units)
    _progress(office, members, measures)
    load_campaign_demo(office, people)
    return True


def _inspection(
    actor: User, team: Organisation, members: list[User], units: list[Organisation]
) -> list[Measure]:
    today = dates.today()
    source = create_source(
        actor,
        kind=SourceKind.INSPECTION,
        organisation=team,
        inspecting_body="市委第一巡察组",
        feedback_date=datetime.date(2021, 6, 15),
    )
    out = []
    for n, (description, category, plan) in enumerate(INSPECTION):
        problem = services.create_problem(actor, source=source, description=description, category=category)
        for j, text in enumerate((plan, "举一反三，建立长效机制，防止问题反弹。")):
            out.append(
                services.create_measure(
                    actor,
                    problem=problem,
                    text=text,
                    term=Term.ONGOING if j else Term.DEADLINE,
                    deadline=today + datetime.timedelta(days=(n - 2) * 15 + j * 60),
                    owner=members[(n + j) % len(members)],
                    unit=units[n % len(units)],
                )
            )
    return out


def _progress(office: User, members: list[User], measures: list[Measure]) -> None:
    """Progress at various states: done (some late), in progress, blocked, extended, untouched."""
    today = dates.today()
    for n, m in enumerate(measures):
        owner = m.owner or office
        step = n % 6
        if step in (0, 3):
            services.post_progress(
                owner,
                m,
                text="已制定工作方案，召开专题会议部署。",
                date=today - datetime.timedelta(days=20),
                status=Status.IN_PROGRESS,
            )
        if step == 0:
            services.post_progress(
                owner,
                m,
                text="各项工作已落实到位，形成制度文件。",
                status=Status.DONE,
                completion_note=(
                    "已按期完成整改，相关制度已印发执行。"
                    if not m.deadline or m.deadline >= today
                    else "整改已完成，相关制度已印发执行；因需与上级部署衔接，晚于原定时限完成。"
                ),
                files_=[_evidence(f"整改完成情况说明{n + 1}.txt")],
            )
        elif step == 1 and m.deadline and m.deadline < today:
            services.extend_deadline(
                office,
                m,
                deadline=today + datetime.timedelta(days=30),
                reason="涉及上级统一部署，需待上级文件下发后推进。",
            )
        elif step == 2:
            services.post_progress(
                owner,
                m,
                text="需上级统一协调，暂时无法推进。",
                status=Status.BLOCKED,
                blocked_reason="需待上级统一部署后实施",
                review_date=today + datetime.timedelta(days=60),
            )
    # One problem with every measure done, closed by the office (销号).
    for problem in Problem.objects.filter(measures__status=Status.DONE).distinct():
        if not problem.measures.exclude(status=Status.DONE).exists():
            services.close_problem(office, problem, "经核查，整改到位，同意销号。")
            break
