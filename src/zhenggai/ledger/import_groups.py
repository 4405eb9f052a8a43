"""The Excel import's 推进组 column: each problem's work group, matched by name within one campaign.

With a campaign chosen (the import page's 专项整改, `zhenggai ledger import --campaign`), a filled
cell names a work group of that campaign: the problem joins the campaign and that group
(services.campaigns.assign_problem, audited); a name the campaign has no group of is an error on
that row and column, and nothing of the file is stored. Without a campaign, a cell that says what the
ledger already says (an exported file imported back) is fine; any other is an error asking to choose
the campaign — a group's name means nothing outside its campaign.
"""

from __future__ import annotations

from zhenggai.documents.ledger_xlsx import LedgerIssue, LedgerRow, LedgerSheet
from zhenggai.ledger.campaigns import workgroup_names
from zhenggai.ledger.models import Campaign, Problem, Workgroup
from zhenggai.ledger.services.campaigns import assign_problem
from zhenggai.orgs.models import User


class GroupColumn:
    """Checks each problem's 推进组 cell as the rows are read, and assigns the groups once they are stored."""

    def __init__(self, actor: User, sheet: LedgerSheet, campaign: Campaign | None) -> None:
        self.actor = actor
        self.sheet = sheet
        self.campaign = campaign
        self.groups: dict[str, Workgroup] = (
            {g.name: g for g in campaign.workgroups.select_related("campaign")} if campaign else {}
        )
        self.pending: list[tuple[Workgroup, Problem]] = []

    def check(self, rows: list[LedgerRow], problem: Problem) -> None:
        """Check the 推进组 cell of a problem's rows (`problem` unsaved when the file adds it)."""
        name = rows[0].workgroup.strip()
        if not name or not self.sheet.has("workgroup"):
            return
        column = self.sheet.header("workgroup")
        if self.campaign is None:
            now = workgroup_names({problem.pk}).get(problem.pk, "") if problem.pk else ""
            if name != now:
                message = f"推进组“{name}”须在专项整改中按名称匹配，请在导入时选择专项整改。"
                self.sheet.errors.append(LedgerIssue(rows[0].row, column, message))
            return
        group = self.groups.get(name)
        if group is None:
            message = f"专项整改“{self.campaign}”中没有名为“{name}”的推进组，请先在专项整改页面成立该推进组，或改正名称。"
            self.sheet.errors.append(LedgerIssue(rows[0].row, column, message))
            return
        self.pending.append((group, problem))

    def apply(self) -> int:
        """Assign the checked groups (the problems are stored by now); how many problems changed group."""
        return sum(1 for group, problem in self.pending if assign_problem(self.actor, group, problem))
