"""Erasure removes CVs (files too), embeddings, scores and sensitive attributes, forgets the
candidate in the audit log, and leaves aggregate history intact."""

import hashlib

import pytest
from django.core.files.base import ContentFile

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, Role
from candidates.models import CandidateDocument, CandidateSensitiveAttributes
from candidates.services import candidate_erase, candidate_export
from matching.models import EmbeddingRecord, MatchScore
from matching.services.batches import scoring_batch_run
from matching.services.erasure import candidate_encoded_texts
from matching.services.runs import scoring_run_start
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    SensitiveAttributesFactory,
    UserFactory,
    VacancyFactory,
)
from vacancies.services import application_move

pytestmark = pytest.mark.django_db

CV = (
    "SUMMARY\nBackend developer, 6 years.\n\nEXPERIENCE\nPython developer, Acme (2019 - present)\n"
    "Built Django APIs on PostgreSQL.\n\nSKILLS\nPython, Django, PostgreSQL\n"
)


@pytest.fixture
def scored_candidate(django_capture_on_commit_callbacks):
    user = UserFactory(role=Role.CANDIDATE)
    candidate = CandidateFactory(user=user, headline="Backend developer")
    document = CandidateDocument(
        candidate=candidate,
        original_name="cv.txt",
        content_type="text/plain",
        size=len(CV),
        sha256="a" * 64,
        extracted_text=CV,
        profile={"skills": ["Python"], "experience": [{"title": "Python developer, Acme"}]},
        parse_status="parsed",
    )
    document.file.save("cv.txt", ContentFile(CV.encode()), save=False)
    document.save()
    SensitiveAttributesFactory(candidate=candidate)
    vacancy = VacancyFactory()
    application = ApplicationFactory(candidate=candidate, vacancy=vacancy)
    other = ApplicationFactory(vacancy=vacancy)  # someone else, untouched
    run = scoring_run_start(vacancy=vacancy)
    scoring_batch_run(batch_id=run.batches.get().pk)
    application_move(application=application, to_status="rejected", moved_by=None)
    audit_event_record(actor=user, action=AuditEvent.Action.SCORE_VIEW, target_type="x")
    return candidate, document, other


def test_erasure_removes_everything_personal(scored_candidate, django_capture_on_commit_callbacks):
    candidate, document, other = scored_candidate
    login = candidate.user
    storage, name = document.file.storage, document.file.name
    hashes = {
        hashlib.sha256(text.encode()).hexdigest() for text in candidate_encoded_texts(candidate)
    }
    assert EmbeddingRecord.objects.filter(text_sha256__in=hashes).exists()
    assert MatchScore.objects.filter(candidate=candidate).exists()
    others_scores = MatchScore.objects.filter(candidate=other.candidate).count()
    events_before = AuditEvent.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        candidate_erase(candidate=candidate, erased_by=candidate.user)

    assert not storage.exists(name)
    assert not CandidateDocument.objects.filter(candidate=candidate).exists()
    assert not CandidateSensitiveAttributes.objects.filter(candidate=candidate).exists()
    assert not MatchScore.objects.filter(candidate=candidate).exists()
    assert not EmbeddingRecord.objects.filter(text_sha256__in=hashes).exists()
    assert MatchScore.objects.filter(candidate=other.candidate).count() == others_scores
    # The audit log keeps every event (two more: the redaction pass and the erasure) but no
    # longer names the candidate.
    assert AuditEvent.objects.count() == events_before + 2
    assert not AuditEvent.objects.filter(actor=login).exists()
    erasure = AuditEvent.objects.get(action=AuditEvent.Action.DATA_ERASURE)
    assert erasure.actor is None
    assert erasure.detail["self"] is True
    assert erasure.detail["scores"] >= 1
    assert erasure.detail["embeddings"] >= 1
    # Aggregate history stays: the anonymised application and its status changes.
    application = candidate.applications.get()
    assert application.status == "rejected"
    assert application.status_changes.count() >= 1


def test_a_staff_erasure_and_an_export_are_logged_with_their_actor(scored_candidate):
    candidate, _, _ = scored_candidate
    hr_admin = UserFactory(role=Role.HR_ADMIN)

    candidate_export(candidate=candidate, exported_by=candidate.user)
    candidate_erase(candidate=candidate, erased_by=hr_admin)

    export = AuditEvent.objects.get(action=AuditEvent.Action.DATA_EXPORT)
    erasure = AuditEvent.objects.get(action=AuditEvent.Action.DATA_ERASURE)
    assert export.actor is None  # the candidate's own login is forgotten by the erasure
    assert export.target_id == str(candidate.pk)
    assert erasure.actor == hr_admin
    assert erasure.detail["self"] is False


def test_audit_rows_accept_only_anonymisation():
    user = UserFactory()
    event = audit_event_record(actor=user, action=AuditEvent.Action.SCORE_VIEW)

    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(target_id="changed")
    assert AuditEvent.objects.filter(pk=event.pk).anonymise() == 1
    event.refresh_from_db()
    assert event.actor is None
    assert event.action == AuditEvent.Action.SCORE_VIEW
