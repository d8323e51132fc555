"""The search box of the candidate list and of the talent-pool suggestions: full-text search
over profiles and CV text, ranked, with a marked snippet; nothing sensitive, nobody erased."""

import pytest
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import User
from candidates.models import Candidate
from candidates.services import candidate_erase
from tests.factories import ApplicationFactory, CandidateDocumentFactory, VacancyFactory
from tests.web.conftest import SECRET_NATIONALITY
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db


def _pooled(first_name: str, cv_text: str) -> Candidate:
    application = ApplicationFactory(
        status="talent_pool",
        vacancy=VacancyFactory(title="Old job"),
        candidate__first_name=first_name,
        candidate__last_name="Pool",
    )
    CandidateDocumentFactory(
        candidate=application.candidate, extracted_text=cv_text, parse_status="parsed"
    )
    return application.candidate


def test_candidate_list_search_finds_cv_words_with_a_snippet(
    recruiter_client: Client, other_candidate: Candidate
) -> None:
    CandidateDocumentFactory(
        extracted_text="Kubernetes operator for Kafka.",
        parse_status="parsed",
        candidate__first_name="Chloe",
        candidate__last_name="Moreau",
    )

    page = recruiter_client.get(reverse("web:candidate-list"), {"q": "kube"}).content.decode()
    script = recruiter_client.get(reverse("web:candidate-list"), {"q": "alert"}).content.decode()

    assert 'type="search" name="q"' in page
    assert "Chloe Moreau" in page
    assert "Bruno Diallo" not in page
    assert "<mark>Kubernetes</mark> operator for Kafka." in page
    assert "1 candidate" in page
    assert "Bruno Diallo" in script
    assert "<script>" not in script
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in script


def test_candidate_list_search_never_matches_sensitive_attributes_or_erased_people(
    recruiter_client: Client, recruiter: User, other_candidate: Candidate
) -> None:
    by_nationality = recruiter_client.get(
        reverse("web:candidate-list"), {"q": SECRET_NATIONALITY}
    ).content.decode()
    candidate_erase(candidate=other_candidate, erased_by=recruiter)
    by_cv = recruiter_client.get(reverse("web:candidate-list"), {"q": "django"}).content.decode()

    assert "No candidate matches." in by_nationality
    assert "No candidate matches." in by_cv


def test_talent_pool_suggestions_search_narrows_the_pool(
    recruiter_client: Client, vacancy: Vacancy
) -> None:
    _pooled("Spark", "Data engineer, Python, Spark.")
    _pooled("Figma", "Product designer, Figma, user research.")
    url = reverse("web:talent-pool-suggestions", args=[vacancy.pk])

    everyone = recruiter_client.get(url).content.decode()
    searched = recruiter_client.get(url, {"q": "figma"}).content.decode()

    assert "Spark Pool" in everyone
    assert "Figma Pool" in everyone
    assert 'type="search" name="q"' in searched
    assert "Figma Pool" in searched
    assert "Spark Pool" not in searched
