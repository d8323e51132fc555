"""`migrate` on a fresh database, as a deployment runs it: every app's post_migrate handlers
run, so the production profile's database cache (`CACHE_URL=db://`, the shared cache the login
limits count in when there is no Redis) has its table and works at once."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

PRODUCTION_WITH_DB_CACHE = {
    "DJANGO_SETTINGS_MODULE": "ats_site.settings.production",
    "DJANGO_SECRET_KEY": "fresh-migrate-test-only-not-a-secret",
    "DJANGO_ALLOWED_HOSTS": "localhost",
    "CACHE_URL": "db://",
}
# The cache the login limits use, written and read back through Django's cache API.
CACHE_ROUND_TRIP = (
    "from django.core.cache import cache; from django.conf import settings; "
    "assert settings.CACHES['default']['BACKEND'].endswith('DatabaseCache'); "
    "cache.set('fresh-migrate', 41); print('cached', cache.incr('fresh-migrate'))"
)


def _manage(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        **PRODUCTION_WITH_DB_CACHE,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "FAIRMATCH_VAR_DIR": str(tmp_path / "var"),
        "CELERY_FILESYSTEM_DIR": str(tmp_path / "var" / "celery-broker"),
    }
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_fresh_migrate_creates_the_database_cache_table_and_the_cache_works(tmp_path):
    migrated = _manage(tmp_path, "migrate", "-v", "2", "--no-input")
    cache_used = _manage(tmp_path, "shell", "--no-imports", "-c", CACHE_ROUND_TRIP)

    assert migrated.returncode == 0, migrated.stderr[-3000:]
    # The handlers of every app ran (an old data migration had switched them all off).
    assert "Running post-migrate handlers for application accounts" in migrated.stdout
    assert "Running post-migrate handlers for application auth" in migrated.stdout
    assert cache_used.returncode == 0, cache_used.stderr[-3000:]
    assert cache_used.stdout.strip() == "cached 42"
