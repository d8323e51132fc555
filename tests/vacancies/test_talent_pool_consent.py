"""Talent-pool members stay in the pool until their consent expires, then leave it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from ats_site.exceptions import ApplicationError
from candidates.services import candidate_give_consent
from matching.services.ranking import NOT_IN_TALENT_POOL, pool_candidates, talent_pool_invite
from tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory
from vacancies.models import Application, ApplicationStatusChange
from vacancies.selectors import talent_pool_active, talent_pool_expired
from vacancies.services import TALENT_POOL_CONSENT_EXPIRED, application_move, talent_pool_expire
from vacancies.tasks import talent_pool_expire_task

pytestmark = pytest.mark.django_db

VALIDITY = settings.FAIRMATCH_TALENT_POOL_CONSENT_DAYS


def _pooled(*, consent_days_ago: int | None = None, entered_days_ago: int | None = None):
    """A rejected application moved to the pool, with consent and entry dates set in the past."""
    candidate = CandidateFactory()
    if consent_days_ago is not None:
        candidate_give_consent(candidate=candidate, version="2026-01")
        type(candidate).objects.filter(pk=candidate.pk).update(
            consent_given_at=timezone.now() - timedelta(days=consent_days_ago)
        )
    application = ApplicationFactory(candidate=candidate, status="rejected")
    application_move(application=application, to_status="talent_pool", moved_by=None)
    if entered_days_ago is not None:
        past = timezone.now() - timedelta(days=entered_days_ago)
        ApplicationStatusChange.objects.filter(application=application).update(changed_at=past)
        Application.objects.filter(pk=application.pk).update(updated_at=past)
    return application


def test_membership_follows_consent_else_the_day_the_candidate_entered_the_pool():
    recent_consent = _pooled(consent_days_ago=100, entered_days_ago=VALIDITY + 50)
    old_consent = _pooled(consent_days_ago=VALIDITY + 1, entered_days_ago=10)
    no_consent_recent = _pooled(entered_days_ago=30)
    no_consent_old = _pooled(entered_days_ago=VALIDITY + 1)

    active = set(talent_pool_active().values_list("pk", flat=True))
    expired = set(talent_pool_expired().values_list("pk", flat=True))

    assert active == {recent_consent.pk, no_consent_recent.pk}
    assert expired == {old_consent.pk, no_consent_old.pk}
    expires_at = talent_pool_active().get(pk=recent_consent.pk).pool_expires_at
    consent_at = type(recent_consent.candidate).objects.get(pk=recent_consent.candidate_id)
    assert expires_at == consent_at.consent_given_at + timedelta(days=VALIDITY)


def test_expiry_moves_expired_members_out_with_history_and_is_idempotent():
    keep = _pooled(consent_days_ago=10)
    leave = _pooled(consent_days_ago=VALIDITY + 5)

    assert talent_pool_expire() == 1
    assert talent_pool_expire() == 0

    leave.refresh_from_db()
    keep.refresh_from_db()
    assert (keep.status, leave.status) == ("talent_pool", "withdrawn")
    last = leave.status_changes.order_by("-changed_at", "-pk").first()
    assert last is not None
    assert (last.from_status, last.to_status, last.reason, last.changed_by) == (
        "talent_pool",
        "withdrawn",
        TALENT_POOL_CONSENT_EXPIRED,
        None,
    )


def test_renewed_consent_keeps_the_candidate_in_the_pool():
    application = _pooled(consent_days_ago=VALIDITY + 5)
    candidate_give_consent(candidate=application.candidate, version="2026-02")

    assert talent_pool_expire_task.apply().get() == 0

    application.refresh_from_db()
    assert application.status == "talent_pool"


def test_sourcing_and_invitations_skip_expired_members():
    vacancy = VacancyFactory()
    active = _pooled(consent_days_ago=10)
    expired = _pooled(consent_days_ago=VALIDITY + 5)

    assert set(pool_candidates(vacancy=vacancy, pool="talent_pool")) == {active.candidate}
    with pytest.raises(ApplicationError, match=NOT_IN_TALENT_POOL):
        talent_pool_invite(vacancy=vacancy, candidate=expired.candidate, invited_by=None)  # type: ignore[arg-type]
    assert not Application.objects.filter(vacancy=vacancy).exists()


def test_closing_the_old_vacancy_leaves_its_pool_members_in_the_pool():
    application = _pooled(consent_days_ago=10)
    vacancy = application.vacancy
    vacancy.status = vacancy.Status.CLOSED
    vacancy.save()

    application.refresh_from_db()
    assert application.status == "talent_pool"
    assert talent_pool_active().filter(pk=application.pk).exists()


def test_the_expiry_runs_daily_on_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["talent-pool-consent-expiry"]
    assert entry["task"] == "vacancies.tasks.talent_pool_expire_task"
