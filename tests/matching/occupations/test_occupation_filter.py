"""Talent-pool search by occupation: the candidate list, the pool selector and the pool API."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from matching.services.occupations import candidate_occupations_read
from matching.services.ranking import pool_candidates
from tests.factories import ApplicationFactory, VacancyFactory, candidate_with_parsed_cv
from tests.matching.core.occupations.synthetic_esco import uri
from tests.matching.occupations.synthetic_engine import (
    ACCOUNTANT_CV,
    CHEF_CV,
    install_engine,
    synthetic_engine,
)

pytestmark = pytest.mark.django_db
ESCO_HEAD_CHEF = "http://data.europa.eu/esco/occupation/01484951-15e6-4b88-a20f-1201868d36a0"


@pytest.fixture(autouse=True)
def engine(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return install_engine(monkeypatch, synthetic_engine())


def _pooled(text: str, **fields: str):  # type: ignore[no-untyped-def]
    """A talent-pool member whose CV was read."""
    candidate = candidate_with_parsed_cv(text, **fields)
    candidate_occupations_read(candidate_id=candidate.pk)
    ApplicationFactory(candidate=candidate, status="talent_pool", vacancy=VacancyFactory())
    return candidate


def test_pool_candidates_keep_only_the_occupation_or_isco_group() -> None:
    chef = _pooled(CHEF_CV)
    accountant = _pooled(ACCOUNTANT_CV)
    vacancy = VacancyFactory(title="Head chef")

    def pool(**filters: str) -> list[int]:
        return list(
            pool_candidates(vacancy=vacancy, pool="talent_pool", **filters).values_list(
                "pk", flat=True
            )
        )

    assert pool() == [chef.pk, accountant.pk]
    assert pool(occupation_uri=uri("chef")) == [chef.pk]
    assert pool(isco_group="24") == [accountant.pk]
    assert pool(occupation_uri=uri("chef"), isco_group="24") == []


def test_candidate_list_filters_by_isco_group_and_shows_what_each_reads_as(recruiter) -> None:
    _pooled(CHEF_CV, last_name="Cuisinier")
    _pooled(ACCOUNTANT_CV, last_name="Comptable")
    client = Client()
    client.force_login(recruiter)

    everyone = client.get("/candidates/").content.decode()
    chefs = client.get("/candidates/", {"isco_group": "3434"}).content.decode()

    assert "Cuisinier" in everyone
    assert "Comptable" in everyone
    assert "Head chef (ESCO), " in everyone
    assert "Accountant (ESCO), " in everyone
    assert "Cuisinier" in chefs
    assert "Comptable" not in chefs


def test_candidate_list_filters_by_an_occupation_typed_by_name(recruiter, monkeypatch) -> None:
    chef = _pooled(CHEF_CV, last_name="Cuisinier")
    _pooled(ACCOUNTANT_CV, last_name="Comptable")
    # The web form resolves names over the real ESCO catalogue: store the real head chef's URI.
    chef.occupation_reading.entries.filter(rank=1).update(uri=ESCO_HEAD_CHEF)
    client = Client()
    client.force_login(recruiter)

    page = client.get("/candidates/", {"occupation": "head chef"}).content.decode()

    assert "Cuisinier" in page
    assert "Comptable" not in page


@pytest.mark.slow
def test_talent_pool_api_filters_by_isco_group(recruiter) -> None:
    """Scored by the real packaged encoder (the pool API ranks what the filter keeps)."""
    chef = _pooled(CHEF_CV)
    _pooled(ACCOUNTANT_CV)
    vacancy = VacancyFactory(title="Head chef", description="Run the kitchen, plan menus.")
    client = APIClient()
    client.force_authenticate(recruiter)
    url = f"/api/vacancies/{vacancy.pk}/talent-pool-suggestions/"

    kept = client.get(url, {"isco_group": "343", "k": 5})
    refused = client.get(url, {"isco_group": "chef"})

    assert kept.status_code == 200, kept.content
    assert [row["candidate"]["id"] for row in kept.json()["results"]] == [chef.pk]
    assert refused.status_code == 400
