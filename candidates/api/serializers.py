"""Candidate API serializers: named input and output shapes, no sensitive attribute anywhere."""

from rest_framework import serializers

from matching.occupation_serializers import occupation_reading_field


def _text(max_length: int) -> serializers.CharField:
    """An optional text field that may be blank."""
    return serializers.CharField(max_length=max_length, allow_blank=True, required=False)


def _regions() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=120), max_length=50, required=False
    )


class CandidateOutputSerializer(serializers.Serializer):
    """A candidate's profile as staff, API clients and the candidate see it."""

    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    full_name = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    city = serializers.CharField()
    region = serializers.CharField()
    mobility_regions = serializers.ListField(child=serializers.CharField())
    headline = serializers.CharField()
    external_id = serializers.CharField()
    consent_version = serializers.CharField()
    consent_given_at = serializers.DateTimeField(allow_null=True)
    is_anonymised = serializers.BooleanField()
    occupations = occupation_reading_field("occupation_reading")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CandidateCreateInputSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    email = serializers.EmailField(max_length=254)
    phone = _text(40)
    city = _text(120)
    region = _text(120)
    mobility_regions = _regions()
    headline = _text(255)
    external_id = _text(120)
    consent_version = _text(32)


class CandidateSelfUpdateInputSerializer(serializers.Serializer):
    """What a candidate may change in their own profile (`PATCH me/`)."""

    first_name = serializers.CharField(max_length=150, required=False)
    last_name = serializers.CharField(max_length=150, required=False)
    email = serializers.EmailField(max_length=254, required=False)
    phone = _text(40)
    city = _text(120)
    region = _text(120)
    mobility_regions = _regions()
    headline = _text(255)


class CandidateUpdateInputSerializer(CandidateSelfUpdateInputSerializer):
    """Every field optional: only those sent change (staff may also set the external id)."""

    external_id = _text(120)


class CandidateDocumentOutputSerializer(serializers.Serializer):
    """An uploaded CV's metadata and parse state (the text itself stays out of lists)."""

    id = serializers.IntegerField()
    candidate = serializers.IntegerField(source="candidate_id")
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    page_count = serializers.IntegerField(allow_null=True)
    parse_status = serializers.CharField()
    error_message = serializers.CharField()
    is_selected = serializers.BooleanField(
        help_text="Chosen as the scored CV (when none is, the newest parsed CV is scored)."
    )
    created_at = serializers.DateTimeField()


class CandidateDocumentUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, use_url=False)


class CandidateDocumentUploadOutputSerializer(serializers.Serializer):
    document = CandidateDocumentOutputSerializer()
    is_duplicate = serializers.BooleanField()


class CandidateProfileOutputSerializer(serializers.Serializer):
    """The structured profile parsed from the candidate's latest parsed CV."""

    document = serializers.IntegerField(source="id")
    original_name = serializers.CharField()
    parsed_at = serializers.DateTimeField(source="updated_at")
    profile = serializers.DictField()


class CandidateConsentInputSerializer(serializers.Serializer):
    version = serializers.CharField(max_length=32)


class CandidateEraseInputSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(help_text="Must be true: erasure cannot be undone.")


class CandidateExportOutputSerializer(serializers.Serializer):
    """Everything FairMatch holds about the candidate (GDPR access and portability)."""

    format_version = serializers.IntegerField()
    profile = serializers.DictField()
    account = serializers.DictField(allow_null=True)
    consent = serializers.DictField()
    sensitive_attributes = serializers.DictField(
        allow_null=True, help_text="Only in the candidate's own export."
    )
    documents = serializers.ListField(child=serializers.DictField())
    applications = serializers.ListField(child=serializers.DictField())
    scores = serializers.ListField(child=serializers.DictField())
    scoring_logic = serializers.DictField()
    access_log = serializers.ListField(child=serializers.DictField())
