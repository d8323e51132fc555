"""The web and admin login forms: failed attempts rate-limited per client address and per
username, and refused while the account is locked out (ats_site/accounts/lockout.py)."""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext_lazy as _

from ats_site.accounts.lockout import ACCOUNT_LOCKED, account_lock_remaining, username_key
from ats_site.ratelimit import (
    client_address,
    parse_rate,
    rate_limit_count,
    rate_limit_hit,
    too_many_requests,
)

LOGIN_SCOPE = "web-login-failures"
LOGIN_USERNAME_SCOPE = "web-login-username-failures"
LOGIN_RATE_LIMITED = _(
    "Too many failed logins from your address. Please wait {seconds} seconds and try again."
)


def _posted_username(request: HttpRequest) -> str:
    return str(request.POST.get("username") or "")


def _login_blocked(request: HttpRequest) -> HttpResponse | None:
    """The 429 once this address has FAIRMATCH_LOGIN_RATE failures in the window, this
    username FAIRMATCH_LOGIN_USERNAME_RATE failures (from any address), or while the account
    is locked out; else None."""
    rate = parse_rate(settings.FAIRMATCH_LOGIN_RATE)
    if rate_limit_count(scope=LOGIN_SCOPE, key=client_address(request), rate=rate) >= rate.limit:
        message = str(LOGIN_RATE_LIMITED).format(seconds=rate.period_s)
        return too_many_requests(request, message=message, rate=rate)
    username = _posted_username(request)
    if not username:
        return None
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


def _count_failed_login(request: HttpRequest) -> None:
    # Only failures count: people who type their password right are never slowed down. The
    # account's own lockout is counted by the user_login_failed signal (lockout.py).
    rate = parse_rate(settings.FAIRMATCH_LOGIN_RATE)
    rate_limit_hit(scope=LOGIN_SCOPE, key=client_address(request), rate=rate)
    username = _posted_username(request)
    if username:
        user_rate = parse_rate(settings.FAIRMATCH_LOGIN_USERNAME_RATE)
        rate_limit_hit(scope=LOGIN_USERNAME_SCOPE, key=username_key(username), rate=user_rate)


class RateLimitedLoginView(LoginView):
    """Django's login view; past FAIRMATCH_LOGIN_RATE failures, a 429 without checking."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _login_blocked(request) or super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        _count_failed_login(self.request)
        return super().form_invalid(form)


def rate_limited_admin_login(request: HttpRequest) -> HttpResponseBase:
    """The admin site's own login, behind the same failure counter as the web form.

    Wrapping AdminSite.login keeps Django's admin context, form and template as they are.
    Both forms share one counter, so an address cannot get twice the attempts by switching.
    """
    if request.method != "POST":
        return admin.site.login(request)
    blocked = _login_blocked(request)
    if blocked is not None:
        return blocked
    response = admin.site.login(request)
    if response.status_code == 200:  # the form again, with its error (success redirects)
        _count_failed_login(request)
    return response


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
