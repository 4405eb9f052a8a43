"""The authorisation matrix: every URL pattern × every persona × GET and POST, answer written down.

The patterns are read from the URL configuration, so a new page without a line here fails the
suite (`test_every_pattern_has_an_expectation`). Each line names the object the URL is called
with and the answer each persona gets, in the order of PERSONAS:

    200/302/400/403/404/405/409  the status code
    L                            a redirect to the login page (anonymous)
    A                            a redirect to the admin's login page (not staff)

A POST carries no form data: what is checked is who gets past the door, not what the form
accepts (400 and 409 are answers past the door). Every POST that ends at the door (L, A, 403,
404, 405) must leave every row and file as it was, and every 403/404 must explain itself in
Chinese. Each request runs in its own rolled-back transaction (what it would do after its commit,
such as removing a file, is never run), so no answer depends on another.

The world (tests/web/base.py and the review base): the team's 2022 meeting with members 王书记
(secretary), 张委员 (member) and 刘委员 (colleague); 李主任 (office) runs it, 赵审核 (reviewer) reads
it, 孙书记 (outsider) is the secretary of another team. 张委员's report is submitted; the
measure, its evidence and the report are his.

Regenerate the table after a deliberate change with `ZHENGGAI_MATRIX_PRINT=1 pytest <this file>`
and read every changed letter before pasting it.
"""

from __future__ import annotations

import copy
import datetime
import os
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token

from tests.web.base import upload
from tests.web.refusals import Snapshot, shown_messages
from tests.web.reviews.base import CORPUS, SEED, ReviewTestCase
from zhenggai.jobs.models import Job
from zhenggai.ledger import services as ledger
from zhenggai.ledger.models import Evidence, SourceKind
from zhenggai.ledger.services import campaigns
from zhenggai.ledger.sources import create_source
from zhenggai.meetings import holding, opinions, talks
from zhenggai.meetings import services as meetings
from zhenggai.notify.models import GroupRobot, RobotKind
from zhenggai.orgs.models import Membership, Organisation
from zhenggai.records import commitments, dual_life
from zhenggai.reviews import record
from zhenggai.reviews import services as reports
from zhenggai.reviews.models import ReferenceText

PERSONAS = ("anonymous", "secretary", "office", "member", "colleague", "reviewer", "outsider")
PRINT = os.environ.get("ZHENGGAI_MATRIX_PRINT") == "1"


@dataclass(frozen=True)
class World:
    """The objects a URL can be called with, by the names the table uses."""

    objects: dict[str, Any]

    def arguments(self, spec: str | dict[str, Any]) -> dict[str, Any]:
        """A spec is an object's name (its pk is the URL's `pk`) or {kwarg: "object.attribute", "=literal"
        or a value}."""
        if isinstance(spec, str):
            spec = {"pk": spec} if spec else {}
        values = {}
        for kwarg, path in spec.items():
            if not isinstance(path, str):
                values[kwarg] = path
                continue
            if path.startswith("="):  # a literal value, not an object's attribute
                values[kwarg] = path[1:]
                continue
            name, _, attribute = path.partition(".")
            values[kwarg] = getattr(self.objects[name], attribute or "pk")
        return values


#: Django's admin: only staff get in; every one of our personas is sent to the admin's login page.
ADMIN_ANSWER = "A A A A A A A"


def admin_url(route: str, world: World) -> str:
    """The route filled in with any object: the admin sends a non-staff visitor to its login first."""
    values = {
        "object_id": str(world.objects["problem"].pk),
        "content_type_id": "1",
        "id": str(world.objects["member_user"].pk),
        "app_label": "ledger",
        "url": "nowhere/",
    }
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m[1]], path)
    return "/" + path.replace("^", "").replace("$", "")


def patterns() -> list[tuple[str, str]]:
    """(name, route) of every named pattern in the URL configuration, namespaces included."""
    found: list[tuple[str, str]] = []

    def walk(entries: list[Any], prefix: str, namespace: str) -> None:
        for entry in entries:
            if isinstance(entry, URLResolver):
                inner = (
                    f"{namespace}:{entry.namespace}"
                    if namespace and entry.namespace
                    else entry.namespace or namespace
                )
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name or ''}" if namespace else entry.name or ""
                found.append((name, prefix + str(entry.pattern)))

    walk(get_resolver().url_patterns, "", "")
    return found


