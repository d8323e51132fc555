"""The bucket classifier: numpy equals scikit-learn after JSON, ECE, deterministic training."""

import json
from dataclasses import replace

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from matching.core.encoding.similarity import softmax
from matching.core.evaluation.splits import fold_of_groups
from matching.core.occupations.domains import DOMAIN_KEYS
from matching.core.scoring.bucket_classifier import (
    BucketClassifier,
    expected_calibration_error,
)
from matching.core.scoring.bucket_classifier_training import fit_bucket_classifier, macro_f1
from matching.core.scoring.feature_types import (
    DomainFit,
    ExperienceAlignment,
    FeatureScores,
    FormattingScore,
    ResumeFacts,
    SemanticSimilarity,
    TermMatch,
    VacancyFacts,
)
from matching.core.scoring.features import domain_fit
from matching.core.scoring.score_mapper import (
    BUCKET_FEATURE_NAMES,
    FEATURE_NAMES,
    bucket_row,
    feature_row,
)

NAMES = ("a", "b", "c", "constant")


def _data(n: int = 240) -> tuple[np.ndarray, list[str], list[str]]:
    generator = np.random.default_rng(3)
    inputs = generator.normal(size=(n, len(NAMES)))
    inputs[:, 3] = 2.0
    score = inputs[:, 0] + 0.5 * inputs[:, 1] + 0.3 * generator.normal(size=n)
    buckets = ["strong" if s > 1.2 else "weak" if s > 0.4 else "not_ats_friendly" for s in score]
    groups = [f"job{index % 12}" for index in range(n)]
    return inputs, buckets, groups


def test_json_round_trip_equals_the_scikit_learn_model() -> None:
    inputs, buckets, groups = _data()
    result = fit_bucket_classifier(inputs, buckets, groups, NAMES)
    loaded = BucketClassifier.from_json(json.loads(json.dumps(result.classifier.to_json())))
    chosen = result.cross_validation["chosen"]
    assert isinstance(chosen, dict)
    varying = inputs[:, :3]
    standard = (varying - varying.mean(axis=0)) / varying.std(axis=0)
    model = LogisticRegression(
        C=chosen["C"],
        class_weight=None if chosen["class_weight"] == "none" else chosen["class_weight"],
        max_iter=5000,
    ).fit(np.column_stack([standard, np.zeros(len(inputs))]), buckets)
    logits = model.decision_function(np.column_stack([standard, np.zeros(len(inputs))]))
    expected = softmax((logits + loaded.offsets) / loaded.temperature)

    assert loaded.classes == tuple(model.classes_)
    assert np.allclose(loaded.probabilities(inputs), expected, atol=1e-6)
    assert np.allclose(loaded.probabilities(inputs), result.classifier.probabilities(inputs))
    assert loaded.predict(inputs) == [
        loaded.classes[i] for i in (logits + loaded.offsets).argmax(axis=1)
    ]


def test_constant_input_gets_no_weight_and_reports_unused() -> None:
    inputs, buckets, groups = _data()
    classifier = fit_bucket_classifier(inputs, buckets, groups, NAMES).classifier
    changed = inputs.copy()
    changed[:, 3] = -5.0

    assert np.allclose(classifier.probabilities(changed), classifier.probabilities(inputs))
    assert classifier.metadata["unused_features"] == ["constant"]


def test_training_is_deterministic() -> None:
    inputs, buckets, groups = _data()
    first = fit_bucket_classifier(inputs, buckets, groups, NAMES)
    second = fit_bucket_classifier(inputs, buckets, groups, NAMES)

    assert first.classifier.to_json() == second.classifier.to_json()
    assert first.cross_validation == second.cross_validation


def test_cross_validation_keeps_each_group_in_one_fold() -> None:
    groups = [f"job{index % 7}" for index in range(70)]
    folds = fold_of_groups(groups, folds=5, seed=0)

    for group in set(groups):
        assert len({int(f) for f, g in zip(folds, groups, strict=True) if g == group}) == 1
    assert sorted(set(folds.tolist())) == [0, 1, 2, 3, 4]


