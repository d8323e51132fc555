"""Per-account login lockout with exponential back-off, counted in the (shared) cache.

From the FAIRMATCH_LOCKOUT_THRESHOLD-th failed login of a username the account is locked for
FAIRMATCH_LOCKOUT_BASE_SECONDS, doubling with every further failure up to
FAIRMATCH_LOCKOUT_MAX_SECONDS. While locked, no password is checked at all (the right one is
refused too), so guessing gains nothing from many addresses. Unknown usernames lock exactly as
known ones do: the lockout tells nobody whether an account exists.

Failures are recorded from Django's `user_login_failed` signal, so every login path that calls
`authenticate()` (web form, admin, POST /api/auth/token/) counts; `LockoutModelBackend` refuses
a locked account on all of them; the views answer 429 with Retry-After before even trying.
"""

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.http import HttpRequest

ACCOUNT_LOCKED = (
    "Too many failed logins for this account. Please wait {seconds} seconds and try again."
)
ACCOUNT_BUSY = "Another login for this account is being checked. Please try again."
# Longer than any password check; a process killed mid-check frees the account after this.
ATTEMPT_TURN_SECONDS = 10


def username_key(username: str) -> str:
    # Hashed: the cache never holds usernames; lower-cased so case variants share one count.
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()[:40]


def _failures_key(username: str) -> str:
    return f"fairmatch-lockout:failures:{username_key(username)}"


def _lock_key(username: str) -> str:
    return f"fairmatch-lockout:until:{username_key(username)}"


def lock_seconds(failures: int) -> int:
    """How long `failures` consecutive failures lock an account (0: not locked)."""
    threshold = int(settings.FAIRMATCH_LOCKOUT_THRESHOLD)
    if failures < threshold:
        return 0
    base = int(settings.FAIRMATCH_LOCKOUT_BASE_SECONDS)
    ceiling = int(settings.FAIRMATCH_LOCKOUT_MAX_SECONDS)
    return int(min(base * 2 ** min(failures - threshold, 30), ceiling))


def account_lock_remaining(username: str) -> int:
    """Seconds this username stays locked (0: it may try to log in)."""
    if not username:
        return 0
    until = cache.get(_lock_key(username))
    if until is None:
        return 0
    return max(0, int(float(until) - time.time() + 0.999))


def account_login_failed(username: str) -> int:
    """Count one failed login (ignored while locked); returns the lock now in force, seconds."""
    if not username or account_lock_remaining(username):
        return account_lock_remaining(username)
    key = _failures_key(username)
    memory = int(settings.FAIRMATCH_LOCKOUT_MAX_SECONDS) * 4
    cache.add(key, 0, timeout=memory)
    try:
        failures = int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=memory)
        failures = 1
    seconds = lock_seconds(failures)
    if seconds:
        cache.set(_lock_key(username), time.time() + seconds, timeout=seconds)
    return seconds


@contextmanager
def account_attempt(username: str) -> Iterator[bool]:
    """One password check at a time per account, across every web process: True when this
    request holds the account's turn (or names none), False while another check runs.

    The lock is checked before the password and set after the failure is counted; without
    this, attempts arriving together in several workers all pass the check (measured: 8 of 40
    through against a threshold of 5). The turn expires by itself if a process dies."""
    if not username:
        yield True
        return
    key = f"fairmatch-lockout:inflight:{username_key(username)}"
    ours = bool(cache.add(key, 1, timeout=ATTEMPT_TURN_SECONDS))
    try:
        yield ours
    finally:
        if ours:
            cache.delete(key)


def account_login_succeeded(username: str) -> None:
    """A successful login clears the account's failures."""
    cache.delete_many([_failures_key(username), _lock_key(username)])


def on_login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    """`user_login_failed` receiver: every failed `authenticate()` counts against the account."""
    username = str(credentials.get("username") or "")
    account_login_failed(username)


def on_logged_in(sender: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
    """`user_logged_in` receiver (session logins)."""
    account_login_succeeded(user.get_username())


class LockoutModelBackend(ModelBackend):
    """Django's ModelBackend that refuses a locked account without checking its password."""

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, **kwargs: Any
    ) -> AbstractBaseUser | None:
        username = kwargs.get("username")
        if username is not None and account_lock_remaining(str(username)):
            return None
        return super().authenticate(request, **kwargs)
