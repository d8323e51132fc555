"""Security settings: client addresses behind proxies, the shared cache, login lockout, API
tokens, password-reset limits, the API docs and the Content-Security-Policy.

Threat model and tests: docs/security.md.
"""

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from ats_site.env import env

# How many reverse proxies in front of the site append to X-Forwarded-For. 0 (default): the
# header is ignored and the peer address is the client; DRF's NUM_PROXIES follows this value.
FAIRMATCH_TRUSTED_PROXIES = env.int("FAIRMATCH_TRUSTED_PROXIES", default=0)
if FAIRMATCH_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("FAIRMATCH_TRUSTED_PROXIES must be 0 or more.")

# Failed logins per account (web, admin and POST /api/auth/token/): from the Nth failure the
# account is locked for BASE seconds, doubling with each further failure up to MAX; a
# successful login (only possible while unlocked) clears the count. Failures are forgotten
# after FAIRMATCH_LOCKOUT_MAX_SECONDS * 4 of quiet.
FAIRMATCH_LOCKOUT_THRESHOLD = env.int("FAIRMATCH_LOCKOUT_THRESHOLD", default=5)
FAIRMATCH_LOCKOUT_BASE_SECONDS = env.int("FAIRMATCH_LOCKOUT_BASE_SECONDS", default=60)
FAIRMATCH_LOCKOUT_MAX_SECONDS = env.int("FAIRMATCH_LOCKOUT_MAX_SECONDS", default=3600)
if min(FAIRMATCH_LOCKOUT_THRESHOLD, FAIRMATCH_LOCKOUT_BASE_SECONDS) < 1 or (
    FAIRMATCH_LOCKOUT_MAX_SECONDS < FAIRMATCH_LOCKOUT_BASE_SECONDS
):
    raise ImproperlyConfigured(
        "FAIRMATCH_LOCKOUT_THRESHOLD and FAIRMATCH_LOCKOUT_BASE_SECONDS must be at least 1 and "
        "FAIRMATCH_LOCKOUT_MAX_SECONDS at least FAIRMATCH_LOCKOUT_BASE_SECONDS."
    )
# Failed logins per username (any address), per window, on every login form and the API.
FAIRMATCH_LOGIN_USERNAME_RATE = env.str("FAIRMATCH_LOGIN_USERNAME_RATE", default="10/min")

# Password-reset mails: per requesting address, and per e-mail address / account.
FAIRMATCH_PASSWORD_RESET_RATE = env.str("FAIRMATCH_PASSWORD_RESET_RATE", default="3/hour")
FAIRMATCH_PASSWORD_RESET_ADDRESS_RATE = env.str(
    "FAIRMATCH_PASSWORD_RESET_ADDRESS_RATE", default="10/hour"
)

# API tokens expire this many hours after they were issued (0: never, not recommended);
# a password change deletes the user's token.
FAIRMATCH_API_TOKEN_TTL_HOURS = env.int("FAIRMATCH_API_TOKEN_TTL_HOURS", default=24 * 30)
if FAIRMATCH_API_TOKEN_TTL_HOURS < 0:
    raise ImproperlyConfigured("FAIRMATCH_API_TOKEN_TTL_HOURS must be 0 or more.")

# /api/schema/ and /api/docs/ need a signed-in user unless this is true.
FAIRMATCH_API_DOCS_PUBLIC = env.bool("FAIRMATCH_API_DOCS_PUBLIC", default=False)

# django-csp 4, ENFORCED in every profile (base, so `make run`, production and tests alike): our
# templates have no inline script, style element or style attribute (bars are SVG rects), and
# /api/docs/ loads Swagger UI from local static files with its start-up script as a file; that
# one page also allows inline styles (Swagger UI's own, ats_site/api_docs.py). An XSS that slips
# through escaping cannot run inline script, load script from elsewhere, or post forms away.
# FAIRMATCH_CSP_REPORT_ONLY=true sends the same policy as report-only (to trial a change).
_CSP: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
FAIRMATCH_CSP_REPORT_ONLY = env.bool("FAIRMATCH_CSP_REPORT_ONLY", default=False)
if FAIRMATCH_CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
API_DOCS_CDN = "https://cdn.jsdelivr.net"

CACHE_TABLE = "fairmatch_cache"


def cache_from_url(url: str) -> dict[str, Any]:
    """A CACHES["default"] entry for `redis://...`, `rediss://...`, `db://` or `locmem://`."""
    scheme = urlsplit(url).scheme
    if scheme in ("redis", "rediss"):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "fairmatch",
        }
    if scheme in ("db", "dbcache"):
        # Django's DatabaseCache, with an atomic incr that keeps the expiry (the limits
        # count with it): ats_site/common/db_cache.py.
        return {"BACKEND": "ats_site.common.db_cache.AtomicDatabaseCache", "LOCATION": CACHE_TABLE}
    if scheme in ("locmem", "locmemcache"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL {url!r}: expected redis://, rediss://, db:// or locmem://"
    )


def shared_cache(*, cache_url: str, broker_url: str) -> dict[str, Any]:
    """The production cache: shared by every process (rate limits and lockouts must be).

    CACHE_URL when set (never locmem), else the Celery broker's Redis, else the database cache
    (its table is created by `migrate`, see ats_site.accounts.apps).
    """
    if cache_url:
        entry = cache_from_url(cache_url)
        if entry["BACKEND"].endswith("LocMemCache"):
            raise ImproperlyConfigured(
                "CACHE_URL=locmem:// is per process: the production profile needs a shared cache "
                "(redis:// or db://) so that rate limits and lockouts hold across workers."
            )
        return entry
    if urlsplit(broker_url).scheme in ("redis", "rediss"):
        return cache_from_url(broker_url)
    return cache_from_url("db://")


# Refuses a locked account on every login path (ats_site/accounts/lockout.py).
AUTHENTICATION_BACKENDS = ["ats_site.accounts.lockout.LockoutModelBackend"]
