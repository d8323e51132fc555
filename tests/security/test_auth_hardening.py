"""Issue #21 items 1 and 6: throttles on the real address and the username, per-account lockout,
expiring tokens rotated on password change, listed and revoked by owner and HR admins."""

from datetime import timedelta

import pytest
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ats_site.accounts.models import Role
from ats_site.accounts.services import user_create

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
THROTTLED = {
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {"login": "3/min", "login-username": "100/min"},
    "NUM_PROXIES": 0,
}


def _client_user():  # type: ignore[no-untyped-def]
    return user_create(username="client", password=PASSWORD, role=Role.API_CLIENT)


def _login(client: APIClient, password: str, forwarded: str = "", username: str = "client"):  # type: ignore[no-untyped-def]
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(
        "/api/auth/token/", {"username": username, "password": password}, format="json", **extra
    )


def test_rotating_x_forwarded_for_does_not_escape_the_address_throttle(settings, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    # DRF binds the rates to the class when it is imported: set them there.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", THROTTLED["DEFAULT_THROTTLE_RATES"])
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 1000
    _client_user()
    client = APIClient()
    codes = [_login(client, "wrong", forwarded=f"10.0.0.{i}").status_code for i in range(6)]

    assert codes == [400, 400, 400, 429, 429, 429]


def test_the_right_password_is_refused_while_the_account_is_locked(settings):
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 3
    settings.FAIRMATCH_LOCKOUT_BASE_SECONDS = 60
    _client_user()
    client = APIClient()
    codes = [_login(client, "wrong").status_code for _ in range(3)]
    locked = _login(client, PASSWORD)

    assert codes == [400, 400, 400]
    assert locked.status_code == 429
    assert 55 <= int(locked["Retry-After"]) <= 60
    assert Token.objects.count() == 0


def test_lockout_backs_off_exponentially():
    from ats_site.accounts.lockout import lock_seconds

    with override_settings(
        FAIRMATCH_LOCKOUT_THRESHOLD=5,
        FAIRMATCH_LOCKOUT_BASE_SECONDS=60,
        FAIRMATCH_LOCKOUT_MAX_SECONDS=3600,
    ):
        assert [lock_seconds(n) for n in (4, 5, 6, 7, 12, 40)] == [0, 60, 120, 240, 3600, 3600]


def test_web_login_locks_the_account_too(client, settings):
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 2
    user_create(username="rec", password=PASSWORD, role=Role.RECRUITER)
    for _ in range(2):
        client.post("/accounts/login/", {"username": "rec", "password": "wrong"})

    response = client.post("/accounts/login/", {"username": "rec", "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_expired_token_is_refused_and_login_issues_a_new_one(settings):
    settings.FAIRMATCH_API_TOKEN_TTL_HOURS = 1
    user = _client_user()
    first = _login(APIClient(), PASSWORD).json()["token"]
    Token.objects.filter(key=first).update(created=Token.objects.get().created - timedelta(hours=2))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")

    assert client.get("/api/auth/tokens/").status_code == 401
    second = _login(APIClient(), PASSWORD).json()["token"]
    assert second != first
    assert Token.objects.get(user=user).key == second


def test_a_password_change_deletes_the_token():
    user = _client_user()
    _login(APIClient(), PASSWORD)
    user.set_password("another long passphrase")
    user.save()

    assert Token.objects.filter(user=user).count() == 0


def test_owner_lists_and_revokes_only_their_token_hr_admin_any():
    user = _client_user()
    other = user_create(username="other", password=PASSWORD, role=Role.API_CLIENT)
    hr = user_create(username="hr", password=PASSWORD, role=Role.HR_ADMIN)
    token = Token.objects.create(user=user)
    Token.objects.create(user=other)
    owner = APIClient()
    owner.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    listed = owner.get("/api/auth/tokens/").json()
    assert [row["username"] for row in listed] == ["client"]
    assert owner.delete(f"/api/auth/tokens/{other.pk}/").status_code == 404
    assert Token.objects.filter(user=other).exists()
    admin = APIClient()
    admin.force_authenticate(hr)
    assert {row["username"] for row in admin.get("/api/auth/tokens/").json()} == {
        "client",
        "other",
    }
    assert admin.delete(f"/api/auth/tokens/{other.pk}/").status_code == 204
    assert not Token.objects.filter(user=other).exists()


def test_password_reset_mail_is_limited_per_address(client, settings, mailoutbox):
    settings.FAIRMATCH_PASSWORD_RESET_RATE = "2/hour"
    settings.FAIRMATCH_PASSWORD_RESET_ADDRESS_RATE = "100/hour"
    user_create(username="cand", password=PASSWORD, role=Role.CANDIDATE, email="c@example.com")
    codes = [
        client.post("/accounts/password_reset/", {"email": "c@example.com"}).status_code
        for _ in range(5)
    ]

    assert codes == [302] * 5
    assert len(mailoutbox) == 2


def test_production_cache_is_shared():
    from django.core.exceptions import ImproperlyConfigured

    from ats_site.settings.security import shared_cache

    assert shared_cache(cache_url="", broker_url="redis://h:6379/2")["BACKEND"].endswith(
        "RedisCache"
    )
    assert shared_cache(cache_url="", broker_url="filesystem://")["BACKEND"].endswith(
        "DatabaseCache"
    )
    with pytest.raises(ImproperlyConfigured):
        shared_cache(cache_url="locmem://", broker_url="")
