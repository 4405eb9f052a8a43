"""The ledger's HTTP JSON API: list (same filters as the page), read, create, update, post progress."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status as http
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal
from zhenggai.ledger import queries, services
from zhenggai.ledger.access import (
    can_edit_measure,
    eligible_owners,
    owner_rule,
    unit_choices,
    unit_rule,
    visible_measures,
    visible_problems,
)
from zhenggai.ledger.api_serializers import (
    ErrorSerializer,
    MeasureCreateSerializer,
    MeasureDetailSerializer,
    MeasurePageSerializer,
    MeasureSerializer,
    MeasureUpdateSerializer,
    ProgressCreateSerializer,
    ProgressSerializer,
)
from zhenggai.ledger.models import Measure
from zhenggai.orgs.models import Organisation, User

AUTH = (TokenAuthentication, SessionAuthentication)
PERMS = (IsAuthenticated,)
FILTER_PARAMS = [
    OpenApiParameter("source", int, description="问题来源编号"),
    OpenApiParameter("organisation", int, description="组织编号（含下级）"),
    OpenApiParameter("unit", int, description="责任单位编号"),
    OpenApiParameter("owner", int, description="责任人编号"),
    OpenApiParameter("aspect", str, description="查摆方面"),
    OpenApiParameter("status", str, enum=["not_started", "in_progress", "done", "blocked"]),
    OpenApiParameter("term", str, enum=["immediate", "deadline", "ongoing"]),
    OpenApiParameter("overdue", bool, description="只看逾期"),
    OpenApiParameter("due_within", int, description="多少天内到期"),
    OpenApiParameter("q", str, description="全文搜索（中文）"),
    OpenApiParameter("sort", str, enum=list(queries.SORTS)),
    OpenApiParameter("after", str, description="翻页游标：上一页返回的 next 中已带上"),
]


def error(message: str, status: int = 400) -> Response:
    """Every refusal of the API: {"detail": "中文说明"}."""
    return Response({"detail": message}, status=status)


def _user(request: Request) -> User:
    """The person behind the token or session; every view here requires one (IsAuthenticated)."""
    user = request.user
    assert isinstance(user, User), "the API's permission classes let only people in"
    return user


def _measure(request: Request, pk: int) -> Measure:
    measure = (
        visible_measures(_user(request))
        .select_related("problem__source", "organisation", "owner", "unit")
        .filter(pk=pk)
        .first()
    )
    if measure is None:
        raise NotFound("没有找到该整改措施，或您无权查看")
    return measure


def _references(organisation: Organisation, data: dict[str, Any]) -> dict[str, Any]:
    """Owner and unit ids → the people and units a measure of `organisation` may name; Refusal otherwise.

    An unknown id, someone elsewhere and someone inactive answer alike and name nobody, so ids
    cannot be probed for names.
    """
    fields = dict(data)
    if fields.get("owner") is not None:
        owner = eligible_owners(organisation).filter(pk=fields["owner"]).first()
        if owner is None:
            raise Refusal(owner_rule(organisation))
        fields["owner"] = owner
    if fields.get("unit") is not None:
        unit = unit_choices(organisation).filter(pk=fields["unit"]).first()
        if unit is None:
            raise Refusal(unit_rule(organisation))
        fields["unit"] = unit
    return fields


@extend_schema(
    methods=["GET"],
    operation_id="ledger_measures_list",
    parameters=FILTER_PARAMS,
    responses={200: MeasurePageSerializer, 400: ErrorSerializer},
)
@extend_schema(
    methods=["POST"],
    request=MeasureCreateSerializer,
    responses={201: MeasureSerializer, 400: ErrorSerializer},
)
@api_view(["GET", "POST"])
@authentication_classes(AUTH)
@permission_classes(PERMS)
def measures(request: Request) -> Response:
    """GET: the measures the user may see, filtered as on the ledger page, one page at a time.
    POST: add a measure to a problem (secretary or office)."""
    user = _user(request)
    if request.method == "POST":
        return _create(request, user)
    f = queries.parse_filter(request.query_params)
    if f.errors:
        return error("；".join(f.errors))
    rows = queries.apply(visible_measures(user), f, today())
    try:
        page, cursor = queries.page(
            rows.select_related("problem__source", "organisation", "owner", "unit"),
            f,
            settings.LEDGER_PAGE_SIZE,
        )
    except Refusal as exc:
        return error(exc.message, exc.status)
    count, more = queries.capped_count(rows)
    next_url = None
    if cursor:
        next_url = request.build_absolute_uri(f"{request.path}?{f.query_string(after=cursor)}")
    return Response(
        {"results": MeasureSerializer(page, many=True).data, "next": next_url, "count": count, "more": more}
    )


def _create(request: Request, user: User) -> Response:
    form = MeasureCreateSerializer(data=request.data)
    if not form.is_valid():
        return error(_first_error(form.errors))
    data = dict(form.validated_data)
    problem = visible_problems(user).filter(pk=data.pop("problem")).first()
    if problem is None:
        return error("没有找到该问题，或您无权查看", http.HTTP_404_NOT_FOUND)
    try:
        services.must_manage(user, problem.organisation)  # before the owner: a stranger learns nothing
        measure = services.create_measure(user, problem=problem, **_references(problem.organisation, data))
    except Refusal as exc:
        return error(exc.message, exc.status)
    return Response(MeasureSerializer(measure).data, status=http.HTTP_201_CREATED)


@extend_schema(methods=["GET"], responses={200: MeasureDetailSerializer, 404: ErrorSerializer})
@extend_schema(
    methods=["PATCH"],
    request=MeasureUpdateSerializer,
    responses={200: MeasureSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 409: ErrorSerializer},
)
@api_view(["GET", "PATCH"])
@authentication_classes(AUTH)
@permission_classes(PERMS)
def measure(request: Request, pk: int) -> Response:
    """GET: one measure with its progress and `version`. PATCH: change text, term, deadline, owner, unit
    (the office), sending the `version` it is based on: 409 with who changed what when it is stale.
    """
    user = _user(request)
    item = _measure(request, pk)
    if request.method == "GET":
        item = (
            Measure.objects.prefetch_related("progress__author")
            .select_related("problem__source", "organisation", "owner", "unit")
            .get(pk=item.pk)
        )
        return Response(MeasureDetailSerializer(item).data)
    form = MeasureUpdateSerializer(data=request.data)
    try:
        services.must_manage(user, item.organisation)  # before reading the input: 403 comes first
        if not form.is_valid():
            return error(_first_error(form.errors))
        data = dict(form.validated_data)
        version = data.pop("version")
        item = services.update_measure(user, item, version=version, **_references(item.organisation, data))
    except Refusal as exc:
        return error(exc.message, exc.status)
    return Response(MeasureSerializer(item).data)


@extend_schema(
    request=ProgressCreateSerializer,
    responses={
        201: ProgressSerializer,
        400: ErrorSerializer,
        403: ErrorSerializer,
        404: ErrorSerializer,
        409: ErrorSerializer,
    },
)
@api_view(["POST"])
@authentication_classes(AUTH)
@permission_classes(PERMS)
def progress(request: Request, pk: int) -> Response:
    """Post progress (整改进展) on a measure: its owner or the office; evidence files as multipart `files`."""
    user = _user(request)
    item = _measure(request, pk)
    if not can_edit_measure(user, item):  # who asks first: a reader learns nothing of the form
        return error("您只能填报本人负责的整改措施的进展", 403)
    form = ProgressCreateSerializer(data=request.data)
    if not form.is_valid():
        return error(_first_error(form.errors))
    data = dict(form.validated_data)
    try:
        entry = services.post_progress(
            user,
            item,
            text=data["text"],
            date=data.get("date"),
            status=data.get("status"),
            files_=request.FILES.getlist("files"),
            completion_note=data.get("completion_note", ""),
            blocked_reason=data.get("blocked_reason", ""),
            review_date=data.get("review_date"),
            version=data.get("version"),
        )
    except Refusal as exc:
        return error(exc.message, exc.status)
    return Response(ProgressSerializer(entry).data, status=http.HTTP_201_CREATED)


_FIELD_LABELS = {
    "problem": "问题",
    "text": "内容",
    "term": "整改时限类型",
    "deadline": "完成时限",
    "owner": "责任人",
    "unit": "责任单位",
    "number": "序号",
    "date": "日期",
    "status": "状态",
    "review_date": "复查日期",
    "version": "版本",
}
_MESSAGES = {
    "required": "不能为空",
    "blank": "不能为空",
    "invalid": "格式不对（日期应为 YYYY-MM-DD，编号应为数字）",
    "invalid_choice": "不是有效的选项",
    "null": "不能为空",
    "max_length": "太长",
    "min_value": "太小",
}
#: What a change without the version it is based on is told (the version comes with every measure read).
_VERSION_REQUIRED = "请带上读取该整改措施时得到的 version，以免覆盖他人刚保存的修改"


def _first_error(errors: Any) -> str:
    """DRF's field errors as one Chinese message: 完成时限：格式不对…"""
    parts = []
    for name, problems in errors.items():
        codes = [getattr(p, "code", "invalid") for p in problems]
        label = _FIELD_LABELS.get(name, name)
        said = [
            _VERSION_REQUIRED if (name, c) == ("version", "required") else _MESSAGES.get(c, "无效")
            for c in codes
        ]
        parts.append(f"{label}：{'；'.join(said)}")
    return "；".join(parts) or "请求内容有误"
