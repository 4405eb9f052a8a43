"""The records tests' base: a Party branch under the team, its secretary, and 张委员 placed in it."""

from __future__ import annotations

from tests.web.base import BaseTestCase, make_person
from zhenggai.orgs.models import Organisation, Role
from zhenggai.records import dual_life


class RecordsTestCase(BaseTestCase):
    """BaseTestCase, plus 机关第一党支部 (under 办公室) with its secretary 周支书 (branch_secretary);
    张委员 (member) belongs to it as an ordinary member; 刘委员 (colleague) is not placed yet.
    """

    def setUp(self) -> None:
        super().setUp()
        self.branch = Organisation.objects.create(name="机关第一党支部", parent=self.unit)
        self.branch_secretary = make_person("zhizhishu", "周支书", self.branch, Role.SECRETARY)
        dual_life.set_branch(self.office, self.member, self.branch)
