"""Production profile: tightens base settings and requires secrets from the environment.

https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
"""

from ats_site.env import env
from ats_site.settings.base import *  # noqa: F403
from ats_site.settings.security import shared_cache

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Rate limits and lockouts are counted in the cache: one cache for every web process.
CACHES = {
    "default": shared_cache(
        cache_url=env.str("CACHE_URL", default=""),
        broker_url=CELERY_BROKER_URL,  # noqa: F405
    )
}

# Workers load the encoder as they start, so the first scoring task after a deploy does not pay
# for it (web workers never load it: rankings read stored scores).
MATCHING_WARM_ENCODER_ON_WORKER_START = env.bool(
    "MATCHING_WARM_ENCODER_ON_WORKER_START", default=True
)
