"""The dashboard's totals kept per ancestor (triggers on PostgreSQL and on SQLite, migration 0014) stay
equal to the live rows after every kind of write: services, closing, deletes, bulk inserts, the Excel
import, raw updates of many rows, organisations moved in the tree."""

import datetime
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documents.ledger_builders import ledger_xlsx
from tests.web.base import BaseTestCase, make_person
from zhenggai.ledger import due, firsts, rollup, services, stats
from zhenggai.ledger.access import visible_measures, visible_problems
from zhenggai.ledger.bulk import bulk_create_problems
from zhenggai.ledger.imports import import_ledger
from zhenggai.ledger.models import Measure, Problem, Source, Status, Term
from zhenggai.ledger.services import campaigns
from zhenggai.orgs.models import Organisation, Role, User


class RollupTestCase(BaseTestCase):
    def setUp(self):
        self.assertTrue(rollup.enabled(), f"no rollup on {connection.vendor}")
        super().setUp()

    def scoped(self, user, source_id=None, org_path=None):
        measures, problems = visible_measures(user), visible_problems(user)
        if source_id:
            measures = measures.filter(problem__source_id=source_id)
            problems = problems.filter(source_id=source_id)
        if org_path is not None:
            measures = measures.filter(organisation__path__startswith=org_path)
            problems = problems.filter(organisation__path__startswith=org_path)
        return measures, problems

    def live(self, user, source_id=None, org_path=None):
        measures, problems = self.scoped(user, source_id, org_path)
        rows = stats.breakdown(measures)
        summary = stats.summarise(problems, measures, rows)
        units, owners = stats.by_unit_and_owner(rows)
        statuses: dict[str, int] = {}
        for status, _, _, n in rows:
            statuses[status] = statuses.get(status, 0) + n
        due_counts = [due.counts(measures, day) for day in self.days()]
        return (
            due_counts,
            sorted(statuses.items()),
            sorted(stats.by_field(measures, "problem__aspect", "problem__aspect")),
            (summary.problems, summary.closed, summary.aspects),
            summary,
            (sorted(units), sorted(owners)),
        )

    def rolled(self, user, source_id=None, org_path=None):
        totals = rollup.totals(user, source_id, org_path)
        counts = rollup.problem_counts(user, source_id, org_path)
        named_units, named_owners = stats.labelled(totals.units, totals.owners)
        return (
            [rollup.due_counts(user, source_id, org_path, day) for day in self.days()],
            sorted((status, n) for status, _, _, n in totals.statuses),
            sorted(totals.aspects),
            counts,
            stats.summary_of(counts, totals.statuses),
            (sorted(named_units), sorted(named_owners)),
        )

    def check(self):
        users = (self.secretary, self.member, self.reviewer, self.outsider, self.colleague, self.boss())
        orgs = Organisation.objects.filter(
            pk__in=[o.pk for o in (self.city, self.team, self.unit, self.other_team)]
        )
        paths = [None, "-", *orgs.values_list("path", flat=True)]
        for user in users:
            for source_id in (None, *Source.objects.values_list("pk", flat=True)):
                for org_path in paths:
                    with self.subTest(user=user.username, source=source_id, org=org_path):
                        self.assertEqual(
                            self.rolled(user, source_id, org_path), self.live(user, source_id, org_path)
                        )

    def check_lists(self, *users):
        """The dashboard's overdue and due-soon lists (firsts.py) are those of the live query, first two."""
        paths = [None, "-", *Organisation.objects.values_list("path", flat=True)]
        days = [self.today + datetime.timedelta(days=d) for d in (-4, 0, 5)]
        for user in users:
            for source_id in (None, *Source.objects.values_list("pk", flat=True)):
                for org_path in paths:
                    measures, _ = self.scoped(user, source_id, org_path)
                    for day in days:
                        with self.subTest(user=user.username, source=source_id, org=org_path, day=day):
                            self.assertEqual(
                                firsts.lists(user, measures, source_id, org_path, day, 2),
                                (stats.overdue(measures, day, 2), stats.due_soon(measures, day, 2)),
                            )

    def days(self):
        """Days on which overdue and due soon differ: around every deadline there is, and today."""
        deadlines = set(Measure.objects.exclude(deadline=None).values_list("deadline", flat=True))
        soon = datetime.timedelta(days=due.soon_days())
        one = datetime.timedelta(days=1)
        days = {self.today}
        for d in deadlines:
            days |= {d - soon - one, d - soon, d, d + one}
        return sorted(days)

    def boss(self):
        boss = User.objects.filter(username="boss").first() or make_person("boss", "系统管理员", None, None)
        boss.is_superuser = True
        boss.save()
        return boss

    def test_the_whole_province_is_a_few_rows_of_its_top_organisation(self):
        # Everything below the city is counted in the city's own rows: four statuses at most, per source.
        self.check()
        rows = Organisation.objects.filter(pk=self.city.pk).values_list("pk", flat=True)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT source_id, dim, item, n FROM ledger_measure_tree WHERE ancestor_id = %s AND n > 0",
                [rows[0]],
            )
            city = cursor.fetchall()
        self.assertIn((0, "s", Status.NOT_STARTED.value, Measure.objects.count()), city)
        self.assertEqual(rollup.ancestors(self.boss(), None), [self.city.pk])
        self.assertEqual(rollup.ancestors(self.secretary, None), [self.team.pk])
        self.assertEqual(rollup.ancestors(self.secretary, self.city.path), [self.team.pk])
        self.assertEqual(rollup.ancestors(self.secretary, self.unit.path), [self.unit.pk])
        self.assertEqual(rollup.ancestors(self.secretary, self.other_team.path), [])

    def test_the_lists_of_a_part_of_the_tree_are_the_live_lists(self):
        # Open measures due on many days in the team, the office below it and the other team, some
        # owned by a person of the other team (he sees them as his own): the overdue and due-soon lists
        # read from each organisation's first rows are those of the live query, limit reached or not.
        p = services.create_problem(self.secretary, source=self.source, description="时限问题", aspect="作风")
        stranger = make_person("stranger", "外单位干部", self.other_team, Role.MEMBER)
        for i in range(14):
            m = services.create_measure(
                self.secretary,
                problem=p,
                text=f"按期整改{i}",
                deadline=self.today + datetime.timedelta(days=(i % 7 - 3) * 3),
                owner=self.member if i % 2 else self.colleague,
            )
            place = (self.team, self.unit, self.other_team)[i % 3]
            Measure.objects.filter(pk=m.pk).update(
                organisation=place, owner=stranger if i % 5 == 0 else m.owner
            )
        users = (self.secretary, self.member, self.reviewer, self.outsider, stranger, self.boss())
        self.check_lists(*users)
        self.assertEqual(self.rolled(stranger), self.live(stranger))
        if connection.vendor == "postgresql":
            # Not the live query's walk: one query per list over the team's organisations.
            measures, _ = self.scoped(self.secretary, None, self.city.path)
            with CaptureQueriesContext(connection) as read:
                firsts.lists(self.secretary, measures, None, self.city.path, self.today)
            self.assertEqual(len([q for q in read.captured_queries if "LATERAL" in q["sql"]]), 2)
        # Past the break-even (a province of few organisations per scope) the walk is the live query.
        with mock.patch.object(firsts, "BREAK_EVEN", 0):
            self.check_lists(self.secretary, stranger)

    def test_after_creating_problems_and_measures(self):
        self.check()
        p = services.create_problem(self.secretary, source=self.source, description="作风不实", aspect="作风")
        services.create_measure(self.secretary, problem=p, text="整改作风", term=Term.ONGOING)
        services.create_problem(self.secretary, source=self.source, description="没有方面的问题")
        self.check()

    def test_after_status_changes_and_edits(self):
        self.finish(self.measure)
        services.change_status(self.colleague, self.colleague_measure, Status.IN_PROGRESS)
        self.check()
        services.update_measure(self.secretary, self.colleague_measure, owner=self.member, unit=None)
        self.check()
        services.update_problem(self.secretary, self.problem, aspect="思想")
        self.check()

    def test_after_a_measure_moves_to_a_problem_of_another_aspect(self):
        other = services.create_problem(
            self.secretary, source=self.source, description="作风不实", aspect="作风"
        )
        services.create_measure(self.secretary, problem=other, text="整改作风", term=Term.ONGOING)
        self.check()
        services.move_measure(self.secretary, self.colleague_measure, other)  # 学习 → 作风
        self.check()

    def test_after_closing_and_reopening(self):
        self.finish(self.measure)
        self.finish(self.colleague_measure)
        services.close_problem(self.secretary, self.problem, note="全部完成")
        self.check()
        services.reopen_problem(self.secretary, self.problem, reason="群众反映仍有问题")
        self.check()

    def test_after_deletes(self):
        p = services.create_problem(self.secretary, source=self.source, description="待删除", aspect="担当")
        m = services.create_measure(
            self.secretary, problem=p, text="待删除的措施", owner=self.member, term=Term.ONGOING
        )
        self.check()
        services.delete_measure(self.secretary, m)
        self.check()
        services.delete_problem(self.secretary, p)
        services.delete_measure(self.secretary, self.colleague_measure)
        self.check()

    def test_after_a_bulk_import(self):
        items = [
            (
                Problem(
                    source=self.source,
                    organisation=self.team,
                    number=10 + i,
                    aspect=f"方面{i % 2}",
                    description=f"导入的问题{i}",
                ),
                [
                    Measure(
                        text=f"导入的措施{i}-{j}",
                        term=Term.ONGOING,
                        owner=self.colleague,
                        unit=self.unit,
                        status=Status.DONE if j else Status.NOT_STARTED,
                    )
                    for j in range(3)
                ],
            )
            for i in range(4)
        ]
        bulk_create_problems(self.secretary, items)
        self.check()

    def test_after_raw_updates_and_deletes(self):
        Measure.objects.filter(pk=self.measure.pk).update(status=Status.BLOCKED)
        Problem.objects.filter(pk=self.problem.pk).update(aspect="")
        self.check()
        # Deadlines moved, set and taken away: the overdue and due-soon counts follow.
        Measure.objects.filter(pk=self.colleague_measure.pk).update(
            deadline=self.today - datetime.timedelta(days=3)
        )
        Measure.objects.filter(pk=self.measure.pk).update(status=Status.IN_PROGRESS, deadline=self.today)
        self.check()
        Measure.objects.update(deadline=None)
        self.check()
        Measure.objects.filter(pk=self.colleague_measure.pk).delete()
        self.check()

    def test_an_owner_outside_the_organisation_sees_his_own(self):
        # No service makes him the owner today (the owner rule): a measure kept from before the rule,
        # or an owner who moved to another organisation since.
        stranger = make_person("stranger", "外单位干部", self.other_team, Role.MEMBER)
        Measure.objects.filter(pk=self.measure.pk).update(owner=stranger)
        self.assertEqual(self.rolled(stranger), self.live(stranger))
        self.assertEqual(self.rolled(stranger)[3], (1, 0, 1))
        self.check()

    def test_a_work_group_lead_counts_the_measures_of_his_group(self):
        # 张委员 reads nowhere: he sees his own measure, and those of the problems his group drives.
        problem = services.create_problem(
            self.secretary, source=self.source, description="调研不够深入", aspect="作风"
        )
        services.create_measure(
            self.secretary, problem=problem, text="每月下基层一次", deadline=self.today, owner=self.colleague
        )
        campaign = campaigns.create_campaign(
            self.office, organisation=self.team, name="专项整改", problems=[problem]
        )
        campaigns.create_workgroup(self.office, campaign, name="推进组", lead=self.member, problems=[problem])
        self.assertEqual(visible_measures(self.member).count(), 2)
        self.assertEqual(self.rolled(self.member), self.live(self.member))
        self.assertEqual(self.rolled(self.member)[3], (2, 0, 2))
        self.check()

    def test_a_superuser_is_counted_as_the_ledger_shows_him(self):
        boss = make_person("boss", "系统管理员", None, None)
        boss.is_superuser = True
        boss.save()
        self.assertEqual(self.rolled(boss), self.live(boss))
        # The operator sees everything: every measure and problem, his own counted once.
        self.assertEqual(self.rolled(boss)[3], (Problem.objects.count(), 0, 1))
        Measure.objects.filter(pk=self.measure.pk).update(owner=boss)
        self.assertEqual(self.rolled(boss), self.live(boss))
        self.assertEqual(self.rolled(boss)[3], (Problem.objects.count(), 0, 1))

    def ledger_file(self, second_status: str) -> bytes:
        rows = [
            [
                1,
                "2022年督查",
                "问题甲",
                "措施甲",
                "张委员",
                "办公室",
                "2022年3月31日",
                "已部署",
                "正在推进",
                "",
            ],
            [None, None, None, "措施乙", "刘委员", "办公室", "长期坚持", "已开始", second_status, ""],
            [2, "2022年督查", "问题乙", "措施丙", "刘委员", "", "长期坚持", "", "未启动", ""],
        ]
        return ledger_xlsx(rows, merges=["A3:A4", "B3:B4", "C3:C4"])

    def test_after_an_excel_import_and_a_reimport_that_changes_it(self):
        report = import_ledger(
            self.secretary, self.ledger_file("未启动"), "台账.xlsx", organisation=self.team
        )
        self.assertTrue(report.stored, [str(e) for e in report.sheet.errors])
        self.check()
        # The same file again with one status changed: an update through the services, not a new row.
        report = import_ledger(
            self.secretary, self.ledger_file("正在推进"), "台账.xlsx", organisation=self.team
        )
        self.assertTrue(report.stored, [str(e) for e in report.sheet.errors])
        self.assertEqual(Measure.objects.filter(text="措施乙", status=Status.IN_PROGRESS).count(), 1)
        self.check()

    def test_after_bulk_changes_of_many_rows_at_once(self):
        import_ledger(self.secretary, self.ledger_file("未启动"), "台账.xlsx", organisation=self.team)
        imported = Source.objects.get(title="2022年督查")
        Measure.objects.filter(organisation=self.team).update(status=Status.IN_PROGRESS, unit=None)
        self.check()
        # Every problem of one source moved to another and to one aspect: their measures move too.
        Problem.objects.filter(source=imported).update(source=self.source, aspect="合并")
        self.check()
        Measure.objects.filter(problem__source=self.source, owner=self.colleague).update(owner=self.member)
        Problem.objects.filter(pk=self.problem.pk).update(organisation=self.unit)
        self.check()

    def test_after_organisations_move_in_the_tree(self):
        # A unit below the team with measures and problems of its own, and one more level below it.
        branch = Organisation.objects.create(name="第一支部", parent=self.unit)
        p = services.create_problem(
            self.secretary, source=self.source, description="支部的问题", aspect="组织"
        )
        services.create_measure(
            self.secretary, problem=p, text="支部整改", owner=self.member, term=Term.ONGOING
        )
        Problem.objects.filter(pk=p.pk).update(organisation=branch)
        Measure.objects.filter(problem=p).update(organisation=branch, unit=branch)
        Measure.objects.filter(pk=self.colleague_measure.pk).update(organisation=self.unit)
        self.check()
        # The office (and the branch below it) re-parented from the team to the other team: every path of
        # the subtree rewritten by one UPDATE, as a move does it.
        old, new = self.unit.path, self.other_team.path + self.unit.path[len(self.team.path) :]
        from django.db.models import F, Value
        from django.db.models.functions import Concat, Substr

        Organisation.objects.filter(path__startswith=old).update(
            path=Concat(Value(new), Substr(F("path"), len(old) + 1)), depth=F("depth")
        )
        Organisation.objects.filter(pk=self.unit.pk).update(parent=self.other_team)
        self.unit.refresh_from_db()
        self.assertTrue(self.unit.path.startswith(self.other_team.path))
        self.check()
        # One organisation at a time, back to the city directly.
        for org in Organisation.objects.filter(path__startswith=self.unit.path).order_by("depth"):
            parent = org.parent if org.pk != self.unit.pk else self.city
            assert parent is not None
            parent.refresh_from_db()
            Organisation.objects.filter(pk=org.pk).update(path=parent.path + f"{org.pk:06d}/", parent=parent)
        self.check()
