"""Issue #21 item 1 and "What to build": throttles keyed on the real client address (a trusted
proxy count, default 0) and on the username, on the web form as on the API; password-reset
mail limited per requesting address, per e-mail address and per account."""

import pytest
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from ats_site.accounts.models import Role
from ats_site.accounts.services import user_create
from ats_site.accounts.views import PASSWORD_RESET_SCOPE
from ats_site.ratelimit import client_address, parse_rate, rate_limit_hit

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def _web_login(client: Client, username: str, **extra: str) -> int:
    response = client.post("/accounts/login/", {"username": username, "password": "wrong"}, **extra)
    return response.status_code


def test_a_rotating_x_forwarded_for_does_not_escape_the_web_login_limit(settings) -> None:
    settings.FAIRMATCH_LOGIN_RATE = "3/min"
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 1000
    client = Client()

    codes = [_web_login(client, f"guess-{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}") for n in range(5)]

    assert codes == [200, 200, 200, 429, 429]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        pytest.param(0, "198.51.100.7", "192.0.2.1", id="no_proxy_case_header_ignored"),
        pytest.param(1, "198.51.100.7", "198.51.100.7", id="one_proxy_case_its_entry"),
        pytest.param(1, "6.6.6.6, 198.51.100.7", "198.51.100.7", id="one_proxy_case_forged_left"),
        pytest.param(2, "6.6.6.6, 198.51.100.7, 10.1.1.1", "198.51.100.7", id="two_proxies_case"),
        pytest.param(1, "", "192.0.2.1", id="one_proxy_case_no_header"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    settings, proxies: int, forwarded: str, expected: str
) -> None:
    settings.FAIRMATCH_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected


def test_behind_one_trusted_proxy_each_client_has_its_own_web_limit(settings) -> None:
    settings.FAIRMATCH_TRUSTED_PROXIES = 1
    settings.FAIRMATCH_LOGIN_RATE = "2/min"
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 1000
    client = Client()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    first = [
        _web_login(client, f"a-{n}", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy) for n in range(3)
    ]
    # A forged left-hand entry in front of the proxy's own does not give a fresh count.
    forged = _web_login(client, "a-9", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", **proxy)
    second = _web_login(client, "b-0", HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)

    assert first == [200, 200, 429]
    assert forged == 429
    assert second == 200


def test_many_addresses_guessing_one_account_meet_the_username_limit_on_the_api(
    settings, monkeypatch
) -> None:
    from rest_framework.throttling import SimpleRateThrottle

    rates = {"login": "1000/min", "login-username": "3/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 1000
    user_create(username="client", password=PASSWORD, role=Role.API_CLIENT)
    client = APIClient()

    codes = [
        client.post(
            "/api/auth/token/",
            {"username": "client", "password": "wrong"},
            format="json",
            REMOTE_ADDR=f"203.0.113.{n}",
        ).status_code
        for n in range(5)
    ]
    other_account = client.post(
        "/api/auth/token/",
        {"username": "someone-else", "password": "wrong"},
        format="json",
        REMOTE_ADDR="203.0.113.99",
    )

    assert codes == [400, 400, 400, 429, 429]
    assert other_account.status_code == 400


def test_many_addresses_guessing_one_account_meet_the_username_limit_on_the_web(settings) -> None:
    settings.FAIRMATCH_LOGIN_RATE = "1000/min"
    settings.FAIRMATCH_LOGIN_USERNAME_RATE = "3/min"
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 1000
    user_create(username="rec", password=PASSWORD, role=Role.RECRUITER)
    client = Client()

    codes = [_web_login(client, "rec", REMOTE_ADDR=f"203.0.113.{n}") for n in range(5)]
    right = client.post(
        "/accounts/login/", {"username": "rec", "password": PASSWORD}, REMOTE_ADDR="203.0.113.50"
    )

    assert codes == [200, 200, 200, 429, 429]
    assert right.status_code == 429  # no password is checked past the limit
    assert "_auth_user_id" not in client.session


def test_password_reset_requests_past_the_address_rate_are_a_429_and_send_nothing(
    client, settings, mailoutbox
) -> None:
    settings.FAIRMATCH_PASSWORD_RESET_ADDRESS_RATE = "2/hour"
    settings.FAIRMATCH_PASSWORD_RESET_RATE = "100/hour"
    for n in range(3):
        user_create(
            username=f"cand-{n}", password=PASSWORD, role=Role.CANDIDATE, email=f"c{n}@example.com"
        )

    codes = [
        client.post("/accounts/password_reset/", {"email": f"c{n}@example.com"}).status_code
        for n in range(3)
    ]

    assert codes == [302, 302, 429]
    assert [mail.to for mail in mailoutbox] == [["c0@example.com"], ["c1@example.com"]]


def test_password_reset_mail_is_limited_per_account(client, settings, mailoutbox) -> None:
    settings.FAIRMATCH_PASSWORD_RESET_RATE = "2/hour"
    settings.FAIRMATCH_PASSWORD_RESET_ADDRESS_RATE = "100/hour"
    user = user_create(
        username="cand", password=PASSWORD, role=Role.CANDIDATE, email="c@example.com"
    )
    # The account's mails are spent (say through other spellings of its address): a request
    # under a spelling with a fresh per-address count still sends nothing.
    rate = parse_rate(settings.FAIRMATCH_PASSWORD_RESET_RATE)
    for _ in range(2):
        rate_limit_hit(scope=f"{PASSWORD_RESET_SCOPE}-account", key=str(user.pk), rate=rate)

    response = client.post("/accounts/password_reset/", {"email": "c@example.com"})

    assert response.status_code == 302  # the page answers as usual: no oracle
    assert mailoutbox == []


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client, mailoutbox
) -> None:
    user_create(username="cand", password=PASSWORD, role=Role.CANDIDATE, email="c@example.com")

    known = client.post("/accounts/password_reset/", {"email": "c@example.com"})
    unknown = client.post("/accounts/password_reset/", {"email": "nobody@example.com"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mailoutbox) == 1
