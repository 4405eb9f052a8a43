"""JSON shapes of the ledger API: measures as read, and what a client may send to change them."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from zhenggai.ledger.models import Measure, Progress, Status, Term


class PersonSerializer(serializers.Serializer[Any]):
    """A person as the API names him: id and name (the login when no name is set)."""

    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class OrganisationSerializer(serializers.Serializer[Any]):
    """An organisation as the API names it: id and name."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class ProblemSummarySerializer(serializers.Serializer[Any]):
    """The problem a measure belongs to: number, description, aspect, category, its source (id and title),
    and whether it is closed (销号).
    """

    id = serializers.IntegerField()
    number = serializers.IntegerField()
    description = serializers.CharField()
    aspect = serializers.CharField()
    category = serializers.CharField()
    source = serializers.IntegerField(source="source_id")  # type: ignore[assignment]  # a field named like Field.source
    source_title = serializers.CharField(source="source.title")
    closed = serializers.BooleanField(source="is_closed")


class ProgressSerializer(serializers.ModelSerializer[Progress]):
    """A progress entry (整改进展) as read: date, text, author, and the status before and after it."""

    author = PersonSerializer(read_only=True)

    class Meta:
        """The fields a client reads; progress is posted with ProgressCreateSerializer, never this one."""

        model = Progress
        fields = ("id", "date", "text", "author", "status_before", "status_after", "created_at")


class MeasureSerializer(serializers.ModelSerializer[Measure]):
    """A measure as the ledger shows it."""

    problem = ProblemSummarySerializer(read_only=True)
    owner = PersonSerializer(read_only=True, allow_null=True)
    unit = OrganisationSerializer(read_only=True, allow_null=True)
    organisation = OrganisationSerializer(read_only=True)
    term_display = serializers.CharField(source="get_term_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        """Every field read-only: measures change through the create and update serializers."""

        model = Measure
        fields: tuple[str, ...] = (
            "id",
            "problem",
            "organisation",
            "number",
            "text",
            "owner",
            "unit",
            "term",
            "term_display",
            "deadline",
            "original_deadline",
            "extension_reason",
            "status",
            "status_display",
            "completion_note",
            "completed_on",
            "blocked_reason",
            "review_date",
            "finished_late",
            "done_without_evidence",
            "missed_deadline",
            "created_at",
            "updated_at",
            "version",
        )
        read_only_fields = fields


class MeasureDetailSerializer(MeasureSerializer):
    """A measure with its progress entries."""

    progress = ProgressSerializer(many=True, read_only=True)

    class Meta(MeasureSerializer.Meta):
        """The measure's fields and its progress entries, all read-only."""

        fields: tuple[str, ...] = (*MeasureSerializer.Meta.fields, "progress")
        read_only_fields: tuple[str, ...] = fields


class MeasureCreateSerializer(serializers.Serializer[Any]):
    """A new measure of a problem; owner and unit by id."""

    problem = serializers.IntegerField()
    text = serializers.CharField(max_length=5000)
    term = serializers.ChoiceField(choices=Term.choices, default=Term.DEADLINE)
    deadline = serializers.DateField(required=False, allow_null=True)
    owner = serializers.IntegerField(required=False, allow_null=True)
    unit = serializers.IntegerField(required=False, allow_null=True)


class MeasureUpdateSerializer(serializers.Serializer[Any]):
    """Fields of a measure that may change (a deadline already set changes only by extension), and the
    `version` read with the measure that the change is based on (required: 409 when it is stale).
    """

    version = serializers.IntegerField(min_value=1)

    text = serializers.CharField(max_length=5000, required=False)
    term = serializers.ChoiceField(choices=Term.choices, required=False)
    deadline = serializers.DateField(required=False, allow_null=True)
    owner = serializers.IntegerField(required=False, allow_null=True)
    unit = serializers.IntegerField(required=False, allow_null=True)
    number = serializers.IntegerField(required=False, min_value=1)


class ProgressCreateSerializer(serializers.Serializer[Any]):
    """整改进展: a dated note and, optionally, a new status with what that status needs — and then the
    measure's `version` it is based on (409 when it is stale). A note alone needs no version.
    """

    version = serializers.IntegerField(required=False, allow_null=True, min_value=1)

    text = serializers.CharField(max_length=10000)
    date = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_null=True)
    completion_note = serializers.CharField(required=False, allow_blank=True, default="")
    blocked_reason = serializers.CharField(required=False, allow_blank=True, default="")
    review_date = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """A new status needs the version it is based on: two people changing it at once must not have
        the second undo the first unseen.
        """
        if attrs.get("status") and attrs.get("version") is None:
            raise serializers.ValidationError({"version": [serializers.ErrorDetail("", code="required")]})
        return attrs


class ErrorSerializer(serializers.Serializer[Any]):
    """Every refusal of the API, for the schema: {"detail": "中文说明"}."""

    detail = serializers.CharField()


class MeasurePageSerializer(serializers.Serializer[Any]):
    """One page of the measure list: the rows, the URL of the next page (null on the last), the count
    (at most 10,000) and `more`, true when there are more rows than the count says.
    """

    results = MeasureSerializer(many=True)
    next = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()
    more = serializers.BooleanField()
