"""The import's audit trail, written in bulk, reads exactly as record() would have written it row by row.

Every problem, measure, progress entry, person and unit an import creates has one 新增 entry whose
fields (actor, summary, object, problem and measure ids, organisation path, snapshots and the names
they refer to) equal those of entry()/snapshot() applied to the row as stored; persons get logins
that do not clash with anyone's, and their role.
"""

from __future__ import annotations

from tests.documents.ledger_builders import ledger_xlsx
from tests.web.base import BaseTestCase, make_person
from zhenggai.core.errors import Forbidden
from zhenggai.ledger.audit import AuditAction, AuditEntry, entry, snapshot
from zhenggai.ledger.imports import import_ledger
from zhenggai.ledger.models import Measure, Problem, Progress
from zhenggai.orgs.models import Membership, Organisation, Role, User
from zhenggai.orgs.services import create_members

#: Two new problems (one merged over two rows), a done row with evidence, an ongoing one, a new unit,
#: two new people, one of whose names is someone else's login elsewhere.
ROWS = [
    [1, "2022年市委第一巡察组巡察", "落实主体责任不到位", "制定责任清单", "张委员", "办公室", "2022年3月31日", "已印发清单", "已完成", "责任清单.pdf"],
    [None, None, None, "开展专题培训", "新同志", "财务科", "长期坚持", "", "正在推进", ""],
    [2, "2022年市委第一巡察组巡察", "制度执行不严格", "修订制度\t（含“引号”\\）", "王小明", "办公室", "2022年6月底前", "已修订印发", "已完成", ""],
    [3, "2022年市委第一巡察组巡察", "学习不深入", "制定学习计划", "新同志", "财务科", "2099年12月31日", "已部署", "正在推进", "计划.docx"],
]  # fmt: skip
FIELDS = (
    "actor_id",
    "actor_name",
    "action",
    "summary",
    "object_type",
    "object_id",
    "object_repr",
    "problem_id",
    "measure_id",
    "organisation_path",
    "before",
    "after",
    "names",
)


class ImportTrailTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        # 王小明's name is the login of someone in the other team: the new person gets 王小明2
        make_person("王小明", "另一个人", self.other_team, Role.MEMBER)
        self.report = import_ledger(
            self.secretary,
            ledger_xlsx(ROWS, merges=["A3:A4", "B3:B4", "C3:C4"]),
            "台账.xlsx",
            organisation=self.team,
            create_owners=["新同志", "王小明"],
        )
        self.assertTrue(self.report.stored, [str(e) for e in self.report.sheet.errors])

    def stored(self, obj):
        """The one entry that created `obj`, as a dict of FIELDS."""
        trail = AuditEntry.objects.filter(
            object_type=obj._meta.model_name, object_id=obj.pk, action=AuditAction.CREATE
        )
        self.assertEqual(len(trail), 1, obj)
        return {f: getattr(trail[0], f) for f in FIELDS}

    def expected(self, obj, **kwargs):
        made = entry(self.secretary, AuditAction.CREATE, obj, before=None, **kwargs)
        return {f: getattr(made, f) for f in FIELDS}

    def test_problems_measures_and_progress_read_as_one_by_one(self):
        problems = Problem.objects.filter(source__title="2022年市委第一巡察组巡察").order_by("number")
        self.assertEqual(len(problems), 3)
        for problem in problems:
            after = snapshot(problem)
            want = self.expected(
                problem,
                summary="导入台账",
                after=after,
                problem_id=problem.pk,
                organisation_path=self.team.path,
            )
            self.assertEqual(self.stored(problem), want)
        measures = Measure.objects.filter(problem__in=problems)
        self.assertEqual(len(measures), 4)
        for measure in measures:
            want = self.expected(
                measure,
                summary="导入台账",
                after=snapshot(measure),
                problem_id=measure.problem_id,
                measure_id=measure.pk,
                organisation_path=self.team.path,
            )
            self.assertEqual(self.stored(measure), want)
        progress = Progress.objects.filter(measure__in=measures)
        self.assertEqual(len(progress), self.report.progress)
        self.assertEqual(len(progress), 5)
        for p in progress:
            want = self.expected(
                p,
                summary="导入台账",
                after=snapshot(p),
                problem_id=p.measure.problem_id,
                measure_id=p.measure_id,
                organisation_path=self.team.path,
            )
            self.assertEqual(self.stored(p), want)
        tricky = Measure.objects.get(text="修订制度\t（含“引号”\\）")
        self.assertEqual(self.stored(tricky)["after"]["text"], "修订制度\t（含“引号”\\）")
        self.assertEqual(self.stored(tricky)["names"][f"orgs.user:{tricky.owner_id}"], "王小明")

    def test_new_people_and_units_are_created_and_audited(self):
        self.assertEqual(self.report.owners_created, ["新同志", "王小明"])
        self.assertEqual(self.report.units_created, ["财务科"])
        newcomer = User.objects.get(display_name="新同志")
        namesake = User.objects.get(display_name="王小明")
        self.assertEqual((newcomer.username, namesake.username), ("新同志", "王小明2"))
        for person in (newcomer, namesake):
            self.assertFalse(person.has_usable_password())
            self.assertTrue(person.is_active)
            self.assertEqual(
                list(Membership.objects.filter(user=person).values_list("organisation", "role")),
                [(self.team.pk, Role.MEMBER)],
            )
            after = {
                "display_name": person.display_name,
                "username": person.username,
                "organisation": str(self.team),
                "role": "班子成员",
            }
            want = self.expected(
                person, summary="导入台账：新建人员", after=after, organisation_path=self.team.path
            )
            self.assertEqual(self.stored(person), want)
        unit = Organisation.objects.get(name="财务科")
        self.assertEqual(unit.parent, self.team)
        want = self.expected(
            unit,
            summary="导入台账：新建责任单位",
            after={"name": "财务科", "parent": str(self.team)},
            organisation_path=unit.path,
        )
        self.assertEqual(self.stored(unit), want)
        measure = Measure.objects.get(text="开展专题培训")
        self.assertEqual((measure.owner, measure.unit), (newcomer, unit))


class CreateMembersTestCase(BaseTestCase):
    """orgs.services.create_members, the import's new owners made at once."""

    def test_logins_skip_every_taken_one_and_each_other(self):
        make_person("王五", "王五", self.other_team, Role.MEMBER)
        make_person("王五2", "另一个王五", self.other_team, Role.MEMBER)
        people = create_members(self.secretary, self.team, ["王五", "赵六", "王五2"])
        self.assertEqual([p.username for p in people], ["王五3", "赵六", "王五22"])
        self.assertEqual([p.display_name for p in people], ["王五", "赵六", "王五2"])
        for person in people:
            person.refresh_from_db()
            self.assertFalse(person.has_usable_password())
            self.assertEqual(
                list(person.memberships.values_list("organisation", "role")), [(self.team.pk, Role.MEMBER)]
            )

    def test_only_a_manager_may_create_them(self):
        with self.assertNothingChanged(), self.assertRaises(Forbidden) as caught:
            create_members(self.member, self.team, ["赵六"])
        self.assertEqual(caught.exception.message, f"您没有管理“{self.team}”的权限")
