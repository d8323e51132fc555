"""Fairness audit API serializers."""

from rest_framework import serializers

from fairness.models import AuditReport
from fairness.services import DATABASE_ATTRIBUTE_FIELDS, DEFAULT_DATABASE_ATTRIBUTES

MAX_BOOTSTRAP = 2000
MAX_SEED = 2**32 - 1
SOURCE_HELP = "One of: " + ", ".join(AuditReport.Source.values) + "."


class AuditReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    scope = serializers.CharField()
    source = serializers.CharField(help_text=SOURCE_HELP)  # type: ignore[assignment]
    parameters = serializers.DictField()
    report = serializers.DictField()
    run_by = serializers.CharField(source="run_by.username", allow_null=True)
    created_at = serializers.DateTimeField()


class _AuditOptionsSerializer(serializers.Serializer):
    min_group_size = serializers.IntegerField(
        min_value=1, max_value=10_000, required=False, allow_null=True, default=None
    )
    n_bootstrap = serializers.IntegerField(min_value=0, max_value=MAX_BOOTSTRAP, default=1000)
    random_state = serializers.IntegerField(min_value=0, max_value=MAX_SEED, default=0)


class AuditDatabaseInputSerializer(_AuditOptionsSerializer):
    """An audit of FairMatch's own applications (one vacancy's, or all)."""

    vacancy = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    attributes = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(DATABASE_ATTRIBUTE_FIELDS)),
        min_length=1,
        max_length=len(DATABASE_ATTRIBUTE_FIELDS),
        default=list(DEFAULT_DATABASE_ATTRIBUTES),
    )


class AuditDecisionLogInputSerializer(_AuditOptionsSerializer):
    """An audit of any tool's decision log, uploaded as CSV or JSONL."""

    decisions = serializers.FileField(use_url=False)
    attributes = serializers.CharField(
        max_length=500, help_text="Comma-separated attribute columns, e.g. race,gender."
    )
    outcome = serializers.CharField(max_length=200, default="selected")
    score = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate_attributes(self, value: str) -> list[str]:
        names = [name.strip() for name in value.split(",") if name.strip()]
        if not names:
            raise serializers.ValidationError("Name at least one attribute column.")
        return names
