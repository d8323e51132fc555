"""Fixtures for the web UI's test-client tests: one vacancy with applications, a stored audit."""

import pytest
from django.test import Client

from ats_site.accounts.models import User
from candidates.models import Candidate, CandidateDocument
from fairness.models import AuditReport
from fairness.services import audit_report_create
from tests.factories import (
    CandidateDocumentFactory,
    CandidateFactory,
    SensitiveAttributesFactory,
    VacancyFactory,
)
from vacancies.models import Application, Vacancy
from vacancies.services import application_create

XSS_CV_TEXT = "Python developer <script>alert(1)</script> with Django."
SECRET_NATIONALITY = "Secretnationalityzz"
SECRET_ETHNICITY = "Secretethnicityzz"


@pytest.fixture
def vacancy(recruiter: User) -> Vacancy:
    return VacancyFactory.create(title="Data engineer", owner=recruiter, region="Bretagne")


@pytest.fixture
def own_candidate(candidate_user: User) -> Candidate:
    """The candidate profile of the candidate login."""
    return CandidateFactory.create(user=candidate_user, first_name="Alice", last_name="Martin")


@pytest.fixture
def other_candidate(db: None) -> Candidate:
    """A candidate with sensitive attributes and a CV whose text tries to inject a script."""
    candidate = CandidateFactory.create(
        first_name="Bruno", last_name="Diallo", region="Occitanie", headline="Data engineer"
    )
    SensitiveAttributesFactory.create(
        candidate=candidate,
        gender="non_binary",
        nationality=SECRET_NATIONALITY,
        ethnicity=SECRET_ETHNICITY,
        birth_year=1977,
    )
    CandidateDocumentFactory.create(
        candidate=candidate,
        extracted_text=XSS_CV_TEXT,
        parse_status=CandidateDocument.ParseStatus.PARSED,
    )
    return candidate


@pytest.fixture
def application(other_candidate: Candidate, vacancy: Vacancy, recruiter: User) -> Application:
    return application_create(candidate=other_candidate, vacancy=vacancy, created_by=recruiter)


@pytest.fixture
def audit(hr_admin: User) -> AuditReport:
    """A stored database audit with one flagged group (impact ratio 0.5)."""
    groups = {
        "female": {
            "count": 10,
            "selection_rate": 0.6,
            "impact_ratio": 1.0,
            "four_fifths_flag": False,
        },
        "male": {"count": 8, "selection_rate": 0.3, "impact_ratio": 0.5, "four_fifths_flag": True},
    }
    figures = {
        "unknown_count": 3,
        "suppressed_groups": ["non_binary"],
        "reference_group": "female",
        "groups": groups,
    }
    report = {
        "n": 21,
        "scope": "all vacancies",
        "min_group_size": 5,
        "outcomes": {
            "screening_passed": {"selected": 8, "attributes": {"gender": figures}},
            "hired": {"selected": 0, "attributes": {}},
        },
    }
    return audit_report_create(
        scope="all vacancies",
        source=AuditReport.Source.DATABASE,
        parameters={"attributes": ["gender"]},
        report=report,
        run_by=hr_admin,
    )


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def recruiter_client(recruiter: User) -> Client:
    return _client_for(recruiter)


@pytest.fixture
def candidate_client(candidate_user: User) -> Client:
    return _client_for(candidate_user)


@pytest.fixture
def hr_client(hr_admin: User) -> Client:
    return _client_for(hr_admin)
