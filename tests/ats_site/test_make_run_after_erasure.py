"""`make run` twice with an erasure in between: on a fresh database, `migrate` and `seed_demo`,
the demo candidate erases their data through the service, then `migrate` and `seed_demo` again
start cleanly and every demo login works (issue #25, item 1)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

ERASE_DEMO_CANDIDATE = (
    "from ats_site.accounts.models import User; "
    "from candidates.services import candidate_erase; "
    "login = User.objects.get(username='demo_candidate'); "
    "candidate_erase(candidate=login.candidate, erased_by=login); print('erased')"
)
CHECK_LOGINS = (
    "import json; from django.contrib.auth import authenticate; "
    "from ats_site.demo import DEMO_PASSWORDS; from ats_site.accounts.models import Role; "
    "from candidates.search_selectors import candidate_text_search; "
    "users = {r.value: authenticate(username=f'demo_{r.value}', password=DEMO_PASSWORDS[r]) "
    "for r in Role}; "
    "candidate = users['candidate'].candidate; "
    "found = candidate_text_search(viewer=users['recruiter'], query=candidate.last_name); "
    "print(json.dumps({'logins': {k: bool(u and u.is_active) for k, u in users.items()}, "
    "'anonymised': candidate.is_anonymised, "
    "'found': candidate.pk in [hit.candidate.pk for hit in found[0:50]]}))"
)


def _manage(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ats_site.settings.base",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "FAIRMATCH_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "var" / "media"),
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


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, (result.stdout[-2000:], result.stderr[-3000:])
    return result.stdout


def test_migrate_and_seed_demo_start_cleanly_again_after_the_demo_candidate_erased_their_data(
    tmp_path,
):
    _ok(_manage(tmp_path, "migrate", "--no-input"))
    _ok(_manage(tmp_path, "seed_demo", "--candidates", "12"))
    erased = _ok(_manage(tmp_path, "shell", "--no-imports", "-c", ERASE_DEMO_CANDIDATE))

    _ok(_manage(tmp_path, "migrate", "--no-input"))
    seeded = json.loads(_ok(_manage(tmp_path, "seed_demo", "--json", "--candidates", "12")))
    checked = json.loads(_ok(_manage(tmp_path, "shell", "--no-imports", "-c", CHECK_LOGINS)))

    assert erased.strip() == "erased"
    assert seeded["counts"]["candidates"] == 12
    assert {login["username"] for login in seeded["logins"]} == {
        "demo_candidate",
        "demo_recruiter",
        "demo_hr_admin",
        "demo_api_client",
    }
    assert checked == {
        "logins": {"candidate": True, "recruiter": True, "hr_admin": True, "api_client": True},
        "anonymised": False,
        "found": True,
    }
