"""The Django admin login has the web login's failed-attempt limit (FAIRMATCH_LOGIN_RATE)."""

import pytest
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests/factories.py's UserFactory


@pytest.fixture
def staff() -> User:
    return UserFactory(username="staff-user", is_staff=True, is_superuser=True)


def _admin_login(client: Client, username: str, password: str, address: str = "203.0.113.9"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_admin_login_route_is_the_rate_limited_one() -> None:
    assert reverse("admin:login") == "/admin/login/"
    assert Client().get("/admin/login/").status_code == 200


def test_the_eleventh_failed_admin_login_within_a_minute_is_a_429(staff: User) -> None:
    client = Client()
    for _ in range(10):
        response = _admin_login(client, staff.username, "wrong password")
        assert response.status_code == 200  # the admin form again, with its error
        assert "errornote" in response.content.decode()
        assert not response.wsgi_request.user.is_authenticated

    blocked = _admin_login(client, staff.username, PASSWORD)

    assert blocked.status_code == 429
    assert "Too many failed logins" in blocked.content.decode()
    assert blocked["Retry-After"] == "60"
    # Blocked before checking: even the right password does not log in.
    assert not blocked.wsgi_request.user.is_authenticated
    assert Client().get("/admin/", REMOTE_ADDR="203.0.113.9").status_code == 302  # to login
    # Another address is not affected.
    other = Client()
    assert _admin_login(other, staff.username, PASSWORD, address="198.51.100.2").status_code == 302
    assert other.get("/admin/").status_code == 200


def test_successful_admin_logins_are_never_limited(staff: User) -> None:
    for _ in range(15):
        client = Client()
        response = _admin_login(client, staff.username, PASSWORD)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200


def test_non_staff_logins_to_the_admin_count_as_failures(candidate_user: User, settings) -> None:
    # The admin form refuses non-staff users (candidates) even with the right password.
    settings.FAIRMATCH_LOGIN_RATE = "2/min"
    client = Client()
    assert _admin_login(client, candidate_user.username, PASSWORD).status_code == 200
    assert _admin_login(client, candidate_user.username, PASSWORD).status_code == 200

    assert _admin_login(client, candidate_user.username, PASSWORD).status_code == 429


def test_web_and_admin_logins_share_one_failure_counter(staff: User, settings) -> None:
    # Switching forms must not double an address's attempts.
    settings.FAIRMATCH_LOGIN_RATE = "3/hour"
    client = Client()
    for _ in range(3):
        client.post(
            reverse("login"),
            {"username": staff.username, "password": "wrong"},
            REMOTE_ADDR="203.0.113.9",
        )

    blocked = _admin_login(client, staff.username, PASSWORD)

    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "3600"


@pytest.fixture(autouse=True)
def _address_limit_only(settings):  # type: ignore[no-untyped-def]
    """These tests count the per-address limit: the account lockout and the per-username
    limit (tests/security/test_auth_hardening.py) are set out of the way."""
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 1000
    settings.FAIRMATCH_LOGIN_USERNAME_RATE = "1000/min"
