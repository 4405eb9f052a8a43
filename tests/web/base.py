"""One base for the web tests: named people on a real database, a small ledger, helpers."""

from __future__ import annotations

import contextlib
import datetime
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.http import HttpResponse
from django.test import TestCase, override_settings
from django.utils import timezone

from tests.web.refusals import Snapshot, shown_messages
from zhenggai.core.errors import Refusal
from zhenggai.ledger import services
from zhenggai.ledger.models import Measure, SourceKind, Status
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.models import Membership, Organisation, Role, User

PASSWORD = "password-for-tests"


def make_person(username: str, name: str, organisation: Organisation | None, role: str | None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, display_name=name)
    if organisation is not None and role is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def upload(name: str = "整改说明.pdf", content: bytes = b"%PDF-1.4 evidence") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class BaseTestCase(TestCase):
    """市委 → 机关党组 (the team) → 办公室 (a unit); 市政府办公室党组 (another team) beside it.

    secretary: 王书记, secretary of the team        office: 李主任, office of the team
    member: 张委员, owns self.measure                colleague: 刘委员, another member of the team
    reviewer: 赵审核, reviewer of the team            outsider: 孙书记, secretary of the other team
    """

    def setUp(self) -> None:
        super().setUp()
        # Each test's own data folder: evidence files and imports waiting for confirmation.
        self.data_dir = Path(tempfile.mkdtemp(prefix="zhenggai-data-"))
        self.addCleanup(shutil.rmtree, self.data_dir, ignore_errors=True)
        self.evidence_dir = str(self.data_dir / "evidence")
        # A fast hasher: the default one costs a third of a second per person created.
        settings_override = override_settings(
            DATA_DIR=self.data_dir,
            EVIDENCE_DIR=self.evidence_dir,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        )
        settings_override.enable()
        self.addCleanup(settings_override.disable)

        self.today = timezone.localdate()
        self.city = Organisation.objects.create(name="市委")
        self.team = Organisation.objects.create(name="机关党组", parent=self.city)
        self.unit = Organisation.objects.create(name="办公室", parent=self.team)
        self.other_team = Organisation.objects.create(name="市政府办公室党组", parent=self.city)

        self.secretary = make_person("secretary", "王书记", self.team, Role.SECRETARY)
        self.office = make_person("office", "李主任", self.team, Role.OFFICE)
        self.member = make_person("member", "张委员", self.team, Role.MEMBER)
        self.colleague = make_person("colleague", "刘委员", self.team, Role.MEMBER)
        self.reviewer = make_person("reviewer", "赵审核", self.team, Role.REVIEWER)
        self.outsider = make_person("outsider", "孙书记", self.other_team, Role.SECRETARY)

        self.source = create_source(
            self.secretary,
            kind=SourceKind.DEMOCRATIC_LIFE,
            organisation=self.team,
            year=2021,
            theme="党史学习教育专题",
        )
        self.problem = services.create_problem(
            self.secretary,
            source=self.source,
            description="理解领悟还不够深透，学用结合还不够到位。",
            aspect="学习",
        )
        self.measure = services.create_measure(
            self.secretary,
            problem=self.problem,
            text="制定个人学习计划，每月研读原著不少于两篇。",
            deadline=self.today + datetime.timedelta(days=30),
            owner=self.member,
            unit=self.unit,
        )
        self.colleague_measure = services.create_measure(
            self.secretary,
            problem=self.problem,
            text="组织专题研讨，形成调研报告。",
            deadline=self.today + datetime.timedelta(days=60),
            owner=self.colleague,
            unit=self.unit,
        )

    def login(self, user: User) -> None:
        self.client.force_login(user)

    def version(self, row: Model) -> int:
        """The row's version as a page opened now would carry it (its hidden field `version`)."""
        return type(row).objects.get(pk=row.pk).version

    def finish(self, measure: Measure, by: User | None = None) -> Measure:
        """Mark a measure done the proper way: progress with a completion note and one file."""
        services.post_progress(
            by or self.secretary,
            measure,
            text="已完成",
            status=Status.DONE,
            completion_note="全部落实",
            files_=[upload()],
        )
        measure.refresh_from_db()
        return measure

    def close_the_problem(self) -> None:
        """Finish both measures the proper way and close (销号) the problem as the office."""
        self.finish(self.measure)
        self.finish(self.colleague_measure)
        services.close_problem(self.office, self.problem)
        self.measure.refresh_from_db()

    @contextlib.contextmanager
    def changes(self) -> Iterator[list[str]]:
        """The rows and stored files the block changed (sessions aside), filled in when it ends.

        What the block leaves for after its commit (removing files) runs first, as it would outside tests.
        """
        before = Snapshot.take(self.data_dir)
        found: list[str] = []
        with self.captureOnCommitCallbacks(execute=True):
            yield found
        found.extend(Snapshot.take(self.data_dir).changes_since(before))

    @contextlib.contextmanager
    def assertNothingChanged(self) -> Iterator[None]:
        """No row of any table and no stored file differs after the block."""
        with self.changes() as found:
            yield
        if found:
            self.fail("nothing should have changed, but:\n  " + "\n  ".join(found))

    @contextlib.contextmanager
    def assertServiceRefused(self, message: str, status: int = 400) -> Iterator[None]:
        """The block — a service called as the writers without a page call it (bulk insert, report into
        the ledger, demo) — raises a Refusal of `status` saying exactly `message`, and changes nothing.
        """
        with self.assertNothingChanged(), self.assertRaises(Refusal) as caught:
            yield
        self.assertEqual((caught.exception.status, caught.exception.message), (status, message))

    def assertRefused(
        self, request: Callable[[], HttpResponse], status: int, message: str, *more: str
    ) -> HttpResponse:
        """`request()` is answered `status`, shows exactly `message` (and `more`) and changes nothing.

        Log in (and make API tokens) before: logging in writes the user's last login.
        """
        with self.changes() as found:
            response = request()
        shown, expected = shown_messages(response), [message, *more]
        problems = []
        if response.status_code != status:
            where = f" to {response['Location']}" if response.has_header("Location") else ""
            problems.append(f"answered {response.status_code}{where} instead of {status}")
        if shown != expected:
            problems.append(f"showed {shown} instead of {expected}")
        if found:
            problems.append("changed:\n    " + "\n    ".join(found))
        if problems:
            self.fail("the refusal went wrong:\n  " + "\n  ".join(problems))
        return response
