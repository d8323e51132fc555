"""The database audit's ranking-exposure outcome and score distributions, pooled over vacancies."""

import math

import pytest

from fairness.services import audit_run_database
from matching.models import MatchScore
from tests.factories import ApplicationFactory, SensitiveAttributesFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def _scored(vacancy: object, gender: str, score: float) -> None:
    application = ApplicationFactory.create(vacancy=vacancy)
    SensitiveAttributesFactory.create(candidate=application.candidate, gender=gender)
    MatchScore.objects.create(
        vacancy=vacancy,
        candidate=application.candidate,
        application=application,
        model_version="v1",
        score=score,
        bucket="b",
    )


def test_ranking_exposure_is_pooled_over_each_vacancys_ranking(settings) -> None:
    settings.FAIRNESS_MIN_GROUP_SIZE_FLOOR = 1  # five rows: every group is tiny on purpose
    # Vacancy 1 ranks f (90), m (80), f (70); vacancy 2 ranks m (50), f (40).
    first, second = VacancyFactory.create(), VacancyFactory.create()
    for gender, score in [("female", 90.0), ("male", 80.0), ("female", 70.0)]:
        _scored(first, gender, score)
    for gender, score in [("male", 50.0), ("female", 40.0)]:
        _scored(second, gender, score)

    report = audit_run_database(
        attributes=["gender"], min_group_size=1, n_bootstrap=0, shortlist_k=1
    ).report
    outcome = report["outcomes"]["ranking_exposure"]
    female = outcome["attributes"]["gender"]["groups"]["female"]
    male = outcome["attributes"]["gender"]["groups"]["male"]

    assert (outcome["n"], outcome["selected"], outcome["k"], outcome["vacancies"]) == (5, 2, 1, 2)
    assert (female["count"], female["top_k_count"], female["selection_rate"]) == (3, 1, 1 / 3)
    assert (male["count"], male["top_k_count"], male["selection_rate"]) == (2, 1, 0.5)
    assert female["impact_ratio"] == pytest.approx(2 / 3, rel=1e-12)
    assert female["four_fifths_flag"] is True
    assert female["exposure"] == pytest.approx((1 + 1 / math.log2(3) + 0.5) / 3, rel=1e-12)
    assert male["exposure"] == pytest.approx((1 / math.log2(3) + 1) / 2, rel=1e-12)
    assert (male["exposure_ratio"], round(female["exposure_ratio"], 4)) == (1.0, 0.871)
    assert report["score_distributions"]["gender"]["groups"] == {
        "female": {"count": 3, "min": 40.0, "q1": 55.0, "median": 70.0, "q3": 80.0, "max": 90.0},
        "male": {"count": 2, "min": 50.0, "q1": 57.5, "median": 65.0, "q3": 72.5, "max": 80.0},
    }
