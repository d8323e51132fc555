"""Settings come from the environment: database, broker and the production profile."""

import json
import os
import secrets
import subprocess
import sys

from tests.conftest import REPO_ROOT

PRINT_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'broker': s.CELERY_BROKER_URL, "
    "'debug': s.DEBUG}))"
)


def _settings_with(env: dict[str, str], module: str = "ats_site.settings.base") -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_defaults_are_sqlite_and_a_filesystem_broker():
    settings = _settings_with({})
    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["name"].endswith("fairmatch.sqlite3")
    assert settings["broker"] == "filesystem://"


def test_database_url_switches_to_postgresql_and_broker_url_to_redis():
    settings = _settings_with(
        {
            "DATABASE_URL": "postgres://fairmatch@db.internal:5432/ats",
            "CELERY_BROKER_URL": "redis://cache.internal:6379/0",
        }
    )
    assert settings["engine"] == "django.db.backends.postgresql"
    assert settings["name"] == "ats"
    assert settings["broker"] == "redis://cache.internal:6379/0"


def test_production_profile_requires_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**env, "DJANGO_SETTINGS_MODULE": "ats_site.settings.production"},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_profile_passes_the_deploy_checklist():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ats_site.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "fairmatch.example.com",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
