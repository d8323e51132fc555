"""The web and admin login forms, with failed attempts rate-limited per client address."""

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext_lazy as _

from ats_site.ratelimit import (
    client_address,
    parse_rate,
    rate_limit_count,
    rate_limit_hit,
    too_many_requests,
)

LOGIN_SCOPE = "web-login-failures"
LOGIN_RATE_LIMITED = _(
    "Too many failed logins from your address. Please wait {seconds} seconds and try again."
)


def _login_blocked(request: HttpRequest) -> HttpResponse | None:
    """The 429 once this address has FAIRMATCH_LOGIN_RATE failures in the window, else None."""
    rate = parse_rate(settings.FAIRMATCH_LOGIN_RATE)
    if rate_limit_count(scope=LOGIN_SCOPE, key=client_address(request), rate=rate) >= rate.limit:
        message = str(LOGIN_RATE_LIMITED).format(seconds=rate.period_s)
        return too_many_requests(request, message=message, rate=rate)
    return None


def _count_failed_login(request: HttpRequest) -> None:
    # Only failures count: people who type their password right are never slowed down.
    rate = parse_rate(settings.FAIRMATCH_LOGIN_RATE)
    rate_limit_hit(scope=LOGIN_SCOPE, key=client_address(request), rate=rate)


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