def test_temperature_calibrates_without_changing_the_decision() -> None:
    inputs, buckets, groups = _data()
    result = fit_bucket_classifier(inputs, buckets, groups, NAMES)
    classifier = result.classifier
    untempered = softmax(classifier.logits(inputs))

    assert classifier.temperature > 0
    assert (classifier.probabilities(inputs).argmax(1) == untempered.argmax(1)).all()
    assert 0.0 <= float(result.cross_validation["cv_ece"]) < 0.2  # type: ignore[arg-type]


def test_expected_calibration_error_exact() -> None:
    confidence = np.array([0.95, 0.95, 0.55, 0.55, 0.31])
    correct = np.array([True, False, True, True, False])

    expected = 0.4 * abs(0.5 - 0.95) + 0.4 * abs(1.0 - 0.55) + 0.2 * abs(0.0 - 0.31)
    assert expected_calibration_error(confidence, correct) == pytest.approx(expected)
    assert expected_calibration_error(np.array([1.0]), np.array([True])) == 0.0
    assert expected_calibration_error(np.array([]), np.array([], dtype=bool)) == 0.0


def test_macro_f1_exact() -> None:
    truth = np.array([0, 0, 1, 1, 2])
    predicted = np.array([0, 1, 1, 1, 0])

    assert macro_f1(truth, predicted) == pytest.approx((0.5 + 0.8 + 0.0) / 3)


def test_loading_another_format_or_other_features_fails() -> None:
    inputs, buckets, groups = _data()
    payload = fit_bucket_classifier(inputs, buckets, groups, NAMES).classifier.to_json()

    with pytest.raises(ValueError, match="not a FairMatch bucket classifier"):
        BucketClassifier.from_json({**payload, "format": "nope"})
    with pytest.raises(ValueError, match="expects features"):
        BucketClassifier.from_json(payload, expected_features=("x",))


def test_one_bucket_is_refused() -> None:
    inputs, _, groups = _data(20)

    with pytest.raises(ValueError, match="at least two buckets"):
        fit_bucket_classifier(inputs, ["weak"] * 20, groups, NAMES)


def test_same_domain_probability_is_the_dot_product_of_both_distributions() -> None:
    first = tuple(1.0 if key == "technology" else 0.0 for key in DOMAIN_KEYS)
    mixed = tuple(
        0.6 if key == "technology" else 0.4 if key == "finance" else 0.0 for key in DOMAIN_KEYS
    )
    resume = ResumeFacts(text="x", domain="technology", domain_probabilities=first)
    vacancy = VacancyFacts(title="t", domain="technology", domain_probabilities=mixed)

    assert domain_fit(resume, vacancy).same_probability == pytest.approx(0.6)
    assert domain_fit(ResumeFacts(text="x", domain="technology"), vacancy).same_probability is None


def test_bucket_row_appends_the_same_domain_probability_or_the_hard_relation() -> None:
    base = TermMatch(50.0, (), ())
    features = FeatureScores(
        skill_match_required=base,
        skill_match_preferred=base,
        keyword_match=base,
        formatting=FormattingScore(60.0, (), (), False, 900),
        experience=ExperienceAlignment(100.0, None, None, None, "", ""),
        semantic=SemanticSimilarity(50.0, 0.5, None, 0.3),
        domain=DomainFit(80.0, "technology", "technology", "same", 0.7),
    )
    hard = replace(features, domain=DomainFit(0.0, "legal", "technology", "different"))

    assert len(BUCKET_FEATURE_NAMES) == len(FEATURE_NAMES) + 1
    assert bucket_row(features).tolist() == [*feature_row(features).tolist(), 0.7]
    assert bucket_row(hard)[-1] == 0.0
