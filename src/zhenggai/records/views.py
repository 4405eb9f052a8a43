"""The records pages: a leader's page, a branch's meetings, the office's overview of the year.

Every page checks who asks (records.access); a refusal shows the page again with its Chinese
message and its status (400, or 403 for someone who may not make the change), and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from zhenggai.core import dates
from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.core.views import form_error, refused
from zhenggai.orgs.access import can_manage, is_reader_anywhere, known_organisations, managed_organisations
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import Organisation, User
from zhenggai.records import commitments, drafts, dual_life
from zhenggai.records.access import can_keep_person, person_or_404, teams_of, visible_leaders
from zhenggai.records.forms import BranchForm, CommitmentForm, MatterForm, RuleForm, StatementForm
from zhenggai.records.models import Attendance, Commitment, DualLife

PERSON = "records/person.html"


def year_of(request: AuthenticatedRequest) -> int:
    """The year asked for (?year=), this year when absent or unreadable."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return dates.today().year
    return year if 2000 <= year <= 2100 else dates.today().year


def _person_context(request: AuthenticatedRequest, person: User, **forms: Any) -> dict[str, Any]:
    user, year = request.user, year_of(request)
    keeps = can_keep_person(user, person)
    membership = DualLife.objects.filter(person=person).select_related("branch").first()
    attendance = Attendance.objects.filter(person=person, meeting__date__year=year).select_related("meeting")
    pledges = Commitment.objects.filter(person=person).prefetch_related("statements", "matters__problem")
    required = dual_life.required_for(person)
    may_state = keeps or user.pk == person.pk
    texts = (
        (drafts.draft_dual_life(person, year, required), drafts.draft_commitments(person, year))
        if may_state
        else ()
    )
    return {
        "person": person,
        "year": year,
        "dual_life": membership,
        "count": dual_life.year_counts([person], year, {person.pk: required})[person.pk],
        "attendance": attendance.order_by("-meeting__date"),
        "commitments": pledges,
        "may_keep": keeps,
        "drafts": "\n".join(t for t in texts if t),
        "may_state": may_state,
        "branch_form": forms.get("branch_form") or BranchForm(branches=known_organisations(user)),
        "commitment_form": forms.get("commitment_form")
        or CommitmentForm(organisations=managed_teams(user, person)),
        "statement_form": forms.get("statement_form") or StatementForm(),
        "matter_form": forms.get("matter_form") or MatterForm(),
    }


def managed_teams(user: User, person: User) -> QuerySet[Organisation]:
    """The person's teams whose records the user keeps: where a pledge of his may be entered."""
    return Organisation.objects.filter(pk__in=[t.pk for t in teams_of(person) if can_manage(user, t)])


