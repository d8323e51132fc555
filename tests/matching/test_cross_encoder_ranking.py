"""Stage 2's optional models: a learned ranker orders the shortlist, a local cross-encoder
reorders its top; without either nothing changes."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from matching.services import rerank
from matching.services.ranking import vacancy_rank
from tests.factories import ApplicationFactory
from tests.matching.cross_encoder import tiny_cross_encoder
from tests.matching.test_scoring_services import NURSE_CV, PYTHON_CV, _with_cv, python_vacancy

pytestmark = pytest.mark.django_db

__all__ = ["python_vacancy"]  # a fixture used below

CVS = (PYTHON_CV, NURSE_CV, PYTHON_CV + "\nKubernetes", NURSE_CV + "\nPython", PYTHON_CV + "\nGo")


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_cross_encoder(tmp_path_factory.mktemp("cross-encoder"))


@pytest.fixture
def with_cross_encoder(settings, tiny_folder: Path) -> Iterator[Path]:
    rerank._load.cache_clear()
    settings.MATCHING_CROSS_ENCODER_PATH = str(tiny_folder)
    yield tiny_folder
    rerank._load.cache_clear()


@pytest.fixture
def applicants(python_vacancy):
    for text in CVS:
        ApplicationFactory(candidate=_with_cv(text), vacancy=python_vacancy)
    return python_vacancy


def test_without_a_cross_encoder_the_feature_score_orders_and_no_rerank_score_is_shown(
    applicants,
):
    ranked = vacancy_rank(vacancy=applicants, k=5)

    assert rerank.reranker_model_id() is None
    assert all(r.rerank_score is None for r in ranked)
    scores = [r.scored.score for r in ranked]
    assert scores == sorted(scores, reverse=True)


def test_a_cross_encoder_orders_the_top_and_every_position_shows_its_score(
    applicants, with_cross_encoder
):
    reranker = rerank.configured_reranker()
    assert reranker is not None

    ranked = vacancy_rank(vacancy=applicants, k=3)

    assert [r.position for r in ranked] == [1, 2, 3]
    rerank_scores = [r.rerank_score for r in ranked]
    assert None not in rerank_scores
    assert rerank_scores == sorted(rerank_scores, reverse=True)  # type: ignore[type-var]
    # The scores are the model's own, for exactly these CVs (depth 2k covers all five).
    everyone = vacancy_rank(vacancy=applicants, k=5)
    assert {r.candidate.pk for r in ranked} <= {r.candidate.pk for r in everyone}
    assert rerank.reranker_model_id() == reranker.model_id
    again = vacancy_rank(vacancy=applicants, k=3)
    assert [r.candidate.pk for r in again] == [r.candidate.pk for r in ranked]


def test_the_ranking_api_names_the_cross_encoder(applicants, with_cross_encoder, recruiter):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(recruiter)
    body = client.get(f"/api/vacancies/{applicants.pk}/ranking/?k=2").json()

    assert body["reranker"].startswith(f"cross-encoder:{with_cross_encoder.name}:")
    assert all(isinstance(entry["rerank_score"], float) for entry in body["results"])


@pytest.fixture
def inverse_ranker(settings, tmp_path: Path) -> Iterator[Path]:
    """A LightGBM model that learned to prefer LOW FairMatch scores, saved as a ranker file."""
    import json

    import lightgbm
    import numpy as np

    from matching.core.training.ranker import RANKER_FEATURES, RANKER_FORMAT

    rng = np.random.default_rng(0)
    rows = rng.random((400, len(RANKER_FEATURES)))
    booster = lightgbm.train(
        {"objective": "regression", "verbose": -1, "min_data_in_leaf": 5, "seed": 0},
        lightgbm.Dataset(rows, label=-rows[:, -1]),
        num_boost_round=30,
    )
    path = tmp_path / "ranker.json"
    payload = {
        "format": RANKER_FORMAT,
        "features": list(RANKER_FEATURES),
        "model": booster.model_to_string(),
    }
    path.write_text(json.dumps(payload))
    rerank._load_ranker.cache_clear()
    settings.MATCHING_RANKER_PATH = str(path)
    yield path
    rerank._load_ranker.cache_clear()


def test_a_learned_ranker_orders_stage_two_by_its_own_score(applicants, inverse_ranker, recruiter):
    from rest_framework.test import APIClient

    plain = sorted(vacancy_rank(vacancy=applicants, k=5), key=lambda r: r.candidate.pk)
    ranked = vacancy_rank(vacancy=applicants, k=5)

    ranker_scores = [r.ranker_score for r in ranked]
    assert None not in ranker_scores
    assert ranker_scores == sorted(ranker_scores, reverse=True)  # type: ignore[type-var]
    assert all(len(r.scored.ranker_features) == 15 for r in plain)
    # It learned "lower FairMatch score first": the best-scored CV is no longer first.
    best_scored = max(ranked, key=lambda r: r.scored.score)
    assert ranked[0].candidate.pk != best_scored.candidate.pk
    client = APIClient()
    client.force_authenticate(recruiter)
    body = client.get(f"/api/vacancies/{applicants.pk}/ranking/?k=2").json()
    assert body["ranker"] == "ranker.json"
    assert all(isinstance(entry["ranker_score"], float) for entry in body["results"])


def test_recommendations_name_the_model_that_scored_them(applicants, recruiter):
    from rest_framework.test import APIClient

    from matching.services.versions import current_model_version

    candidate = applicants.applications.first().candidate
    client = APIClient()
    client.force_authenticate(recruiter)
    rows = client.get(f"/api/candidates/{candidate.pk}/recommendations/").json()

    assert rows
    assert {row["model_version"] for row in rows} == {current_model_version()}
