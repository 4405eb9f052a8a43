"""The database side of the load benchmark, run in a process of its own with the server's environment.

    python -m bench.loaddata setup USERS   # migrate, the demo, USERS members with a measure and a report each
    python -m bench.loaddata count RUN     # what the run RUN stored, by its markers

Each prints one JSON object. The benchmark and the tests run it next to the real server, so that
their own process never opens the server's database.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import sys
from collections import Counter
from typing import Any

#: The demo's team (web/demo.py) and the password of every demo login.
TEAM = "市人大常委会机关党组"
PASSWORD = "zhenggai2021"

#: Texts the load sends begin with these words, followed by a marker RUN-USER-SEQ.
PROGRESS, OPINION, REPORT, EVIDENCE = "负载测试进展", "负载测试意见", "负载测试材料", "佐证"
MARKER = r"([0-9a-f]+-\d+-\d+)"


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhenggai.web.settings")
    import django

    django.setup()
    command, value = argv
    result = setup(int(value)) if command == "setup" else count(value)
    print(json.dumps(result, ensure_ascii=False))
    return 0


def setup(users: int) -> dict[str, Any]:
    """The demo, plus `users` members of its team, each owning one measure and writing one report."""
    from django.core.management import call_command
    from django.db import transaction

    from zhenggai.core.dates import today
    from zhenggai.ledger import services
    from zhenggai.ledger.models import Source, SourceKind
    from zhenggai.meetings import opinions
    from zhenggai.meetings.models import Meeting
    from zhenggai.orgs.models import Membership, Organisation, Role, User
    from zhenggai.reviews.services import report_for
    from zhenggai.web import demo

    call_command("migrate", interactive=False, verbosity=0)
    demo.load()
    team = Organisation.objects.get(name=TEAM)
    secretary, office = User.objects.get(username="wangshuji"), User.objects.get(username="libangong")
    meeting = Meeting.objects.get(organisation=team, year=2021)
    source = Source.objects.get(organisation=team, kind=SourceKind.DEMOCRATIC_LIFE, year=2021)
    people = []
    with transaction.atomic():
        problem = services.create_problem(
            secretary, source=source, description="负载测试：多人同时填报的问题。"
        )
        for n in range(users):
            # The demo's password, hashed once: hashing it again for each person costs half a second.
            user = User.objects.create(
                username=f"load{n:03d}", display_name=f"测试{n}", password=office.password
            )
            Membership.objects.create(user=user, organisation=team, role=Role.MEMBER)
            meeting.members.add(user)
            measure = services.create_measure(
                secretary,
                problem=problem,
                text=f"测试{n}的整改措施：每月研读原著不少于两篇。",
                deadline=today() + datetime.timedelta(days=30),
                owner=user,
            )
            report = report_for(user, meeting)
            people.append(
                {"username": user.username, "id": user.pk, "measure": measure.pk, "report": report.pk}
            )
        link = opinions.create_link(office, meeting, expires_on=today() + datetime.timedelta(days=7))
    return {
        "password": PASSWORD,
        "people": people,
        "link": link.token,
        "organisation": team.pk,
        "source": source.pk,
    }


def count(run: str) -> dict[str, dict[str, int]]:
    """How many rows (and evidence files) each marker of the run has in the database.

    Opinions still waiting in the holding table (sealed, published in batches) are published first,
    as the daily command would, so an accepted opinion counts whether or not its batch was complete.
    """
    from zhenggai.ledger import evidence
    from zhenggai.ledger.models import Evidence, Progress
    from zhenggai.meetings.holding import publish
    from zhenggai.meetings.models import HeldOpinion, Meeting, Opinion
    from zhenggai.reviews.models import ReportVersion

    for meeting in Meeting.objects.filter(pk__in=HeldOpinion.objects.values("meeting_id")):
        publish(meeting)

    def markers(prefix: str, texts: Any) -> dict[str, int]:
        found = Counter(m.group(1) for t in texts if (m := re.search(prefix + MARKER, t)))
        return {k: v for k, v in found.items() if k.startswith(f"{run}-")}

    files = Evidence.objects.filter(name__startswith=f"{EVIDENCE}{run}-")
    kept = []
    for name, stored_name in files.values_list("name", "stored_name"):
        stored = evidence.open_stored(stored_name)
        if stored is not None:  # a row whose file is missing counts as lost
            stored.close()
            kept.append(name)
    return {
        "progress": markers(
            PROGRESS, Progress.objects.filter(text__startswith=PROGRESS).values_list("text", flat=True)
        ),
        "evidence": markers(EVIDENCE, kept),
        "opinion": markers(
            OPINION, Opinion.objects.filter(text__startswith=OPINION).values_list("text", flat=True)
        ),
        "report": markers(
            REPORT, ReportVersion.objects.filter(text__contains=REPORT).values_list("text", flat=True)
        ),
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
