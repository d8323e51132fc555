"""Every FairMatch setting, read from the environment with embedded defaults.

A fresh clone runs on SQLite with a filesystem Celery broker, so nothing external is needed.
"""

from pathlib import Path

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from ats_site.env import BASE_DIR, env

# Lets typed generics such as `admin.ModelAdmin[Model]` work at run time.
django_stubs_ext.monkeypatch()

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Development-only key; production.py requires DJANGO_SECRET_KEY from the environment.
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY", default="fairmatch-insecure-development-key-change-me-0123456789"
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

VAR_DIR = Path(env.str("FAIRMATCH_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "ats_site",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_results",
    "ats_site.accounts",
    "ats_site.operations",
    "candidates",
    "vacancies",
    "matching",
    "matching.taxonomy",
    "fairness",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "ats_site.urls"
WSGI_APPLICATION = "ats_site.wsgi.application"
ASGI_APPLICATION = "ats_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ats_site.operations.context_processors.queue_health",
            ],
        },
    },
]

# DATABASE_URL switches to PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/fairmatch
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'fairmatch.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the local worker write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
# Uploads live outside the web root (static/ and templates/) under var/.
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Uploads larger than FILE_UPLOAD_MAX_MEMORY_SIZE are spooled here, not in /tmp: a web process
# killed mid-upload leaves its partial file where `upload_temp_files_cleanup` removes it.
FILE_UPLOAD_TEMP_DIR = env.str("DJANGO_FILE_UPLOAD_TEMP_DIR", default=str(VAR_DIR / "upload-tmp"))
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
FAIRMATCH_UPLOAD_TEMP_MAX_AGE_SECONDS = env.int(
    "FAIRMATCH_UPLOAD_TEMP_MAX_AGE_SECONDS", default=3600
)

# GDPR storage limitation: candidates inactive this long get a notice, then are anonymised.
FAIRMATCH_RETENTION_DAYS = env.int("FAIRMATCH_RETENTION_DAYS", default=730)
FAIRMATCH_RETENTION_NOTICE_DAYS = env.int("FAIRMATCH_RETENTION_NOTICE_DAYS", default=30)
# EU AI Act Art. 26(6): deployers keep the system's logs at least six months; older audit
# events are purged daily. A shorter period is refused here, at startup.
AUDIT_RETENTION_MIN_DAYS = 183
FAIRMATCH_AUDIT_RETENTION_DAYS = env.int("FAIRMATCH_AUDIT_RETENTION_DAYS", default=365)
if FAIRMATCH_AUDIT_RETENTION_DAYS < AUDIT_RETENTION_MIN_DAYS:
    raise ImproperlyConfigured(
        f"FAIRMATCH_AUDIT_RETENTION_DAYS={FAIRMATCH_AUDIT_RETENTION_DAYS} is too short: the EU AI "
        f"Act (Art. 26(6)) asks deployers to keep logs at least six months "
        f"({AUDIT_RETENTION_MIN_DAYS} days)."
    )
# Web form rate limits ("<count>/<s|min|hour|day>"), counted in the cache per client address
# (failed logins) or per user (CV uploads); the API has its own DRF throttles.
FAIRMATCH_LOGIN_RATE = env.str("FAIRMATCH_LOGIN_RATE", default="10/min")
FAIRMATCH_UPLOAD_RATE = env.str("FAIRMATCH_UPLOAD_RATE", default="30/min")
# A talent-pool member stays in the pool this long after their last consent (or, with no consent
# on record, after entering the pool): the CNIL's two-year guidance for a "vivier".
FAIRMATCH_TALENT_POOL_CONSENT_DAYS = env.int("FAIRMATCH_TALENT_POOL_CONSENT_DAYS", default=730)
# Candidate self-registration: sign-up attempts per client address (and confirmation mails
# per e-mail address), how long a confirmation link stays valid, and the privacy notice version
# a candidate accepts when signing up (stored with the consent).
FAIRMATCH_SIGNUP_RATE = env.str("FAIRMATCH_SIGNUP_RATE", default="5/hour")
FAIRMATCH_SIGNUP_CONFIRM_MAX_AGE_SECONDS = env.int(
    "FAIRMATCH_SIGNUP_CONFIRM_MAX_AGE_SECONDS", default=2 * 24 * 3600
)
FAIRMATCH_PRIVACY_NOTICE_VERSION = env.str("FAIRMATCH_PRIVACY_NOTICE_VERSION", default="2026-01")
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
# Where the file-based backend (`make run`'s default) stores sent mail; erasure rewrites it.
EMAIL_FILE_PATH = env.str("DJANGO_EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="FairMatch <no-reply@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

from ats_site.settings.celery import *  # noqa: E402,F403
from ats_site.settings.drf import *  # noqa: E402,F403
from ats_site.settings.fairness import *  # noqa: E402,F403
from ats_site.settings.matching import *  # noqa: E402,F403
from ats_site.settings.metrics import *  # noqa: E402,F403
from ats_site.settings.security import *  # noqa: E402,F403
from ats_site.settings.security import cache_from_url  # noqa: E402

# Per process (LocMem) unless CACHE_URL names a shared one; production.py always shares it.
CACHES = {"default": cache_from_url(env.str("CACHE_URL", default="locmem://"))}
