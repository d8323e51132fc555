"""Shared fixtures: one user per role, API clients, and the path to ../shared data.

The session also checks that it leaves the work tree as it found it (``worktree_guard``).
"""

import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from ats_site import ratelimit
from ats_site.accounts.models import Role, User
from ats_site.accounts.services import user_create
from tests.requirements import require_shared
from tests.worktree_guard import worktree_status

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
LEFT_IN_WORK_TREE = "the test session left files in the work tree (git status --porcelain):"
_STATUS_AT_START = pytest.StashKey[frozenset[str] | None]()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Remember the work tree's ``git status`` (a developer's own changes are not ours)."""
    session.stash[_STATUS_AT_START] = worktree_status(REPO_ROOT)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session when tests left new files in the work tree (outside ignored folders)."""
    before = session.stash.get(_STATUS_AT_START, None)
    after = worktree_status(REPO_ROOT)
    if before is None or after is None or hasattr(session.config, "workerinput"):
        return  # not a git checkout (or an xdist worker: the controller checks)
    new = sorted(after - before)
    if new:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            for line in (LEFT_IN_WORK_TREE, *new):
                reporter.write_line(line, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Web rate-limit counts live in the cache: every test starts from none, and its window
    does not roll over mid-test (a minute boundary between two requests reset the count)."""
    cache.clear()
    window_start = time.time()
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: window_start))


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or skip (fail in CI) saying clearly what is absent."""
    return require_shared(*parts)


def _make_user(role: Role) -> User:
    return user_create(
        username=f"{role.value}-user",
        password="correct horse battery staple",
        role=role,
        email=f"{role.value}@example.com",
        api_scopes=["candidates:read", "vacancies:read"] if role == Role.API_CLIENT else None,
    )


@pytest.fixture
def candidate_user(db: None) -> User:
    return _make_user(Role.CANDIDATE)


@pytest.fixture
def recruiter(db: None) -> User:
    return _make_user(Role.RECRUITER)


@pytest.fixture
def hr_admin(db: None) -> User:
    return _make_user(Role.HR_ADMIN)


@pytest.fixture
def api_client_user(db: None) -> User:
    return _make_user(Role.API_CLIENT)


@pytest.fixture
def user_for_role(db: None):  # type: ignore[no-untyped-def]
    """Build a user of the given role name ("anonymous" gives None)."""

    def build(role: str) -> User | None:
        return None if role == "anonymous" else _make_user(Role(role))

    return build


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
