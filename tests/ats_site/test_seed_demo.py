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
