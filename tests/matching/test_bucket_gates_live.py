"""The product's bucket and why-panel reason follow the shipped scorer's bucket gates."""

import pytest

from matching.core.scoring.additive import AdditiveScorer, ShapeFunction
from matching.core.scoring.bulk import explain_features
from matching.core.scoring.feature_types import FeatureScores
from matching.core.scoring.inputs import INPUT_NAMES, PairSignals
from matching.services import ats_score
from tests.matching.feature_factories import requirement_features

GATED = AdditiveScorer(
    "gated-test-1",
    0.0,
    tuple(ShapeFunction(name, (0.0, 1.0), (0.0, 9.0)) for name in INPUT_NAMES),
    {
        "bucket_edges": [50.0, 30.0, 15.0],
        "bucket_gates": {"occupation_match": 0.3, "required_skills": 0.5, "years": 1.0},
    },
)


def _features(covered: int, missing: int, years: float) -> FeatureScores:
    return requirement_features(
        tuple(f"skill{i}" for i in range(covered)), tuple(f"gap{i}" for i in range(missing)), years
    )


@pytest.fixture
def gated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ats_score, "live_scorer", lambda: GATED)


@pytest.mark.usefixtures("gated")
def test_a_high_score_that_misses_the_required_skills_is_moderate_and_says_why() -> None:
    met, short = explain_features(
        [_features(4, 0, 5.0), _features(1, 3, 5.0)],
        [PairSignals(1.0, 0.5, 0.8, occupation_match=1.0)] * 2,
        GATED,
    )
    assert met.score >= 50.0
    assert short.score >= 50.0

    assert ats_score.pair_bucket(met) == "strong"
    assert ats_score.strong_gaps(met) == []
    assert ats_score.pair_bucket(short) == "moderate"
    assert ats_score.strong_gaps(short) == [
        "fewer than half of the required skills are shown",
    ]
    assert ats_score.explanation_details(short)["not_strong_because"] == [
        "fewer than half of the required skills are shown",
    ]


@pytest.mark.usefixtures("gated")
def test_a_low_score_gives_no_not_strong_reason() -> None:
    (pair,) = explain_features(
        [_features(0, 4, 0.5)], [PairSignals(0.0, 0.1, 0.1, occupation_match=0.0)], GATED
    )
    assert pair.score < 50.0
    assert ats_score.strong_gaps(pair) == []
