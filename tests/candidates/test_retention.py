"""Retention: inactive candidates get a notice, then are erased if still inactive."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from candidates.models import Candidate
from candidates.services.retention import RETENTION_NOTICE_SUBJECT, retention_sweep
from tests.factories import ApplicationFactory, CandidateFactory

pytestmark = pytest.mark.django_db


def _age(candidate: Candidate, days: int) -> None:
    Candidate.objects.filter(pk=candidate.pk).update(
        updated_at=timezone.now() - timedelta(days=days)
    )


def test_inactive_candidate_is_notified_then_erased_after_the_notice_period(settings):
    settings.FAIRMATCH_RETENTION_DAYS = 365
    settings.FAIRMATCH_RETENTION_NOTICE_DAYS = 30
    dormant = CandidateFactory(email="dormant@example.com")
    active = CandidateFactory(email="active@example.com")
    _age(dormant, 400)

    first = retention_sweep()
    dormant.refresh_from_db()

    assert (first.notified, first.erased) == (1, 0)
    assert [message.to for message in mail.outbox] == [["dormant@example.com"]]
    assert mail.outbox[0].subject == RETENTION_NOTICE_SUBJECT
    assert dormant.retention_notice_sent_at is not None
    assert not dormant.is_anonymised

    later = retention_sweep(now=timezone.now() + timedelta(days=31))
    dormant.refresh_from_db()
    active.refresh_from_db()

    assert (later.notified, later.erased) == (0, 1)
    assert dormant.is_anonymised
    assert dormant.email == f"erased-{dormant.pk}@erased.invalid"
    assert not active.is_anonymised


def test_a_recent_application_keeps_an_old_profile(settings):
    settings.FAIRMATCH_RETENTION_DAYS = 365
    application = ApplicationFactory()
    _age(application.candidate, 400)

    result = retention_sweep()

    assert (result.notified, result.erased) == (0, 0)
    assert mail.outbox == []
