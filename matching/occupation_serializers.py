"""Read-only API shapes of occupation readings, shared by the candidate, vacancy and score APIs.

Outside ``matching.api`` so that the candidate and vacancy APIs may use them. What a CV reads
as is engine output about its text, not a sensitive attribute: every role that sees the
candidate or vacancy sees it.
"""

from rest_framework import serializers


class ReadOccupationOutputSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text="1 is the most confident.")
    uri = serializers.CharField(help_text="The ESCO occupation's URI.")
    label = serializers.CharField(help_text="The ESCO occupation's preferred label.")  # type: ignore[assignment]
    isco_code = serializers.CharField(help_text="Its four-digit ISCO-08 unit group.")
    isco_label = serializers.CharField()
    confidence = serializers.FloatField(help_text="Calibrated confidence in [0, 1].")


class OccupationReadingOutputSerializer(serializers.Serializer):
    """The top three ESCO occupations a CV or vacancy reads as, and the domain they imply."""

    occupations = ReadOccupationOutputSerializer(source="entries", many=True)
    domain = serializers.CharField(help_text="One of the 13 domain keys, derived via ISCO.")
    domain_confidence = serializers.FloatField()
    engine_version = serializers.CharField(help_text="The occupation engine that read it.")
    updated_at = serializers.DateTimeField()


def occupation_reading_field(source: str) -> OccupationReadingOutputSerializer:
    """A read-only, nullable reading field (null until the worker has read the text)."""
    return OccupationReadingOutputSerializer(source=source, allow_null=True, read_only=True)
