"""Vacancy and application API serializers: named input and output shapes."""

from rest_framework import serializers

from candidates.models import Candidate
from matching.occupation_serializers import occupation_reading_field
from vacancies.models import Application, Vacancy
from vacancies.workflow import ApplicationStatus

LIST_MAX_ITEMS = 200
STATUS_HELP = "One of: " + ", ".join(s.value for s in ApplicationStatus) + "."


def _text(max_length: int) -> serializers.CharField:
    """An optional text field that may be blank."""
    return serializers.CharField(max_length=max_length, allow_blank=True, required=False)


def _terms() -> serializers.ListField:
    """An optional list of skills or keywords."""
    return serializers.ListField(
        child=serializers.CharField(max_length=200), max_length=LIST_MAX_ITEMS, required=False
    )


class VacancyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.CharField()
    department = serializers.CharField()
    description = serializers.CharField()
    required_skills = serializers.ListField(child=serializers.CharField())
    preferred_skills = serializers.ListField(child=serializers.CharField())
    keywords = serializers.ListField(child=serializers.CharField())
    seniority = serializers.ChoiceField(choices=Vacancy.Seniority.choices)
    experience_min_years = serializers.IntegerField()
    experience_max_years = serializers.IntegerField(allow_null=True)
    location = serializers.CharField()
    region = serializers.CharField()
    status = serializers.ChoiceField(choices=Vacancy.Status.choices)
    owner = serializers.IntegerField(source="owner_id", allow_null=True)
    external_id = serializers.CharField()
    chosen_occupation_uri = serializers.CharField(
        help_text="The ESCO occupation a recruiter chose (used instead of the one read); ''."
    )
    chosen_occupation_label = serializers.CharField()
    chosen_occupation_isco_code = serializers.CharField()
    occupations = occupation_reading_field("occupation_reading")
    application_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class VacancyUpdateInputSerializer(serializers.Serializer):
    """Every field optional: only those sent change."""

    title = serializers.CharField(max_length=255, required=False)
    organisation = _text(255)
    department = _text(255)
    description = serializers.CharField(max_length=50_000, allow_blank=True, required=False)
    required_skills = _terms()
    preferred_skills = _terms()
    keywords = _terms()
    seniority = serializers.ChoiceField(choices=Vacancy.Seniority.choices, required=False)
    experience_min_years = serializers.IntegerField(min_value=0, max_value=80, required=False)
    experience_max_years = serializers.IntegerField(
        min_value=0, max_value=80, allow_null=True, required=False
    )
    location = _text(255)
    region = _text(120)
    status = serializers.ChoiceField(choices=Vacancy.Status.choices, required=False)
    external_id = _text(120)
    chosen_occupation_uri = serializers.CharField(
        max_length=255,
        allow_blank=True,
        required=False,
        help_text="An ESCO occupation URI to use instead of the one read from the text; '' clears.",
    )


class VacancyCreateInputSerializer(VacancyUpdateInputSerializer):
    title = serializers.CharField(max_length=255)


class ApplicationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    candidate = serializers.IntegerField(source="candidate_id")
    candidate_name = serializers.CharField(source="candidate.full_name")
    vacancy = serializers.IntegerField(source="vacancy_id")
    vacancy_title = serializers.CharField(source="vacancy.title")
    status = serializers.CharField(help_text=STATUS_HELP)
    status_label = serializers.CharField(source="get_status_display")
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=Application.Source.choices
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ApplicationCreateInputSerializer(serializers.Serializer):
    candidate = serializers.PrimaryKeyRelatedField(queryset=Candidate.objects.all())
    vacancy = serializers.PrimaryKeyRelatedField(queryset=Vacancy.objects.all())
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=Application.Source.choices, default=Application.Source.SOURCED
    )


class ApplicationApplyInputSerializer(serializers.Serializer):
    """A candidate applying to an open vacancy (`POST me/applications/`)."""

    vacancy = serializers.IntegerField(min_value=1)


class ApplicationMoveInputSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=[s.value for s in ApplicationStatus])
    reason = serializers.CharField(max_length=2000, allow_blank=True, default="")
    candidate_notified = serializers.BooleanField(default=False)
    # Queue the target status's template e-mail to the candidate (``vacancies.pipeline``).
    send_email = serializers.BooleanField(default=False)


class ApplicationStatusChangeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    changed_by = serializers.CharField(source="changed_by.username", allow_null=True)
    changed_at = serializers.DateTimeField()
    reason = serializers.CharField()
    candidate_notified = serializers.BooleanField()
