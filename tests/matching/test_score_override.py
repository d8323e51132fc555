"""Human oversight: overrides need a reason, are shown as the effective score and are logged."""

import pytest
from django.urls import reverse

from ats_site.accounts.models import AuditEvent
from ats_site.exceptions import ApplicationError
from fairness.services import audit_run_database
from matching.models import MatchScore
from matching.services.overrides import OVERRIDE_REASON_REQUIRED, match_score_override
from tests.factories import ApplicationFactory, SensitiveAttributesFactory

pytestmark = pytest.mark.django_db


def _match_score() -> MatchScore:
    application = ApplicationFactory()
    return MatchScore.objects.create(
        vacancy=application.vacancy,
        candidate=application.candidate,
        application=application,
        model_version="test-model/1",
        score=42.0,
        bucket="weak",
    )


def test_override_sets_the_effective_score_and_is_logged(recruiter):
    match_score = _match_score()

    match_score_override(
        match_score=match_score, score=85.0, reason="Strong portfolio", overridden_by=recruiter
    )

    match_score.refresh_from_db()
    assert (match_score.score, match_score.effective_score) == (42.0, 85.0)
    event = AuditEvent.objects.get(action="score_override")
    assert (event.actor, event.target_id) == (recruiter, str(match_score.pk))
    assert event.detail["reason"] == "Strong portfolio"
    assert event.detail["model_score"] == 42.0


def test_override_without_reason_changes_nothing(recruiter):
    match_score = _match_score()

    with pytest.raises(ApplicationError, match=OVERRIDE_REASON_REQUIRED):
        match_score_override(match_score=match_score, score=90, reason=" ", overridden_by=recruiter)

    match_score.refresh_from_db()
    assert match_score.override_score is None
    assert AuditEvent.objects.count() == 0


def test_api_override_by_recruiter_and_refusal_for_api_clients(
    api_client, recruiter, api_client_user
):
    match_score = _match_score()
    url = reverse("score-override", args=[match_score.pk])
    api_client_user.api_scopes = ["scores:read", "scores:write"]
    api_client_user.save()

    api_client.force_authenticate(api_client_user)
    refused = api_client.post(url, {"score": 90, "reason": "x"}, format="json")
    api_client.force_authenticate(recruiter)
    accepted = api_client.post(url, {"score": 90, "reason": "Referred"}, format="json")

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert accepted.json()["effective_score"] == 90.0
    assert AuditEvent.objects.filter(action="score_override").count() == 1


def test_reading_a_score_through_the_api_is_logged(api_client, recruiter):
    match_score = _match_score()
    api_client.force_authenticate(recruiter)

    response = api_client.get(reverse("score-detail", args=[match_score.pk]))

    assert response.status_code == 200
    assert response.json()["model_version"] == "test-model/1"
    assert AuditEvent.objects.filter(action="score_view", actor=recruiter).count() == 1


def test_a_database_fairness_audit_logs_the_sensitive_read(hr_admin):
    SensitiveAttributesFactory(candidate=ApplicationFactory().candidate)

    audit_run_database(attributes=["gender"], run_by=hr_admin, n_bootstrap=10)

    event = AuditEvent.objects.get(action="sensitive_read")
    assert (event.actor, event.detail["attributes"]) == (hr_admin, ["gender"])
