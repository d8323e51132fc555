"""Candidate self-registration pages: sign up (throttled), check your inbox, confirm the link."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from ats_site.accounts.lockout import username_key
from ats_site.ratelimit import client_address, parse_rate, rate_limit_hit, too_many_requests
from candidates.services.signup import (
    SignUpLinkInvalid,
    candidate_sign_up,
    candidate_sign_up_confirm,
    signup_confirmation_send,
    signup_token_make,
)
from candidates.signup_forms import CandidateSignUpForm

SIGNUP_SCOPE = "candidate-signup"
SIGNUP_RATE_LIMITED = _("Too many sign-ups from your address. Please wait {seconds} seconds.")
SIGNUP_CONFIRMED = _("Your account is confirmed. Log in to apply.")


def _safe_next(request: HttpRequest) -> str:
    target = str(request.POST.get("next") or request.GET.get("next") or "")
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if allowed else ""


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class CandidateSignUpView(FormView[CandidateSignUpForm]):
    """Open a candidate account; the login stays inactive until the e-mailed link is opened."""

    template_name = "registration/signup.html"
    form_class = CandidateSignUpForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            return redirect("web:home")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rate = parse_rate(settings.FAIRMATCH_SIGNUP_RATE)
        if rate_limit_hit(scope=SIGNUP_SCOPE, key=client_address(request), rate=rate) > rate.limit:
            message = str(SIGNUP_RATE_LIMITED).format(seconds=rate.period_s)
            return too_many_requests(request, message=message, rate=rate)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(next=_safe_next(self.request), **kwargs)

    def form_valid(self, form: CandidateSignUpForm) -> HttpResponse:
        data = form.cleaned_data
        sign_up = candidate_sign_up(
            email=data["email"],
            password=data["password"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        # One mail per address per window, so the form cannot be used to flood an inbox; the
        # page answers the same either way and tells nobody whether the address is known.
        rate = parse_rate(settings.FAIRMATCH_SIGNUP_RATE)
        mails = rate_limit_hit(
            scope=f"{SIGNUP_SCOPE}-email", key=username_key(sign_up.user.email), rate=rate
        )
        if mails <= rate.limit:
            token = signup_token_make(
                user=sign_up.user,
                consent_version=settings.FAIRMATCH_PRIVACY_NOTICE_VERSION,
                consent_given_at=timezone.now(),
            )
            next_url = _safe_next(self.request)
            confirm = _with_next(reverse("web:signup-confirm", args=[token]), next_url)
            signup_confirmation_send(
                sign_up=sign_up,
                confirm_url=self.request.build_absolute_uri(confirm),
                login_url=self.request.build_absolute_uri(_with_next(reverse("login"), next_url)),
                reset_url=self.request.build_absolute_uri(reverse("password_reset")),
            )
        return render(self.request, "registration/signup_done.html", {"email": data["email"]})


class CandidateSignUpConfirmView(View):
    """Opening the e-mailed link activates the account and records the consent."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            candidate_sign_up_confirm(token=token)
        except SignUpLinkInvalid as error:
            return render(
                request, "registration/signup_invalid.html", {"message": error.message}, status=400
            )
        messages.success(request, SIGNUP_CONFIRMED)
        return redirect(_with_next(reverse("login"), _safe_next(request)))