class AuthorisationMatrixTestCase(ReviewTestCase):
    def setUp(self) -> None:
        super().setUp()
        ledger.add_evidence(self.member, self.measure, [upload()])
        report = self.report_of(self.member)  # two versions, so that they can be compared
        reports.add_version(
            self.member, report, reports.read_written(SEED.decode() + "\n补充。"), file_name=""
        )
        reports.submit(self.member, report)
        link = opinions.create_link(
            self.office, self.meeting, expires_on=self.today + datetime.timedelta(days=7)
        )
        opinions.submit_opinion(link, text="希望加强调查研究，多到基层听取意见。")
        holding.publish(self.meeting)
        talk = talks.record_talk(
            self.office, self.meeting, initiator=self.secretary, partner=self.member, date=self.today
        )
        criticism = record.add_criticism(
            self.office, self.meeting, target=self.member, speaker=self.secretary, text="调查研究不够深入。"
        )
        notice = (CORPUS / "seed-notice.txt").read_bytes()
        meetings.set_notice(self.office, self.meeting, name="通知.txt", data=notice)
        inspection = create_source(
            self.secretary,
            kind=SourceKind.INSPECTION,
            organisation=self.team,
            inspecting_body="市委第一巡察组",
            year=2022,
        )
        robot = GroupRobot.objects.create(
            organisation=self.team,
            kind=RobotKind.WECOM,
            url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x",
        )
        job = Job.objects.create(user=self.member, title="导入整改台账")
        campaign = campaigns.create_campaign(
            self.office, organisation=self.team, name="专项整改", problems=[self.problem]
        )
        progress_meeting = campaigns.record_progress_meeting(
            self.office, campaign, date=self.today, attendees=[self.office]
        )
        workgroup = campaigns.create_workgroup(self.office, campaign, name="推进组", lead=self.office)
        branch = Organisation.objects.create(name="机关第一党支部", parent=self.unit)
        dual_life.set_branch(self.office, self.member, branch)
        branch_meeting = dual_life.record_meeting(
            self.office,
            branch,
            kind="theme_day",
            date=self.today,
            topic="主题党日",
            attendance=[dual_life.Present(self.member, "present")],
        )
        reference = ReferenceText.objects.create(
            organisation=self.team, name="范文.txt", text="范文", sha256="0" * 64, created_by=self.office
        )
        pledge = commitments.make_commitment(
            self.office, self.member, self.team, text="不违规收送礼品礼金", made_on=self.today
        )
        self.world = World(
            {
                "source": self.source,
                "inspection": inspection,
                "problem": self.problem,
                "measure": self.measure,
                "evidence": Evidence.objects.get(measure=self.measure),
                "meeting": self.meeting,
                "report": report,
                "link": link,
                "opinion": self.meeting.opinions.get(),
                "talk": talk,
                "criticism": criticism,
                "member_user": self.member,
                "robot": robot,
                "job": job,
                "campaign": campaign,
                "progress_meeting": progress_meeting,
                "workgroup": workgroup,
                "membership": Membership.objects.get(user=self.member),
                "branch": branch,
                "branch_meeting": branch_meeting,
                "commitment": pledge,
                "reference": reference,
            }
        )
        self.clients = {"anonymous": Client()}
        for persona in PERSONAS[1:]:
            client = Client()
            client.force_login(getattr(self, persona))
            self.clients[persona] = client

    def answer(self, client: Client, method: str, url: str) -> str:
        """The request's answer in the matrix's letters; a refusal at the door must change nothing."""
        cookies = copy.deepcopy(client.cookies)  # logging out must not log the next request out
        with transaction.atomic():
            changed: list[str] = []
            if method == "POST":
                before = Snapshot.take(self.data_dir)
                response = client.post(url)
                changed = Snapshot.take(self.data_dir).changes_since(before)
            else:
                response = client.get(url)
            transaction.set_rollback(True)
        client.cookies = cookies
        status = response.status_code
        if status in (301, 302):
            location = response["Location"]
            if location.startswith(reverse("admin:login")):
                letter = "A"
            elif location.startswith(reverse("login")):
                letter = "L"
            else:
                letter = str(status)
        else:
            letter = str(status)
        if letter in ("A", "L", "403", "404", "405") and method == "POST" and changed:
            self.fail(f"POST {url} was refused ({letter}) but changed:\n  " + "\n  ".join(changed))
        if status in (403, 404):
            shown = " ".join(shown_messages(response))
            self.assertRegex(
                shown, r"[\u4e00-\u9fff]", f"{method} {url} answered {status} without a Chinese message"
            )
        return letter

    def test_every_pattern_has_an_expectation(self) -> None:
        missing = [
            f"{name} ({route})"
            for name, route in patterns()
            if not name.startswith("admin:") and name not in PAGES and name not in API
        ]
        unnamed = [
            route
            for name, route in patterns()
            if not name or (name.endswith(":") and not name.startswith("admin:"))
        ]
        self.assertEqual(missing, [], "URL patterns without a line in the authorisation matrix")
        self.assertEqual(unnamed, [], "every URL pattern needs a name to be in the matrix")

    @pytest.mark.timeout(900)  # ~1,400 requests: about 50 s of CPU, several minutes on a loaded machine
    def test_pages(self) -> None:
        wrong, printed = [], []
        for name, route in patterns():
            if name in API:
                continue
            if name.startswith("admin:") and name not in PAGES:
                url, expected = admin_url(route, self.world), {"GET": ADMIN_ANSWER, "POST": ADMIN_ANSWER}
            else:
                spec, get_answers, post_answers = PAGES[name]
                url = reverse(name, kwargs=self.world.arguments(spec))
                expected = {"GET": get_answers, "POST": post_answers}
                printed.append(f"    {name!r}: ({spec!r}, %r, %r),")
            got = {m: " ".join(self.answer(self.clients[p], m, url) for p in PERSONAS) for m in expected}
            if name in PAGES:
                printed[-1] = printed[-1] % (got["GET"], got["POST"])
            for method, answers in expected.items():
                if got[method] != answers:
                    wrong.append(
                        f"{method} {url} ({name}):\n    expected {answers}\n    got      {got[method]}"
                    )
        if PRINT:
            print("\n".join(printed))
        self.assertEqual(wrong, [], "\n  " + "\n  ".join(wrong))

    def test_api(self) -> None:
        tokens = {p: Token.objects.create(user=getattr(self, p)).key for p in PERSONAS[1:]}
        wrong, printed = [], []
        for name, (spec, expected) in API.items():
            url = reverse(name, kwargs=self.world.arguments(spec))
            got = {}
            for method in expected:
                answers = []
                for persona in PERSONAS:
                    headers = {"HTTP_AUTHORIZATION": f"Token {tokens[persona]}"} if persona in tokens else {}
                    with transaction.atomic():
                        before = Snapshot.take(self.data_dir)
                        response = Client().generic(
                            method, url, data="{}", content_type="application/json", **headers
                        )
                        changed = Snapshot.take(self.data_dir).changes_since(before)
                        transaction.set_rollback(True)
                    status = response.status_code
                    answers.append(str(status))
                    if status in (401, 403, 404, 405) and method != "GET" and changed:
                        self.fail(
                            f"{method} {url} as {persona} was refused but changed:\n  " + "\n  ".join(changed)
                        )
                    if status in (401, 403, 404):
                        detail = response.json().get("detail", "")
                        self.assertRegex(
                            detail, r"[\u4e00-\u9fff]", f"{method} {url} as {persona}: {detail!r}"
                        )
                got[method] = " ".join(answers)
                if got[method] != expected[method]:
                    wrong.append(
                        f"{method} {url} ({name}):\n    expected {expected[method]}\n    got      {got[method]}"
                    )
            printed.append(f"    {name!r}: ({spec!r}, {got!r}),")
        if PRINT:
            print("\n".join(printed))
        self.assertEqual(wrong, [], "\n  " + "\n  ".join(wrong))


