"""Candidate constraints, consent, export and erasure."""

import pytest
from django.db import IntegrityError, transaction

from candidates.models import Candidate, CandidateDocument, CandidateSensitiveAttributes
from candidates.services import (
    CANDIDATE_EMAIL_TAKEN,
    DuplicateCandidate,
    candidate_create,
    candidate_erase,
    candidate_export,
)
from tests.factories import (
    ApplicationFactory,
    CandidateDocumentFactory,
    CandidateFactory,
    SensitiveAttributesFactory,
)
from vacancies.models import Application

pytestmark = pytest.mark.django_db


def test_email_is_unique_case_insensitively_through_the_service():
    candidate_create(first_name="Ada", last_name="Lovelace", email="ada@example.com")

    with pytest.raises(DuplicateCandidate) as error:
        candidate_create(first_name="Ada", last_name="L.", email="ADA@example.com ")

    assert error.value.message == CANDIDATE_EMAIL_TAKEN
    assert Candidate.objects.count() == 1


def test_consent_is_stamped_with_version_and_time():
    candidate = candidate_create(
        first_name="Ada", last_name="Lovelace", email="ada@example.com", consent_version="2026-01"
    )
    assert candidate.consent_version == "2026-01"
    assert candidate.consent_given_at is not None


def test_consent_date_without_version_is_refused_by_the_database():
    candidate = CandidateFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Candidate.objects.filter(pk=candidate.pk).update(consent_version="v1")


def test_same_cv_content_is_stored_once_per_candidate():
    document = CandidateDocumentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CandidateDocument.objects.create(
            candidate=document.candidate,
            file=document.file.name,
            original_name="copy.txt",
            content_type="text/plain",
            size=document.size,
            sha256=document.sha256,
        )


def test_sensitive_attributes_default_to_not_disclosed():
    attributes = CandidateSensitiveAttributes.objects.create(candidate=CandidateFactory())
    assert (attributes.gender, attributes.nationality, attributes.birth_year) == (
        "not_disclosed",
        "not_disclosed",
        None,
    )


def test_implausible_birth_year_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        CandidateSensitiveAttributes.objects.create(candidate=CandidateFactory(), birth_year=1850)


def test_export_holds_profile_documents_and_application_history():
    document = CandidateDocumentFactory()
    ApplicationFactory(candidate=document.candidate)

    export = candidate_export(candidate=document.candidate)

    assert export["profile"]["email"] == document.candidate.email
    assert [d["sha256"] for d in export["documents"]] == [document.sha256]
    assert len(export["applications"]) == 1
    assert "sensitive_attributes" not in export["profile"]


def test_erase_removes_personal_data_and_keeps_anonymous_applications():
    document = CandidateDocumentFactory()
    candidate = document.candidate
    SensitiveAttributesFactory(candidate=candidate)
    ApplicationFactory(candidate=candidate, status="rejected")

    candidate_erase(candidate=candidate)

    candidate.refresh_from_db()
    assert candidate.is_anonymised
    assert candidate.email == f"erased-{candidate.pk}@erased.invalid"
    assert candidate.phone == ""
    assert CandidateDocument.objects.filter(candidate=candidate).count() == 0
    assert CandidateSensitiveAttributes.objects.filter(candidate=candidate).count() == 0
    assert Application.objects.filter(candidate=candidate, status="rejected").count() == 1
