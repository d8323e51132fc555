"""Shared fixtures: one user per role, API clients, and the path to ../shared data."""

from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from ats_site.accounts.models import Role, User
from ats_site.accounts.services import user_create

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Web rate-limit counts live in the cache: every test starts from none."""
    cache.clear()


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test saying clearly what is absent."""
    path = SHARED_DIR.joinpath("data", *parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads ../shared/data in place")
    return path


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
