"""Erasure rewrites the admin log, pseudonymises and closes the login, deletes its tokens, and
keeps the erased candidate out of every pool, ranking, recommendation and sweep."""

import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from rest_framework.authtoken.models import Token

from ats_site.accounts.models import Role, User
from ats_site.common.personal_terms import REDACTED
from ats_site.exceptions import ApplicationError
from candidates.models import Candidate
from candidates.services import candidate_erase
from matching.services.ranking import (
    candidate_recommend_vacancies,
    pool_candidates,
    talent_pool_invite,
)
from matching.services.runs import stale_scores_refresh
from tests.factories import ApplicationFactory, CandidateFactory, UserFactory, VacancyFactory
from vacancies.selectors import talent_pool_active
from vacancies.services import CANDIDATE_ERASED, application_create

pytestmark = pytest.mark.django_db


def _admin_edit(*, by: User, obj: object, message: str) -> LogEntry:
    """An entry as the admin writes it for a change (`ModelAdmin.log_change`)."""
    return LogEntry.objects.create(
        user=by,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),  # type: ignore[attr-defined]
        object_repr=str(obj),
        action_flag=CHANGE,
        change_message=message,
    )


@pytest.fixture
def candidate():
    user = UserFactory(
        role=Role.CANDIDATE,
        username="ottilie.brandstaetter",
        email="ottilie@example.org",
        first_name="Ottilie",
        last_name="Brandstaetter",
    )
    Token.objects.create(user=user)
    return CandidateFactory(
        user=user, first_name="Ottilie", last_name="Brandstaetter", email="ottilie@example.org"
    )


def test_admin_log_entries_about_the_candidate_are_rewritten(candidate):
    hr_admin = UserFactory(role=Role.HR_ADMIN)
    application = ApplicationFactory(candidate=candidate)
    own = _admin_edit(by=hr_admin, obj=candidate, message='[{"changed": {"fields": ["Phone"]}}]')
    on_application = _admin_edit(
        by=hr_admin, obj=application, message="Moved Ottilie after a call."
    )
    elsewhere = _admin_edit(
        by=hr_admin,
        obj=application.vacancy,
        message="Title changed after Ottilie Brandstaetter's feedback",
    )
    login = candidate.user
    login_entry = _admin_edit(by=hr_admin, obj=login, message="[]")

    candidate_erase(candidate=candidate, erased_by=hr_admin)

    for entry in (own, on_application, elsewhere, login_entry):
        entry.refresh_from_db()
    assert own.object_repr == f"erased candidate #{candidate.pk}"
    assert own.change_message == '[{"changed": {"fields": ["Phone"]}}]'
    assert on_application.object_repr == f"erased application #{application.pk}"
    assert on_application.change_message == f"Moved {REDACTED} after a call."
    assert elsewhere.object_repr == application.vacancy.title
    assert elsewhere.change_message == f"Title changed after {REDACTED}'s feedback"
    assert login_entry.object_repr == f"erased user #{login.pk}"
    dump = json.dumps(list(LogEntry.objects.values("object_repr", "change_message")))
    assert "Ottilie" not in dump
    assert "Brandstaetter" not in dump


def test_the_login_is_pseudonymised_detached_closed_and_its_tokens_deleted(candidate):
    login = candidate.user

    candidate_erase(candidate=candidate, erased_by=login)

    login.refresh_from_db()
    candidate.refresh_from_db()
    assert candidate.user is None
    assert login.username.startswith("erased-")
    assert len(login.username) == len("erased-") + 16
    assert (login.email, login.first_name, login.last_name) == ("", "", "")
    assert login.is_active is False
    assert login.has_usable_password() is False
    assert not Token.objects.filter(user=login).exists()
    assert not User.objects.filter(username="ottilie.brandstaetter").exists()
    assert (candidate.region, candidate.consent_version, candidate.consent_given_at) == (
        "",
        "",
        None,
    )


def test_the_erased_candidate_is_in_no_pool_ranking_recommendation_or_sweep(candidate):
    pool_vacancy, other_vacancy = VacancyFactory(), VacancyFactory()
    ApplicationFactory(candidate=candidate, vacancy=pool_vacancy, status="talent_pool")
    ApplicationFactory(candidate=candidate, vacancy=other_vacancy)
    assert talent_pool_active().filter(candidate=candidate).exists()

    candidate_erase(candidate=candidate)
    candidate = Candidate.objects.get(pk=candidate.pk)

    assert not talent_pool_active().filter(candidate=candidate).exists()
    with pytest.raises(ApplicationError):
        talent_pool_invite(vacancy=VacancyFactory(), candidate=candidate, invited_by=UserFactory())
    with pytest.raises(ApplicationError, match=CANDIDATE_ERASED):
        application_create(candidate=candidate, vacancy=VacancyFactory())
    for pool in ("applicants", "talent_pool", "all"):
        assert candidate not in pool_candidates(vacancy=other_vacancy, pool=pool)  # type: ignore[arg-type]
    assert candidate_recommend_vacancies(candidate=candidate) == []
    # Both of the erased candidate's applications are unscored, yet the sweep finds nothing.
    assert stale_scores_refresh() is None
