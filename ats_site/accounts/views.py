"""The web and admin login forms: failed attempts rate-limited per client address and per
username, and refused while the account is locked out (ats_site/accounts/lockout.py)."""

from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext_lazy as _

from ats_site.accounts.lockout import (
    ACCOUNT_BUSY,
    ACCOUNT_LOCKED,
    account_attempt,
    account_lock_remaining,
    username_key,
)
from ats_site.ratelimit import (
    client_address,
    parse_rate,
    rate_limit_count,
    rate_limit_hit,
    rate_limit_release,
    rate_limit_reserve,
    too_many_requests,
)

LOGIN_SCOPE = "web-login-failures"
LOGIN_USERNAME_SCOPE = "web-login-username-failures"
LOGIN_RATE_LIMITED = _(
    "Too many failed logins from your address. Please wait {seconds} seconds and try again."
)


def _posted_username(request: HttpRequest) -> str:
    return str(request.POST.get("username") or "")


def _account_blocked(request: HttpRequest, username: str) -> HttpResponse | None:
    """The 429 once this username has FAIRMATCH_LOGIN_USERNAME_RATE failures (from any
    address) in the window, or while the account is locked out; else None."""
    user_rate = parse_rate(settings.FAIRMATCH_LOGIN_USERNAME_RATE)
    key = username_key(username)
    if rate_limit_count(scope=LOGIN_USERNAME_SCOPE, key=key, rate=user_rate) >= user_rate.limit:
        message = ACCOUNT_LOCKED.format(seconds=user_rate.period_s)
        return too_many_requests(request, message=message, rate=user_rate)
    locked = account_lock_remaining(username)
    if locked:
        response = too_many_requests(
            request, message=ACCOUNT_LOCKED.format(seconds=locked), rate=user_rate
        )
        response["Retry-After"] = str(locked)
        return response
    return None


def guarded_login(request: HttpRequest, login: Callable[[], HttpResponseBase]) -> HttpResponseBase:
    """Run a login form's POST behind the address limit, the username limit and the lockout.

    Each attempt takes one of the address's FAIRMATCH_LOGIN_RATE slots atomically before any
    password is checked (a success gives it back: only failures count), and each account is
    checked by one request at a time, so none of the limits can be overrun by attempts sent
    together to several web processes.
    """
    rate = parse_rate(settings.FAIRMATCH_LOGIN_RATE)
    address = client_address(request)
    if not rate_limit_reserve(scope=LOGIN_SCOPE, key=address, rate=rate):
        message = str(LOGIN_RATE_LIMITED).format(seconds=rate.period_s)
        return too_many_requests(request, message=message, rate=rate)
    username = _posted_username(request)
    failed = True
    try:
        with account_attempt(username) as ours:
            if not ours:
                return too_many_requests(request, message=ACCOUNT_BUSY, rate=rate)
            blocked = _account_blocked(request, username) if username else None
            if blocked is not None:
                return blocked
            response = login()
            # The form again, with its error (a success redirects).
            failed = response.status_code == 200
            if failed and username:
                user_rate = parse_rate(settings.FAIRMATCH_LOGIN_USERNAME_RATE)
                key = username_key(username)
                rate_limit_hit(scope=LOGIN_USERNAME_SCOPE, key=key, rate=user_rate)
            return response
    finally:
        if not failed:
            rate_limit_release(scope=LOGIN_SCOPE, key=address, rate=rate)


class RateLimitedLoginView(LoginView):
    """Django's login view behind the login limits (`guarded_login`)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        login = super().post
        return guarded_login(request, lambda: login(request, *args, **kwargs))  # type: ignore[return-value]


def rate_limited_admin_login(request: HttpRequest) -> HttpResponseBase:
    """The admin site's own login, behind the same limits and counters as the web form.

    Wrapping AdminSite.login keeps Django's admin context, form and template as they are.
    Both forms share one counter, so an address cannot get twice the attempts by switching.
    """
    if request.method != "POST":
        return admin.site.login(request)
    return guarded_login(request, lambda: admin.site.login(request))


PASSWORD_RESET_SCOPE = "password-reset"  # noqa: S105 (a cache scope)
PASSWORD_RESET_RATE_LIMITED = _(
    "Too many password-reset requests from your address. Please wait {seconds} seconds."
)


class RateLimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form; past FAIRMATCH_PASSWORD_RESET_RATE mails per e-mail address or per
    account in the window, no further mail is sent. The page answers exactly as when a mail
    goes out, so it tells nobody whether an address is known or was limited."""

    def get_users(self, email: str) -> Iterator[Any]:
        rate = parse_rate(settings.FAIRMATCH_PASSWORD_RESET_RATE)
        address = username_key(email)
        if rate_limit_hit(scope=f"{PASSWORD_RESET_SCOPE}-email", key=address, rate=rate) > (
            rate.limit
        ):
            return
        for user in super().get_users(email):
            count = rate_limit_hit(
                scope=f"{PASSWORD_RESET_SCOPE}-account", key=str(user.pk), rate=rate
            )
            if count <= rate.limit:
                yield user


class RateLimitedPasswordResetView(PasswordResetView):
    """Django's password reset, limited per client address (429) and per e-mail / account."""

    form_class = RateLimitedPasswordResetForm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rate = parse_rate(settings.FAIRMATCH_PASSWORD_RESET_ADDRESS_RATE)
        count = rate_limit_hit(
            scope=f"{PASSWORD_RESET_SCOPE}-address", key=client_address(request), rate=rate
        )
        if count > rate.limit:
            message = str(PASSWORD_RESET_RATE_LIMITED).format(seconds=rate.period_s)
            return too_many_requests(request, message=message, rate=rate)
        return super().post(request, *args, **kwargs)
