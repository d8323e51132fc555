"""Login throttles that hold under concurrency across web processes.

DRF's SimpleRateThrottle reads its history from the cache, decides, then writes it back:
requests arriving together in different gunicorn workers all read the same history and all
pass (measured: 13 of 40 wrong passwords through against 10/min with 4 workers and 4 client
threads, benchmarks/load/throttles.py). Here one atomic cache increment per request decides
(a fixed window), so no more than the rate ever passes.
"""

import time

from rest_framework.request import Request
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from ats_site.accounts.lockout import username_key


class AtomicRateMixin(SimpleRateThrottle):
    """allow_request by one cache.incr per request in the current fixed window."""

    window_ends_at: float = 0.0
    num_requests: int | None  # set by SimpleRateThrottle from the rate
    duration: int | None

    def allow_request(self, request: Request, view: APIView) -> bool:
        if self.rate is None or self.num_requests is None or self.duration is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        duration = int(self.duration)
        window = int(time.time() // duration)
        key = f"{self.key}:{window}"
        self.cache.add(key, 0, timeout=duration)
        try:
            count = int(self.cache.incr(key))
        except ValueError:  # expired between add and incr: a new window
            self.cache.set(key, 1, timeout=duration)
            count = 1
        self.window_ends_at = (window + 1) * duration
        return count <= self.num_requests

    def wait(self) -> float | None:
        return max(0.0, self.window_ends_at - time.time())


class LoginAddressThrottle(AtomicRateMixin, ScopedRateThrottle):
    """Token logins per client address (the view's throttle scope, `login`; DRF's NUM_PROXIES
    picks the address)."""

    def allow_request(self, request: Request, view: APIView) -> bool:
        # ScopedRateThrottle reads its scope and rate from the view at this point.
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class LoginUsernameThrottle(AtomicRateMixin):
    """Token logins per username, whatever address they come from (scope `login-username`)."""

    scope = "login-username"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        data = request.data if isinstance(request.data, dict) else {}
        username = str(data.get("username") or "")
        if not username:
            return None
        return self.cache_format % {"scope": self.scope, "ident": username_key(username)}
