"""Fixed-window rate limits for the web forms, counted in Django's cache.

The API throttles with DRF (`throttle_scope`); the HTML login form and CV uploads use this.
Counts live in the default cache: per process with the local-memory default of the base
profile, shared by every web process in production (Redis or the database cache).
"""

import contextlib
import re
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(s|sec|second|m|min|minute|h|hour|d|day)\s*$")
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class Rate:
    limit: int
    period_s: int


def parse_rate(text: str) -> Rate:
    """Read a rate such as "10/min", "30/m", "100/hour" or "5/s"."""
    match = _RATE.match(text)
    if match is None or int(match.group(1)) < 1:
        raise ImproperlyConfigured(
            f"Invalid rate {text!r}: expected '<count>/<s|min|hour|day>', e.g. '10/min'."
        )
    return Rate(limit=int(match.group(1)), period_s=_PERIODS[match.group(2)[0]])


def _key(scope: str, key: str, rate: Rate) -> str:
    window = int(time.time() // rate.period_s)
    return f"fairmatch-ratelimit:{scope}:{key}:{rate.period_s}:{window}"


def rate_limit_count(*, scope: str, key: str, rate: Rate) -> int:
    """Hits counted in the current window."""
    return int(cache.get(_key(scope, key, rate), 0))


def rate_limit_hit(*, scope: str, key: str, rate: Rate) -> int:
    """Count one hit in the current window; returns the window's count so far."""
    cache_key = _key(scope, key, rate)
    cache.add(cache_key, 0, timeout=rate.period_s)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(cache_key, 1, timeout=rate.period_s)
        return 1


def rate_limit_reserve(*, scope: str, key: str, rate: Rate) -> bool:
    """Take one of the window's slots atomically; False (nothing taken) when they are all
    taken. Checking a count and incrementing it later lets attempts that arrive together
    in several processes all pass; one increment that decides cannot be overrun."""
    if rate_limit_hit(scope=scope, key=key, rate=rate) <= rate.limit:
        return True
    rate_limit_release(scope=scope, key=key, rate=rate)
    return False


def rate_limit_release(*, scope: str, key: str, rate: Rate) -> None:
    """Give a reserved slot back (an attempt that should not count, e.g. a good password)."""
    with contextlib.suppress(ValueError):  # the window ended meanwhile: nothing to give back
        cache.decr(_key(scope, key, rate))


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer, or with FAIRMATCH_TRUSTED_PROXIES = n > 0 the address
    the outermost trusted proxy saw (the n-th X-Forwarded-For entry from the right, as DRF's
    NUM_PROXIES reads it). With the default 0 a client cannot choose its address."""
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")
    proxies = int(settings.FAIRMATCH_TRUSTED_PROXIES)
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies > 0 and hops:
        return hops[-min(proxies, len(hops))]
    return remote


def too_many_requests(request: HttpRequest, *, message: str, rate: Rate) -> HttpResponse:
    """The 429 page, with a Retry-After of one window."""
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(rate.period_s)
    return response


UPLOAD_RATE_LIMITED = _("Too many uploads. Please wait {seconds} seconds and try again.")


class UploadRateLimitMixin(View):
    """POSTs past FAIRMATCH_UPLOAD_RATE per signed-in user get a 429 (place after the role
    mixin, so only allowed users are counted)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST" and request.user.is_authenticated:
            rate = parse_rate(settings.FAIRMATCH_UPLOAD_RATE)
            count = rate_limit_hit(scope="web-upload", key=str(request.user.pk), rate=rate)
            if count > rate.limit:
                message = str(UPLOAD_RATE_LIMITED).format(seconds=rate.period_s)
                return too_many_requests(request, message=message, rate=rate)
        return super().dispatch(request, *args, **kwargs)
