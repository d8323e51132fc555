"""Rate limits on the web login form (failed attempts per address) and web CV uploads (per user)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import User
from ats_site.ratelimit import Rate, parse_rate
from candidates.models import Candidate, CandidateDocument

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests/conftest.py's users


def _login(client: Client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_eleventh_failed_login_within_a_minute_is_a_429(recruiter: User) -> None:
    client = Client()
    for _ in range(10):
        response = _login(client, recruiter.username, "wrong password")
        assert response.status_code == 200  # the form again, with its error
        assert not response.wsgi_request.user.is_authenticated

    blocked = _login(client, recruiter.username, PASSWORD)

    assert blocked.status_code == 429
    assert "Too many failed logins" in blocked.content.decode()
    assert blocked["Retry-After"] == "60"
    # Blocked before checking: even the right password does not log in.
    assert not blocked.wsgi_request.user.is_authenticated
    # Another address is not affected.
    assert _login(Client(), recruiter.username, PASSWORD, address="198.51.100.1").status_code == 302


def test_successful_logins_are_never_limited(recruiter: User) -> None:
    for _ in range(15):
        client = Client()
        response = _login(client, recruiter.username, PASSWORD)
        assert response.status_code == 302
        assert response.wsgi_request.user.is_authenticated


def test_a_few_typos_still_let_the_user_in(recruiter: User) -> None:
    client = Client()
    for _ in range(3):
        assert _login(client, recruiter.username, "typo").status_code == 200

    assert _login(client, recruiter.username, PASSWORD).status_code == 302


def test_login_rate_comes_from_settings(recruiter: User, settings) -> None:
    settings.FAIRMATCH_LOGIN_RATE = "2/hour"
    client = Client()
    _login(client, recruiter.username, "wrong")
    _login(client, recruiter.username, "wrong")

    blocked = _login(client, recruiter.username, "wrong")

    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "3600"


def _upload(client: Client, candidate: Candidate, index: int):
    cv = SimpleUploadedFile(f"cv{index}.txt", f"SKILLS\nSQL {index}\n".encode(), "text/plain")
    return client.post(reverse("web:candidate-cv-upload", args=[candidate.pk]), {"cv": cv})


def test_web_cv_uploads_past_the_rate_are_a_429(
    recruiter_client: Client, other_candidate: Candidate, settings
) -> None:
    settings.FAIRMATCH_UPLOAD_RATE = "3/min"
    for index in range(3):
        assert _upload(recruiter_client, other_candidate, index).status_code == 302
    stored = CandidateDocument.objects.filter(candidate=other_candidate).count()

    blocked = _upload(recruiter_client, other_candidate, 99)

    assert blocked.status_code == 429
    assert "Too many uploads" in blocked.content.decode()
    assert CandidateDocument.objects.filter(candidate=other_candidate).count() == stored


def test_normal_upload_use_is_unaffected_by_the_default_rate(
    recruiter_client: Client, other_candidate: Candidate
) -> None:
    for index in range(5):
        assert _upload(recruiter_client, other_candidate, index).status_code == 302


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("10/min", Rate(10, 60)),
        ("30/m", Rate(30, 60)),
        ("5/s", Rate(5, 1)),
        ("100/hour", Rate(100, 3600)),
        (" 2 / day ", Rate(2, 86400)),
    ],
)
def test_parse_rate(text: str, rate: Rate) -> None:
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["", "10", "ten/min", "0/min", "10/week", "-1/min"])
def test_a_malformed_rate_is_a_configuration_error(text: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="expected '<count>/<s|min|hour|day>'"):
        parse_rate(text)


@pytest.fixture(autouse=True)
def _address_limit_only(settings):  # type: ignore[no-untyped-def]
    """These tests count the per-address limit: the account lockout and the per-username
    limit (tests/security/test_auth_hardening.py) are set out of the way."""
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 1000
    settings.FAIRMATCH_LOGIN_USERNAME_RATE = "1000/min"
