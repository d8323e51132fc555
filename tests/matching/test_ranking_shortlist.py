"""The first stage shortlists max(4k, 100) candidates by cosine before the score orders them, so
asking for fewer candidates never changes who comes first: the top k is the first k of the
whole ranking (issue #26: a shortlist cut to k passed the suite)."""

import pytest

from matching.services.ranking import vacancy_rank
from tests.factories import ApplicationFactory, VacancyFactory, candidate_with_parsed_cv
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db

# (label, CV text, years): the echo of the posting is the nearest by cosine; the platform
# engineer, with every skill and the years asked, scores best.
CVS = (
    ("echo", "Senior Python backend developer: build Django REST APIs on PostgreSQL.", 1),
    (
        "platform",
        "SUMMARY\nPlatform engineer, 11 years.\nEXPERIENCE\nSite reliability engineer, Acme "
        "(2014 - present)\nRan Kubernetes clusters with Terraform; wrote Python and Django "
        "services; PostgreSQL administration.\nSKILLS\nPython, Django, PostgreSQL, Kubernetes, "
        "Terraform, Docker, Linux",
        11,
    ),
    ("nurse", "SKILLS\nPatient care, wound care, triage\nRegistered nurse, 8 years.", 8),
    ("junior", "Python Django developer.", 1),
)


@pytest.fixture
def vacancy() -> Vacancy:
    vacancy = VacancyFactory(
        title="Senior Python backend developer",
        description="Build Django REST APIs on PostgreSQL, deployed on Kubernetes with Terraform.",
        required_skills=["Python", "Django", "PostgreSQL", "Kubernetes", "Terraform"],
        experience_min_years=8,
        experience_max_years=15,
    )
    for label, text, years in CVS:
        profile = {"skills": [], "years_total": years, "experience_count": 1}
        candidate = candidate_with_parsed_cv(text, profile, external_id=label)
        ApplicationFactory(candidate=candidate, vacancy=vacancy)
    return vacancy


def _labels(vacancy: Vacancy, k: int) -> list[str]:
    return [item.candidate.external_id for item in vacancy_rank(vacancy=vacancy, k=k)]


def test_the_best_scored_candidate_comes_first_even_when_not_the_nearest_by_cosine(
    vacancy: Vacancy,
) -> None:
    whole = vacancy_rank(vacancy=vacancy, k=len(CVS))
    nearest = max(whole, key=lambda item: item.retrieval_cosine)
    assert (whole[0].candidate.external_id, nearest.candidate.external_id) == ("platform", "echo")

    assert _labels(vacancy, 1) == ["platform"]


def test_the_top_k_is_the_first_k_of_the_whole_ranking(vacancy: Vacancy) -> None:
    whole = _labels(vacancy, len(CVS))

    assert [_labels(vacancy, k) for k in (1, 2, 3)] == [whole[:1], whole[:2], whole[:3]]
