"""Erasure redacts the candidate from free text kept after it: status-change reasons, override
reasons and other audit details, in place, with a `data_redaction` event in the audit log."""

import json

import pytest

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, Role
from ats_site.common.personal_terms import REDACTED, PersonalTerms, terms_pattern, text_redact
from candidates.services import candidate_erase
from matching.models import MatchScore
from matching.services.overrides import match_score_override
from tests.factories import ApplicationFactory, CandidateFactory, UserFactory
from vacancies.models import ApplicationStatusChange
from vacancies.services import application_move

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE = "Marguerite Vandersloot", "m.vandersloot@example.org", "+31 6 1234 5678"
PERSONAL = ["Marguerite", "Vandersloot", "vandersloot@example", "1234 5678", "12345678"]


@pytest.fixture
def named_everywhere():
    user = UserFactory(role=Role.CANDIDATE, username="mvdsloot", email=EMAIL)
    candidate = CandidateFactory(
        user=user, first_name="Marguerite", last_name="Vandersloot", email=EMAIL, phone=PHONE
    )
    recruiter = UserFactory(role=Role.RECRUITER)
    application = ApplicationFactory(candidate=candidate)
    application_move(
        application=application,
        to_status="screening",
        moved_by=recruiter,
        reason=f"Called {NAME} on 06-12345678; Marguerite asked to write to {EMAIL}.",
    )
    other = ApplicationFactory(vacancy=application.vacancy)
    application_move(
        application=other,
        to_status="screening",
        moved_by=recruiter,
        reason=f"Stronger than {NAME}; Marguerite Street office; will call back.",
    )
    score = MatchScore.objects.create(
        vacancy=application.vacancy,
        candidate=candidate,
        application=application,
        model_version="test",
        score=40.0,
        bucket="weak",
    )
    match_score_override(
        match_score=score,
        score=70.0,
        reason=f"Vandersloot's portfolio (sent from {EMAIL}) shows more.",
        overridden_by=recruiter,
    )
    audit_event_record(
        actor=recruiter,
        action=AuditEvent.Action.CV_FILE_VIEW,
        target_type="candidate_document",
        target_id=999,
        detail={"candidate": candidate.pk, "name": "Marguerite_Vandersloot_CV.pdf"},
    )
    return candidate, application, other, recruiter


def test_reasons_and_audit_details_no_longer_name_the_erased_candidate(named_everywhere):
    candidate, application, other, recruiter = named_everywhere
    events_before = set(AuditEvent.objects.values_list("pk", flat=True))

    candidate_erase(candidate=candidate, erased_by=UserFactory(role=Role.HR_ADMIN))

    own = ApplicationStatusChange.objects.get(application=application, to_status="screening")
    assert own.reason == (
        f"Called {REDACTED} on {REDACTED}; {REDACTED} asked to write to {REDACTED}."
    )
    # Another candidate's history: the full name goes, a lone first name (a street) stays.
    theirs = ApplicationStatusChange.objects.get(application=other, to_status="screening")
    assert theirs.reason == f"Stronger than {REDACTED}; Marguerite Street office; will call back."
    override = AuditEvent.objects.get(action=AuditEvent.Action.SCORE_OVERRIDE)
    assert override.detail["reason"] == f"{REDACTED}'s portfolio (sent from {REDACTED}) shows more."
    assert override.detail["override"] == 70.0
    assert override.actor == recruiter
    file_view = AuditEvent.objects.get(action=AuditEvent.Action.CV_FILE_VIEW)
    assert file_view.detail["name"] == f"{REDACTED}_CV.pdf"

    redaction = AuditEvent.objects.get(action=AuditEvent.Action.DATA_REDACTION)
    assert redaction.target_id == str(candidate.pk)
    assert set(redaction.detail["redacted_events"]) == {override.pk, file_view.pk}
    assert set(redaction.detail["redacted_events"]) <= events_before
    log = json.dumps(list(AuditEvent.objects.values("detail", "target_id")))
    reasons = " ".join(ApplicationStatusChange.objects.values_list("reason", flat=True))
    for term in PERSONAL:
        assert term not in log
        assert term not in reasons.replace("Marguerite Street", "")


def test_an_erasure_with_nothing_to_redact_still_logs_the_redaction_pass():
    candidate = CandidateFactory()

    candidate_erase(candidate=candidate)

    redaction = AuditEvent.objects.get(action=AuditEvent.Action.DATA_REDACTION)
    assert redaction.detail == {"redacted_events": []}
    erasure = AuditEvent.objects.get(action=AuditEvent.Action.DATA_ERASURE)
    assert erasure.detail["redacted_status_changes"] == 0


@pytest.mark.parametrize(
    ("text", "about_person", "expected"),
    [
        ("Ring +31 (0)6 12 34 56 78 or 0031612345678", False, f"Ring {REDACTED} or {REDACTED}"),
        ("Ring 0612345678 not 1612345678", False, f"Ring {REDACTED} not 1612345678"),
        ("jane-doe and JANE DOE", False, f"{REDACTED} and {REDACTED}"),
        ("Jane will move to vlissingen", True, f"{REDACTED} will move to {REDACTED}"),
        ("Jane will move to vlissingen", False, "Jane will move to vlissingen"),
        ("jane and Janet", True, "jane and Janet"),
    ],
    ids=["phone_formats", "phone_digits", "name_separators", "about", "not_about", "case"],
)
def test_terms_pattern(text, about_person, expected):
    terms = PersonalTerms.build(
        identifiers=["Jane Doe"],
        phones=["+31 6 12345678"],
        name_parts=["Jane", "Doe"],
        context_terms=["Vlissingen"],
    )

    assert text_redact(text, terms_pattern(terms, about_person=about_person)) == expected