@login_required
@require_safe
def person(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A leader's records for a year: his branch and attendance against the rule, his pledges with
    their statements and matters. For himself and whoever reads his organisation; 404 otherwise.
    """
    return render(request, PERSON, _person_context(request, person_or_404(request.user, pk)))


def _post(
    request: AuthenticatedRequest,
    who: User,
    form_key: str,
    form: Any,
    action: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate, act, and come back to the person's page; a refusal shows it again with its message."""
    try:
        if not form.is_valid():
            raise form_error(form)
        action(form.cleaned_data)
    except Refusal as exc:
        return refused(request, PERSON, _person_context(request, who, **{form_key: form}), exc)
    messages.success(request, done)
    return redirect("records:person", pk=who.pk)


@login_required
@require_POST
def set_branch(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: the leader's branch (双重组织生活); for the managers of his organisation (else 403)."""
    who = person_or_404(request.user, pk)
    form = BranchForm(request.POST, branches=known_organisations(request.user))
    if not can_keep_person(request.user, who):
        return refused(
            request,
            PERSON,
            _person_context(request, who),
            Forbidden("只有本人所在组织的书记或办公室可以登记其所在党支部"),
        )
    return _post(
        request,
        who,
        "branch_form",
        form,
        lambda d: dual_life.set_branch(request.user, who, d["branch"], d["since"]),
        "所在党支部已登记",
    )


@login_required
@require_POST
def add_commitment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: a pledge of the leader; for the managers of his organisation (else 403)."""
    who = person_or_404(request.user, pk)
    teams = managed_teams(request.user, who)
    form = CommitmentForm(request.POST, organisations=teams)
    if not teams.exists():
        return refused(
            request,
            PERSON,
            _person_context(request, who),
            Forbidden("只有本组织的书记或办公室可以登记公开承诺"),
        )
    return _post(
        request,
        who,
        "commitment_form",
        form,
        lambda d: commitments.make_commitment(
            request.user, who, d["organisation"], text=d["text"], made_on=d["made_on"], scope=d["scope"]
        ),
        "公开承诺已登记",
    )


def _commitment_or_404(request: AuthenticatedRequest, pk: int) -> Commitment:
    found = Commitment.objects.select_related("person", "organisation").filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到该公开承诺")
    person_or_404(request.user, found.person_id)
    return found


@login_required
@require_POST
def add_statement(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: the yearly statement on a pledge; for the leader himself and his office (else 403)."""
    pledge = _commitment_or_404(request, pk)
    form = StatementForm(request.POST)
    if request.user.pk != pledge.person_id and not can_manage(request.user, pledge.organisation):
        message = "只有承诺人本人或本组织办公室可以填写践诺情况"
        return refused(request, PERSON, _person_context(request, pledge.person), Forbidden(message))
    return _post(
        request,
        pledge.person,
        "statement_form",
        form,
        lambda d: commitments.state(request.user, pledge, year=d["year"], kept=d["kept"], text=d["text"]),
        "践诺情况已保存",
    )


@login_required
@require_POST
def add_matter(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: a matter against a pledge, opened as a ledger problem; for the office (else 403)."""
    pledge = _commitment_or_404(request, pk)
    form = MatterForm(request.POST)
    if not can_manage(request.user, pledge.organisation):
        message = "只有本组织的书记或办公室可以登记违诺问题"
        return refused(request, PERSON, _person_context(request, pledge.person), Forbidden(message))
    return _post(
        request,
        pledge.person,
        "matter_form",
        form,
        lambda d: commitments.record_matter(
            request.user, pledge, found_on=d["found_on"], description=d["description"]
        ),
        "违诺问题已登记，并已列入整改台账",
    )


@login_required
def overview(request: AuthenticatedRequest) -> HttpResponse:
    """The office's view of a year: every leader it reads, his branch, meetings attended against the
    rule, those short of it first (a member is sent to his own page). Its POST sets the rule of an organisation it manages (else 403).
    """
    user, year = request.user, year_of(request)
    if request.method != "POST" and not is_reader_anywhere(user):
        return redirect("records:person", pk=user.pk)  # a member's records are his own page
    form = RuleForm(request.POST or None, organisations=managed_organisations(user))
    if request.method == "POST":
        try:
            if not managed_organisations(user).exists():
                raise Forbidden("只有书记或办公室可以设置参加次数要求")
            if not form.is_valid():
                raise form_error(form)
            dual_life.set_required(user, form.cleaned_data["organisation"], form.cleaned_data["required"])
        except Refusal as exc:
            return refused(request, "records/overview.html", _overview_context(request, year, form), exc)
        messages.success(request, "参加次数要求已保存")
        return redirect("records:overview")
    return render(request, "records/overview.html", _overview_context(request, year, form))


def _overview_context(request: AuthenticatedRequest, year: int, form: RuleForm) -> dict[str, Any]:
    leaders = list(visible_leaders(request.user))
    required = dual_life.required_for_people(leaders)
    counts = dual_life.year_counts(leaders, year, required)
    branches = dict(
        DualLife.objects.filter(person__in=leaders)
        .select_related("branch")
        .values_list("person_id", "branch__name")
    )
    rows = [(p, branches.get(p.pk), counts[p.pk]) for p in leaders]
    rows.sort(key=lambda r: (not r[2].short, r[0].display_name))
    return {
        "year": year,
        "rows": rows,
        "short": sum(1 for r in rows if r[2].short),
        "may_set": managed_organisations(request.user).exists(),
        "this_year": dates.today().year,
        "form": form,
    }
