"""Score buckets: "strong" is the same occupation with the requirements met, not a score alone."""

import numpy as np
import pytest

from matching.core.scoring.additive import AdditiveScorer, ShapeFunction, score_bucket
from matching.core.scoring.additive_evaluation import bucket_report
from matching.core.scoring.buckets import (
    DEFAULT_EDGES,
    BucketRule,
    bucket_confidence,
    fit_bucket_rule,
)
from matching.core.scoring.inputs import INPUT_NAMES

GATES = (("occupation_match", 0.6), ("required_skills", 0.5), ("years", 1.0))
RULE = BucketRule((70.0, 50.0, 35.0), GATES)


def _row(occupation: float = 1.0, skills: float = 1.0, years: float = 1.0) -> list[float]:
    row = [0.5] * len(INPUT_NAMES)
    row[INPUT_NAMES.index("occupation_match")] = occupation
    row[INPUT_NAMES.index("required_skills")] = skills
    row[INPUT_NAMES.index("years")] = years
    return row


def test_strong_needs_the_same_occupation_and_the_requirements_met() -> None:
    assert RULE.bucket(90.0, _row()) == "strong"
    assert RULE.bucket(70.0, _row(occupation=0.6, skills=0.5)) == "strong"  # gates belong above
    assert RULE.bucket(90.0, _row(occupation=0.4)) == "moderate"  # same domain only
    assert RULE.bucket(90.0, _row(skills=0.49)) == "moderate"  # under half the skills
    assert RULE.bucket(90.0, _row(years=0.8)) == "moderate"  # under the minimum years


def test_below_the_strong_edge_the_score_alone_decides() -> None:
    scores = (69.99, 50.0, 49.99, 35.0, 34.99)
    assert [RULE.bucket(s, _row()) for s in scores] == [
        "moderate", "moderate", "weak", "weak", "not_ats_friendly",
    ]  # fmt: skip
    assert [RULE.bucket(s, _row(occupation=0.0)) for s in scores] == [
        RULE.bucket(s, _row()) for s in scores
    ]


def test_without_inputs_only_the_edges_apply() -> None:
    assert RULE.bucket(70.0) == "strong"
    assert RULE.bucket(69.0) == "moderate"


def test_the_gaps_name_every_gate_missed() -> None:
    assert RULE.strong_gaps(_row()) == ()
    assert RULE.strong_gaps(_row(occupation=0.2, years=0.5)) == ("occupation_match", "years")
    # float arithmetic that lands a hair under a gate still reaches it
    assert RULE.strong_gaps(_row(years=1.0 - 1e-12)) == ()


def test_the_rule_round_trips_through_scorer_metadata() -> None:
    metadata = RULE.to_metadata()
    assert metadata == {
        "bucket_edges": [70.0, 50.0, 35.0],
        "bucket_gates": {"occupation_match": 0.6, "required_skills": 0.5, "years": 1.0},
    }
    assert BucketRule.from_metadata(metadata) == RULE
    assert BucketRule.from_metadata(None) == BucketRule(DEFAULT_EDGES, ())
    assert BucketRule.from_metadata({"bucket_edges": [90, 60, 45]}).gates == ()


def test_a_gate_on_an_unknown_input_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown score inputs: salary"):
        BucketRule(DEFAULT_EDGES, (("salary", 1.0),))


def test_score_bucket_reads_the_scorers_gates() -> None:
    shapes = tuple(ShapeFunction(n, (0.0, 1.0), (0.0, 9.0)) for n in INPUT_NAMES)
    scorer = AdditiveScorer("gated-1", 0.0, shapes, RULE.to_metadata())
    assert score_bucket(80.0, scorer, _row()) == "strong"
    assert score_bucket(80.0, scorer, _row(skills=0.0)) == "moderate"
    assert score_bucket(80.0, scorer) == "strong"
    assert score_bucket(80.0, None, _row(skills=0.0)) == "strong"  # no scorer: 80 / 60 / 40


def test_the_fit_finds_the_occupation_gate_that_the_score_cannot_see() -> None:
    """Same-occupation and same-domain pairs score alike; only the occupation input tells them
    apart, so the fitted gate sits between the two and strong takes grade 2 only."""
    rng = np.random.default_rng(3)
    grades = np.array([2] * 60 + [1] * 60 + [0] * 240)
    scores = np.where(grades > 0, rng.uniform(72, 95, grades.size), rng.uniform(0, 45, grades.size))
    occupation = np.where(grades == 2, rng.uniform(0.8, 1.0, grades.size), 0.4)
    rows = np.array([_row(occupation=o) for o in occupation])

    rule = fit_bucket_rule(scores.tolist(), rows, grades.tolist())

    gate = dict(rule.gates)["occupation_match"]
    assert 0.4 < gate <= 0.8
    assert dict(rule.gates)["required_skills"] == 0.5
    assert dict(rule.gates)["years"] == 1.0
    buckets = rule.buckets(scores.tolist(), rows)
    assert {b for b, g in zip(buckets, grades, strict=True) if g == 2} == {"strong"}
    assert {b for b, g in zip(buckets, grades, strict=True) if g == 1} == {"moderate"}
    assert bucket_confidence(buckets, grades.tolist())["strong"] == 1.0


def test_the_fit_never_calls_strong_a_pair_that_misses_a_requirement() -> None:
    grades = [2, 2, 2, 1, 0]
    scores = [90.0, 90.0, 90.0, 60.0, 10.0]
    rows = [_row(), _row(skills=0.0), _row(years=0.5), _row(occupation=0.4), _row(occupation=0.0)]

    buckets = fit_bucket_rule(scores, rows, grades).buckets(scores, rows)

    assert buckets[0] == "strong"
    assert buckets[1] != "strong"
    assert buckets[2] != "strong"


def test_the_report_counts_buckets_against_grades() -> None:
    buckets = ["strong", "moderate", "moderate", "weak", "not_ats_friendly"]
    grades = [2, 2, 1, 0, 0]
    confidence = bucket_confidence(buckets, grades)
    assert confidence == {"strong": 1.0, "moderate": 0.5, "weak": 1.0, "not_ats_friendly": 1.0}

    report = bucket_report(buckets, grades, confidence)

    assert report["confusion"] == [[1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]]
    assert report["accuracy"] == 0.8
    # confidence 1 on the 3 right pairs, 0.5 on the right and the wrong moderate: |0.5 - 0.5|
    assert report["ece"] == pytest.approx(0.0)
