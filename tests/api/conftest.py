"""API fixtures: a small world of rows, and a token-authenticated client per role."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ats_site.accounts.models import User
from candidates.models import Candidate, CandidateDocument
from fairness.models import AuditReport
from fairness.services import audit_report_create
from tests.factories import CandidateDocumentFactory, CandidateFactory, VacancyFactory
from vacancies.models import Application, Vacancy
from vacancies.services import application_create

ROLES = ["anonymous", "candidate", "recruiter", "hr_admin", "api_client"]
PARSED_PROFILE = {"skills": ["Python", "Django"], "years_total": 5}


@dataclass(frozen=True)
class World:
    """The rows every permission case can point at."""

    users: dict[str, User | None]
    own: Candidate
    other: Candidate
    document: CandidateDocument
    vacancy: Vacancy
    spare_vacancy: Vacancy
    application: Application
    audit: AuditReport


@pytest.fixture(autouse=True)
def _fresh_throttle_history() -> None:
    """Throttle counts live in the cache; every test starts from none."""
    cache.clear()


@pytest.fixture
def world(user_for_role: Callable[[str], User | None]) -> World:
    users = {role: user_for_role(role) for role in ROLES}
    own = CandidateFactory(user=users["candidate"], first_name="Cara", last_name="Didate")
    other = CandidateFactory(first_name="Ada", last_name="Lovelace")
    document = CandidateDocumentFactory(
        candidate=other, parse_status=CandidateDocument.ParseStatus.PARSED, profile=PARSED_PROFILE
    )
    vacancy = VacancyFactory(owner=users["recruiter"], title="Backend developer")
    spare_vacancy = VacancyFactory(owner=users["recruiter"], title="Data engineer")
    application = application_create(candidate=other, vacancy=vacancy)
    audit = audit_report_create(
        scope="all vacancies",
        source=AuditReport.Source.DATABASE,
        parameters={"attributes": ["gender"]},
        report={"n": 1},
    )
    return World(users, own, other, document, vacancy, spare_vacancy, application, audit)


def _client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def client_for() -> Callable[[User | None], APIClient]:
    """An API client sending the user's token (no credentials for anonymous)."""
    return _client_for


@pytest.fixture
def as_role(world: World) -> Callable[[str], APIClient]:
    """A token-authenticated client for one of the world's users, by role name."""
    return lambda role: _client_for(world.users[role])
