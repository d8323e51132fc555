"""Login limits hold for attempts that arrive together (several gunicorn workers): an attempt
takes its slot before its password is checked, and one account is checked at a time.

Concurrency is reproduced in one process: while the first attempt's password is being
checked, a second attempt is sent (from inside the check), as a second worker would."""

from collections.abc import Callable

import pytest
from django.test import Client

from ats_site.accounts import lockout
from ats_site.accounts.models import Role
from ats_site.accounts.services import user_create

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


WRONG = "wrong"  # noqa: S105 (a wrong password, on purpose)


def _post(username: str, password: str = WRONG) -> int:
    form = {"username": username, "password": password}
    return Client().post("/accounts/login/", form).status_code


def _during_the_password_check(monkeypatch, attempt: Callable[[], int]) -> list[int]:  # type: ignore[no-untyped-def]
    """Run `attempt` once, while the first password check is under way; its status codes."""
    seen: list[int] = []
    original = lockout.LockoutModelBackend.authenticate

    def checking(self, request, **kwargs):  # type: ignore[no-untyped-def]
        if not seen:
            seen.append(attempt())
        return original(self, request, **kwargs)

    monkeypatch.setattr(lockout.LockoutModelBackend, "authenticate", checking)
    return seen


def test_an_attempt_arriving_during_another_takes_no_slot_past_the_address_limit(
    settings, monkeypatch
) -> None:
    settings.FAIRMATCH_LOGIN_RATE = "1/min"
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 1000
    concurrent = _during_the_password_check(monkeypatch, lambda: _post("someone-else"))

    first = _post("someone")

    assert first == 200  # its password was checked (and was wrong)
    assert concurrent == [429]  # the address's only slot was taken before that check


def test_one_account_is_checked_by_one_attempt_at_a_time(settings, monkeypatch) -> None:
    settings.FAIRMATCH_LOGIN_RATE = "100/min"
    settings.FAIRMATCH_LOCKOUT_THRESHOLD = 1
    concurrent = _during_the_password_check(monkeypatch, lambda: _post("victim"))

    first = _post("victim")

    assert first == 200
    # Without the turn it would be checked too, before the first failure locks the account.
    assert concurrent == [429]
    assert _post("victim") == 429  # and now the lock holds


def test_a_good_password_gives_its_slot_back(settings) -> None:
    settings.FAIRMATCH_LOGIN_RATE = "1/min"
    user_create(username="alice", password=PASSWORD, role=Role.RECRUITER)

    assert _post("alice", PASSWORD) == 302
    assert _post("alice", PASSWORD) == 302
    assert _post("bob") == 200
    assert _post("bob") == 429