#: name → (object spec, GET answers, POST answers), answers in the order of PERSONAS.
#:         anonymous secretary office member colleague reviewer outsider
PAGES: dict[str, tuple[str | dict[str, Any], str, str]] = {
    # Campaigns (专项整改): read where one reads (or leads/joins a group); changed by the managers.
    "ledger:campaigns": ("", "L 200 200 200 200 200 200", "L 405 405 405 405 405 405"),
    "ledger:campaign_create": ("", "L 200 200 403 403 403 200", "L 400 400 403 403 403 400"),
    "ledger:campaign": ("campaign", "L 200 200 404 404 200 404", "L 405 405 405 405 405 405"),
    "ledger:campaign_report": ("campaign", "L 200 200 404 404 200 404", "L 405 405 405 405 405 405"),
    "ledger:workgroup_create": ("campaign", "L 405 405 405 405 405 405", "L 400 400 404 404 403 404"),
    "ledger:progress_meeting_create": ("campaign", "L 405 405 405 405 405 405", "L 400 400 404 404 403 404"),
    "ledger:progress_meeting": ("progress_meeting", "L 200 200 404 404 200 404", "L 405 405 405 405 405 405"),
    "ledger:progress_meeting_minutes": (
        "progress_meeting",
        "L 200 200 404 404 200 404",
        "L 405 405 405 405 405 405",
    ),
    "ledger:campaign_edit": ("campaign", "L 200 200 404 404 403 404", "L 400 400 404 404 403 404"),
    "ledger:campaign_delete": ("campaign", "L 405 405 405 405 405 405", "L 302 302 404 404 403 404"),
    "ledger:workgroup_edit": ("workgroup", "L 200 200 404 404 403 404", "L 400 400 404 404 403 404"),
    "ledger:workgroup_delete": ("workgroup", "L 405 405 405 405 405 405", "L 302 302 404 404 403 404"),
    "ledger:progress_meeting_edit": (
        "progress_meeting",
        "L 200 200 404 404 403 404",
        "L 400 400 404 404 403 404",
    ),
    "ledger:progress_meeting_delete": (
        "progress_meeting",
        "L 405 405 405 405 405 405",
        "L 302 302 404 404 403 404",
    ),
    "ledger:decision_create": ("progress_meeting", "L 405 405 405 405 405 405", "L 400 400 404 404 403 404"),
    # The admin's own door (every other admin page answers ADMIN_ANSWER).
    "admin:login": ("", "200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "admin:logout": ("", "302 302 302 302 302 302 302", "302 302 302 302 302 302 302"),
    "login": ("", "200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    # The first run's page: gone once anyone exists (tests/web/test_first_run.py tests it before).
    "setup": ("", "404 404 404 404 404 404 404", "404 404 404 404 404 404 404"),
    "logout": ("", "405 405 405 405 405 405 405", "L L L L L L L"),
    # The user guide: open to everyone, read only.
    "help": ("", "200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "help_page": ({"slug": "=ledger"}, "200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "orgs:index": ("", "L 200 200 403 403 403 200", "L 405 405 405 405 405 405"),
    "orgs:organisation_create": ("", "L 405 405 405 405 405 405", "L 400 400 403 403 403 400"),
    "orgs:person_create": ("", "L 405 405 405 405 405 405", "L 400 400 403 403 403 400"),
    "orgs:role_set": ("", "L 405 405 405 405 405 405", "L 400 400 403 403 403 400"),
    "orgs:role_remove": ("membership", "L 405 405 405 405 405 405", "L 302 302 404 404 404 404"),
    "reviews:index": ("", "L 200 200 200 200 200 200", "L 405 405 405 405 405 405"),
    "reviews:board": ("meeting", "L 200 200 404 404 200 404", "L 405 405 405 405 405 405"),
    "reviews:mine": ("meeting", "L 302 403 302 302 403 404", "L 405 405 405 405 405 405"),
    "reviews:record": ("meeting", "L 200 200 200 200 200 404", "L 405 405 405 405 405 405"),
    "reviews:criticism_add": ("meeting", "L 405 405 405 405 405 405", "L 400 400 403 403 403 404"),
    "reviews:criticism_delete": (
        {"pk": "meeting", "criticism_pk": "criticism"},
        "L 405 405 405 405 405 405",
        "L 302 302 403 403 403 404",
    ),
    "reviews:conclusions": ("meeting", "L 405 405 405 405 405 405", "L 302 302 403 403 403 404"),
    "reviews:record_ledger": ("meeting", "L 200 200 404 404 404 404", "L 400 400 404 404 404 404"),
    "reviews:report": ("report", "L 200 200 200 404 200 404", "L 405 405 405 405 405 405"),
    "reviews:upload": ("report", "L 405 405 405 405 405 405", "L 403 403 400 404 403 404"),
    "reviews:write": ("report", "L 403 403 200 404 403 404", "L 403 403 400 404 403 404"),
    "reviews:submit": ("report", "L 405 405 405 405 405 405", "L 403 403 400 404 403 404"),
    "reviews:return": ("report", "L 405 405 405 405 405 405", "L 400 400 403 404 403 404"),
    "reviews:approve": ("report", "L 405 405 405 405 405 405", "L 302 302 403 404 403 404"),
    "reviews:comment": ("report", "L 405 405 405 405 405 405", "L 400 400 400 404 400 404"),
    "reviews:compare": ("report", "L 200 200 200 404 200 404", "L 405 405 405 405 405 405"),
    "reviews:similar": ("report", "L 200 200 200 404 200 404", "L 405 405 405 405 405 405"),
    "reviews:download": (
        {"pk": "report", "number": 1},
        "L 200 200 200 404 200 404",
        "L 405 405 405 405 405 405",
    ),
    "reviews:report_docx": ("report", "L 200 200 200 404 200 404", "L 405 405 405 405 405 405"),
    # The team's documents tell every criticism and problem: members get 403 (their own draft: below).
    "reviews:meeting_report": ("meeting", "L 200 200 403 403 200 404", "L 405 405 405 405 405 405"),
    "reviews:previous": ("meeting", "L 200 200 403 403 200 404", "L 405 405 405 405 405 405"),
    "reviews:report_ledger": ("report", "L 400 400 404 404 404 404", "L 400 400 404 404 404 404"),
    # 参考范文: secretaries and the office (孙书记 of his own team); an empty POST is refused (400).
    "reviews:references": ("", "L 200 200 403 403 403 200", "L 400 400 403 403 403 400"),
    # Deleting one: its organisation's managers; 孙书记 manages another team and finds nothing (404).
    "reviews:reference_delete": ("reference", "L 200 200 403 403 403 404", "L 302 302 403 403 403 404"),
    "reviews:feedback": ("inspection", "L 200 200 404 404 404 404", "L 400 400 404 404 404 404"),
    "meetings:index": ("", "L 200 200 200 200 200 200", "L 405 405 405 405 405 405"),
    "meetings:create": ("", "L 200 200 403 403 403 200", "L 400 400 403 403 403 400"),
    "meetings:detail": ("meeting", "L 200 200 200 200 200 404", "L 405 405 405 405 405 405"),
    "meetings:edit": ("meeting", "L 200 200 403 403 403 404", "L 400 400 403 403 403 404"),
    "meetings:notice": ("meeting", "L 200 200 200 200 200 404", "L 400 400 403 403 403 404"),
    "meetings:notice_file": ("meeting", "L 200 200 200 200 200 404", "L 405 405 405 405 405 405"),
    "meetings:aspects": ("meeting", "L 200 200 200 200 200 404", "L 302 302 403 403 403 404"),
    "meetings:opinions": ("meeting", "L 200 200 200 200 200 404", "L 405 405 405 405 405 405"),
    "meetings:link_create": ("meeting", "L 405 405 405 405 405 405", "L 400 400 403 403 403 404"),
    "meetings:link_qr": (
        {"pk": "meeting", "link_id": "link"},
        "L 200 200 403 403 403 404",
        "L 405 405 405 405 405 405",
    ),
    "meetings:link_close": (
        {"pk": "meeting", "link_id": "link"},
        "L 405 405 405 405 405 405",
        "L 302 302 403 403 403 404",
    ),
    "meetings:opinion_merge": ("meeting", "L 405 405 405 405 405 405", "L 302 302 403 403 403 404"),
    "meetings:opinion_batch": ("meeting", "L 405 405 405 405 405 405", "L 302 302 403 403 403 404"),
    "meetings:unanswered": ("meeting", "L 200 200 403 403 200 404", "L 405 405 405 405 405 405"),
    "meetings:opinion_sort": (
        {"pk": "meeting", "opinion_id": "opinion"},
        "L 405 405 405 405 405 405",
        "L 302 302 404 404 403 404",
    ),
    "meetings:opinion_unmerge": (
        {"pk": "meeting", "opinion_id": "opinion"},
        "L 405 405 405 405 405 405",
        "L 302 302 404 404 403 404",
    ),
    "meetings:opinion_decide": (
        {"pk": "meeting", "opinion_id": "opinion"},
        "L 405 405 405 405 405 405",
        "L 302 302 404 404 403 404",
    ),
    "records:overview": ("", "L 200 200 302 302 200 200", "L 400 400 403 403 403 400"),
    "records:person": ("member_user", "L 200 200 200 404 200 404", "L 405 405 405 405 405 405"),
    "records:set_branch": ("member_user", "L 405 405 405 405 405 405", "L 400 400 403 404 403 404"),
    "records:commitment_add": ("member_user", "L 405 405 405 405 405 405", "L 400 400 403 404 403 404"),
    "records:statement_add": ("commitment", "L 405 405 405 405 405 405", "L 400 400 400 404 403 404"),
    "records:matter_add": ("commitment", "L 405 405 405 405 405 405", "L 400 400 403 404 403 404"),
    "records:branch": ("branch", "L 200 200 200 404 200 404", "L 400 400 403 404 403 404"),
    "records:branch_import": ("branch", "L 405 405 405 405 405 405", "L 400 400 403 404 403 404"),
    "records:meeting_delete": (
        {"pk": "branch", "meeting_id": "branch_meeting"},
        "L 405 405 405 405 405 405",
        "L 302 302 403 404 403 404",
    ),
    "meetings:talks": ("meeting", "L 200 200 200 200 200 404", "L 400 400 403 403 403 404"),
    "meetings:talk_delete": (
        {"pk": "meeting", "talk_id": "talk"},
        "L 405 405 405 405 405 405",
        "L 302 302 403 404 403 404",
    ),
    "meetings:collect": (
        {"token": "link.token"},
        "200 200 200 200 200 200 200",
        "400 400 400 400 400 400 400",
    ),
    "ledger_io:export": ("", "L 200 200 200 200 200 200", "L 405 405 405 405 405 405"),
    "ledger_io:import": ("", "L 200 200 403 403 403 200", "L 400 400 403 403 403 400"),
    # a check made in the background: only the session that uploaded the file has its token
    "ledger_io:checked": ({"token": "job.pk"}, "L 400 400 403 403 403 400", "L 405 405 405 405 405 405"),
    "ledger_io:api_token": ("", "405 405 405 405 405 405 405", "400 400 400 400 400 400 400"),
    "ledger_io:api_schema": ("", "401 200 200 200 200 200 200", "401 405 405 405 405 405 405"),
    "ledger:index": ("", "L 200 200 200 200 200 200", "L 405 405 405 405 405 405"),
    "ledger:dashboard": ("", "L 200 200 200 200 200 200", "L 405 405 405 405 405 405"),
    "ledger:todo": ("", "L 200 200 200 200 200 200", "L 405 405 405 405 405 405"),
    "ledger:audit": ("", "L 200 200 403 403 403 200", "L 405 405 405 405 405 405"),
    "ledger:sources": ("", "L 200 200 200 200 200 200", "L 405 405 405 405 405 405"),
    "ledger:source_create": ("", "L 200 200 403 403 403 200", "L 400 400 403 403 403 400"),
    "ledger:source": ("source", "L 200 200 200 200 200 404", "L 405 405 405 405 405 405"),
    "ledger:source_rectification": ("source", "L 200 200 403 403 200 404", "L 405 405 405 405 405 405"),
    "ledger:source_plan": ("source", "L 200 200 403 403 200 404", "L 405 405 405 405 405 405"),
    "ledger:problem_create": (
        {"source_pk": "source"},
        "L 200 200 403 403 403 404",
        "L 400 400 403 403 403 404",
    ),
    "ledger:problem": ("problem", "L 200 200 200 200 200 404", "L 405 405 405 405 405 405"),
    "ledger:problem_edit": ("problem", "L 200 200 403 403 403 404", "L 400 400 403 403 403 404"),
    "ledger:problem_close": ("problem", "L 405 405 405 405 405 405", "L 400 400 403 403 403 404"),
    "ledger:problem_reopen": ("problem", "L 405 405 405 405 405 405", "L 400 400 403 403 403 404"),
    "ledger:problem_delete": ("problem", "L 405 405 405 405 405 405", "L 400 400 403 403 403 404"),
    "ledger:measure_create": (
        {"problem_pk": "problem"},
        "L 200 200 403 403 403 404",
        "L 400 400 403 403 403 404",
    ),
    "ledger:measure": ("measure", "L 200 200 200 404 200 404", "L 405 405 405 405 405 405"),
    "ledger:measure_edit": ("measure", "L 200 200 403 404 403 404", "L 400 400 403 404 403 404"),
    "ledger:measure_delete": ("measure", "L 405 405 405 405 405 405", "L 400 400 403 404 403 404"),
    "ledger:measure_progress": ("measure", "L 405 405 405 405 405 405", "L 400 400 400 404 403 404"),
    "ledger:measure_status": ("measure", "L 405 405 405 405 405 405", "L 400 400 400 404 403 404"),
    "ledger:measure_extend": ("measure", "L 405 405 405 405 405 405", "L 400 400 400 404 403 404"),
    "ledger:measure_evidence": ("measure", "L 405 405 405 405 405 405", "L 400 400 400 404 403 404"),
    "ledger:evidence": ("evidence", "L 200 200 200 404 200 404", "L 405 405 405 405 405 405"),
    "notify:settings": ("", "L 200 200 200 200 200 200", "L 400 400 400 400 400 400"),
    "notify:robots": ("", "L 200 200 403 403 403 200", "L 400 400 403 403 403 400"),
    "notify:robot_delete": ("robot", "L 405 405 405 405 405 405", "L 302 302 404 404 404 404"),
    "jobs:job": ("job", "L 404 404 200 404 404 404", "L 405 405 405 405 405 405"),
    "jobs:status": ("job", "L 404 404 200 404 404 404", "L 405 405 405 405 405 405"),
    "ledger:evidence_delete": ("evidence", "L 405 405 405 405 405 405", "L 302 302 302 404 403 404"),
}

#: API name → (object spec, {method: answers}), answers in the order of PERSONAS; a token, no session.
API: dict[str, tuple[str | dict[str, Any], dict[str, str]]] = {
    "ledger_io:api_measures": (
        "",
        {
            "GET": "401 200 200 200 200 200 200",
            "POST": "401 400 400 400 400 400 400",
            "PUT": "401 405 405 405 405 405 405",
            "DELETE": "401 405 405 405 405 405 405",
        },
    ),
    "ledger_io:api_measure": (
        "measure",
        {
            "GET": "401 200 200 200 404 200 404",
            "POST": "401 405 405 405 405 405 405",
            "PUT": "401 405 405 405 405 405 405",
            "PATCH": "401 400 400 403 404 403 404",
            "DELETE": "401 405 405 405 405 405 405",
        },
    ),
    "ledger_io:api_progress": (
        "measure",
        {
            "GET": "401 405 405 405 405 405 405",
            "POST": "401 400 400 400 404 403 404",
            "PUT": "401 405 405 405 405 405 405",
            "DELETE": "401 405 405 405 405 405 405",
        },
    ),
    "ledger_io:api_measure_history": (
        "measure",
        {
            "GET": "401 200 200 200 404 200 404",
            "POST": "401 405 405 405 405 405 405",
            "DELETE": "401 405 405 405 405 405 405",
        },
    ),
    "ledger_io:api_problem_history": (
        "problem",
        {
            "GET": "401 200 200 200 200 200 404",
            "POST": "401 405 405 405 405 405 405",
            "DELETE": "401 405 405 405 405 405 405",
        },
    ),
}
