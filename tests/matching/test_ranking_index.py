"""The ranking service's stage 1 goes through the configured index, built once per pool."""

import numpy as np
import pytest

from matching.core.retrieval.index_cache import DEFAULT_INDEX_CACHE
from matching.services.ranking import vacancy_rank
from matching.services.retrieval import index_config, stage_one_index
from tests.factories import ApplicationFactory, VacancyFactory, candidate_with_parsed_cv

pytestmark = pytest.mark.django_db

CVS = (
    "SKILLS\nPython, Django, PostgreSQL, Docker\nBackend developer, 6 years.",
    "SKILLS\nPatient care, wound care, triage\nRegistered nurse, 8 years.",
    "SKILLS\nPython, Django, Kubernetes\nPlatform engineer, 4 years.",
    "SKILLS\nBookkeeping, tax, auditing\nAccountant, 10 years.",
)


def _apply(vacancy, text: str) -> None:
    profile = {"skills": [], "years_total": 5, "experience_count": 1}
    ApplicationFactory(candidate=candidate_with_parsed_cv(text, profile), vacancy=vacancy)


@pytest.fixture
def vacancy():
    vacancy = VacancyFactory(
        title="Python backend developer",
        description="Build Django REST APIs on PostgreSQL.",
        required_skills=["Python", "Django"],
    )
    for text in CVS:
        _apply(vacancy, text)
    DEFAULT_INDEX_CACHE.clear()
    yield vacancy
    DEFAULT_INDEX_CACHE.clear()


def test_settings_pick_the_index(settings) -> None:
    settings.MATCHING_INDEX = "faiss-sq8"
    settings.MATCHING_ANN_THRESHOLD = 10

    assert (index_config().kind, index_config().ann_threshold) == ("faiss-sq8", 10)
    settings.MATCHING_INDEX = "annoy"
    with pytest.raises(ValueError, match="Unknown index 'annoy'"):
        index_config()


def test_stage_one_index_follows_the_threshold_and_is_built_once(settings) -> None:
    vectors = np.random.default_rng(0).standard_normal((50, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    settings.MATCHING_INDEX = "auto"
    settings.MATCHING_ANN_THRESHOLD = 51
    DEFAULT_INDEX_CACHE.clear()

    assert stage_one_index(vectors, model_id="m").kind == "exact"
    settings.MATCHING_ANN_THRESHOLD = 50
    first = stage_one_index(vectors, model_id="m")
    again = stage_one_index(vectors.copy(), model_id="m")
    DEFAULT_INDEX_CACHE.clear()

    assert first.kind == "faiss-pq-refine"
    assert again is first


@pytest.mark.slow
def test_faiss_above_the_threshold_ranks_like_the_exact_scan(vacancy, settings) -> None:
    settings.MATCHING_INDEX = "exact"
    exact = vacancy_rank(vacancy=vacancy, k=3)
    settings.MATCHING_INDEX = "auto"
    settings.MATCHING_ANN_THRESHOLD = 2

    approximate = vacancy_rank(vacancy=vacancy, k=3)

    assert len(DEFAULT_INDEX_CACHE) == 1  # the pool's FAISS index, kept for the next request
    assert [r.candidate.pk for r in approximate] == [r.candidate.pk for r in exact]
    assert [r.retrieval_cosine for r in approximate] == pytest.approx(
        [r.retrieval_cosine for r in exact], abs=1e-3
    )
