"""seed_demo: one login per role, every application status, idempotent."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from ats_site.accounts.models import User
from candidates.models import Candidate, CandidateSensitiveAttributes
from vacancies.models import Application, ApplicationStatusChange
from vacancies.workflow import ApplicationStatus

pytestmark = pytest.mark.django_db


def _seed() -> dict:
    out = StringIO()
    call_command("seed_demo", "--json", "--candidates", "24", stdout=out)
    return json.loads(out.getvalue())


def test_seed_demo_prints_one_working_login_per_role():
    result = _seed()

    assert {login["role"] for login in result["logins"]} == {
        "recruiter",
        "candidate",
        "hr_admin",
        "api_client",
    }
    for login in result["logins"]:
        user = User.objects.get(username=login["username"])
        assert user.role == login["role"]
        assert user.check_password(login["password"])


def test_seed_demo_covers_every_application_status_with_legal_history():
    result = _seed()

    assert result["counts"] == {"users": 4, "vacancies": 8, "candidates": 24, "applications": 24}
    assert set(Application.objects.values_list("status", flat=True)) == {
        s.value for s in ApplicationStatus
    }
    hired = Application.objects.filter(status="hired").first()
    history = list(
        ApplicationStatusChange.objects.filter(application=hired).values_list(
            "to_status", flat=True
        )
    )
    assert history[0] == "new"
    assert history[-1] == "hired"
    assert CandidateSensitiveAttributes.objects.count() == Candidate.objects.count()


def test_seed_demo_twice_leaves_the_same_rows():
    first = _seed()
    second = _seed()

    assert first["counts"] == second["counts"]
    assert Application.objects.count() == 24


def test_seed_demo_after_the_demo_candidate_erased_their_data_gives_a_fresh_profile():
    from candidates.services.erasure import candidate_erase

    _seed()
    login = User.objects.get(username="demo_candidate")
    candidate_erase(candidate=login.candidate, erased_by=login)

    result = _seed()

    # The erased login was pseudonymised and closed; the demo gets a fresh one of that name.
    erased_login = User.objects.get(pk=login.pk)
    assert erased_login.username.startswith("erased-")
    assert erased_login.is_active is False
    login = User.objects.get(username="demo_candidate")
    assert login.is_active is True
    assert login.check_password("demo-candidate-pass")
    assert login.candidate.is_anonymised is False
    assert login.candidate.email == "demo.candidate0@fairmatch.example"
    assert login.candidate.documents.filter(parse_status="parsed").count() == 1
    assert Candidate.objects.filter(is_anonymised=True, user__isnull=True).count() == 1
    assert result["counts"]["candidates"] == 24


def test_seed_demo_restores_a_demo_login_whose_password_and_state_changed():
    _seed()
    recruiter = User.objects.get(username="demo_recruiter")
    recruiter.set_password("something-else")
    recruiter.is_active = False
    recruiter.save()

    _seed()

    recruiter.refresh_from_db()
    assert recruiter.is_active is True
    assert recruiter.check_password("demo-recruiter-pass")
