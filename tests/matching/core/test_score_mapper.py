"""The score mapper: numpy inference equals scikit-learn, JSON round trip, training metrics."""

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.neural_network import MLPRegressor

from matching.core.evaluation.splits import split_masks
from matching.core.scoring import bucket_for
from matching.core.scoring.bucket_classifier_training import fit_bucket_classifier
from matching.core.scoring.feature_types import (
    DomainFit,
    ExperienceAlignment,
    FeatureScores,
    FormattingScore,
    SemanticSimilarity,
    TermMatch,
)
from matching.core.scoring.score_mapper import (
    BUCKET_FEATURE_NAMES,
    BUCKET_FEATURE_NAMES_WITH_AFFINITY,
    FEATURE_NAMES,
    MAPPER_FORMAT_ERROR,
    bucket_row,
    feature_row,
    load_default_mapper,
    load_score_mapper,
    save_score_mapper,
)
from matching.core.scoring.score_mapper_training import (
    MLP_ALPHA,
    MLP_HIDDEN,
    RIDGE_ALPHA,
    bucket_metrics,
    expected_calibration_error,
    fit_mapper,
    regression_metrics,
    scale_labels,
    train_mapper,
)


def _training_data(n: int = 120) -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.default_rng(7)
    inputs = generator.uniform(0.0, 1.0, size=(n, len(FEATURE_NAMES)))
    inputs[:, 11] = 1.0  # experience never varies in these pairs
    target = np.clip(0.6 * inputs[:, 5] + 0.4 * inputs[:, 0] ** 2, 0.0, 1.0)
    return inputs, target


def _features(cosine: float, domain: float, relation: str = "same") -> FeatureScores:
    return FeatureScores(
        skill_match_required=TermMatch(50.0, (), ()),
        skill_match_preferred=TermMatch(100.0, (), ()),
        keyword_match=TermMatch(25.0, (), ()),
        formatting=FormattingScore(60.0, (), (), False, 900),
        experience=ExperienceAlignment(100.0, None, None, None, "", ""),
        semantic=SemanticSimilarity(50.0, cosine, None, 0.3),
        domain=DomainFit(domain, "technology", "technology", relation),
    )


def test_feature_row_order_and_polynomials() -> None:
    row = feature_row(_features(cosine=0.5, domain=80.0))

    assert row.tolist() == [0.5, 0.25, 0.125, 0.3, 0.5, 0.8, 1.0, 0.5, 1.0, 0.25, 0.6, 1.0]


def test_json_round_trip_equals_the_scikit_learn_ensemble(tmp_path: Path) -> None:
    inputs, target = _training_data()
    mapper = fit_mapper(inputs, target, "test-version")
    path = tmp_path / "mapper.json"
    save_score_mapper(mapper, path)
    loaded = load_score_mapper(path)
    varying = inputs.std(axis=0) > 0
    standard = (inputs - inputs.mean(axis=0)) / np.where(varying, inputs.std(axis=0), 1.0)
    ridge = Ridge(alpha=RIDGE_ALPHA).fit(standard, target)
    mlp = MLPRegressor(
        hidden_layer_sizes=MLP_HIDDEN, alpha=MLP_ALPHA, max_iter=3000, random_state=0
    ).fit(standard, target)
    expected = np.clip(
        100.0 * (0.5 * ridge.predict(standard) + 0.5 * mlp.predict(standard)), 0, 100
    )

    assert np.allclose(loaded.predict(inputs), expected, atol=1e-6)
    assert np.allclose(loaded.predict(inputs), mapper.predict(inputs))
    assert loaded.version == "test-version"
    assert loaded.metadata["unused_features"] == ["experience"]


def test_bucket_classifier_survives_the_mapper_json(tmp_path: Path) -> None:
    inputs, target = _training_data()
    groups = [f"j{index % 8}" for index in range(len(target))]
    mapper = fit_mapper(inputs, target, "v", groups=groups)
    save_score_mapper(mapper, tmp_path / "m.json")
    loaded = load_score_mapper(tmp_path / "m.json")
    rows = np.column_stack([inputs, (inputs[:, 6] == 1.0).astype(float)])
    expected = fit_bucket_classifier(
        rows, [str(bucket_for(100.0 * value)) for value in target], groups, BUCKET_FEATURE_NAMES
    ).classifier

    assert loaded.bucket_classes == expected.classes
    assert np.allclose(loaded.bucket_probabilities(rows), expected.probabilities(rows))
    assert loaded.metadata["bucket_classifier_cv"]["chosen"]["C"] == expected.metadata["C"]


def test_version_one_bucket_classifier_still_loads(tmp_path: Path) -> None:
    inputs, target = _training_data()
    mapper = fit_mapper(inputs, target, "v")
    payload = mapper.to_json()
    standard = (inputs - mapper.mean) / mapper.scale
    labels = [str(bucket_for(100.0 * value)) for value in target]
    classifier = LogisticRegression(max_iter=3000).fit(standard, labels)
    payload["bucket_classifier"] = {
        "classes": classifier.classes_.tolist(),
        "coef": classifier.coef_.tolist(),
        "intercept": classifier.intercept_.tolist(),
    }
    (tmp_path / "v1.json").write_text(json.dumps(payload), encoding="utf-8")
    loaded = load_score_mapper(tmp_path / "v1.json")

    assert loaded.bucket_classes == tuple(classifier.classes_)
    assert np.allclose(loaded.bucket_probabilities(inputs), classifier.predict_proba(standard))


def test_shipped_bucket_classifier_reads_one_pair() -> None:
    mapper = load_default_mapper()
    assert mapper is not None

    affinity = 0.5 if mapper.reads_occupation_affinity else None
    bucket, probability = mapper.predict_bucket_features(
        _features(cosine=0.6, domain=100.0), affinity
    )
    low, _ = mapper.predict_bucket_features(
        _features(0.05, 0.0, relation="different"), 0.0 if affinity is not None else None
    )

    assert bucket in mapper.bucket_classes
    assert 1.0 / len(mapper.bucket_classes) <= probability <= 1.0
    assert low == "not_ats_friendly"


def test_constant_training_inputs_cannot_move_the_score() -> None:
    inputs, target = _training_data()
    mapper = fit_mapper(inputs, target, "v")
    changed = inputs.copy()
    changed[:, 11] = 0.0

    assert np.allclose(mapper.predict(changed), mapper.predict(inputs))


def test_loading_another_format_fails(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": "nope"}', encoding="utf-8")

    with pytest.raises(ValueError, match="not a FairMatch score mapper"):
        load_score_mapper(path)
    assert MAPPER_FORMAT_ERROR.format(path=path, found="nope").endswith("(format 'nope')")


def test_shipped_mapper_ranks_same_domain_above_different_domain() -> None:
    mapper = load_default_mapper()
    assert mapper is not None

    same = mapper.predict_features(_features(cosine=0.4, domain=100.0))
    different = mapper.predict_features(_features(cosine=0.4, domain=0.0, relation="different"))

    assert 0.0 <= different < same <= 100.0


def test_regression_metrics_exact() -> None:
    metrics = regression_metrics(np.array([0.0, 50.0, 100.0]), np.array([0.0, 100.0, 100.0]))

    assert metrics == {"rmse": 28.8675, "mae": 16.6667, "r2": 0.625, "pearson": 0.866}


def test_expected_calibration_error_exact() -> None:
    confidence = np.array([0.95, 0.95, 0.55, 0.55])
    correct = np.array([True, True, True, False])

    assert expected_calibration_error(confidence, correct) == pytest.approx(0.5 * 0.05 + 0.5 * 0.05)


def test_bucket_metrics_confusion_and_scores() -> None:
    probabilities = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])

    metrics = bucket_metrics(probabilities, ("not_ats_friendly", "strong"), np.array([0, 100, 100]))

    assert metrics["labels"] == ["not_ats_friendly", "strong"]
    assert metrics["confusion"] == [[1, 0], [1, 1]]
    assert metrics["accuracy"] == 0.6667
    assert metrics["macro_f1"] == 0.6667


def test_scale_labels_and_split_masks() -> None:
    assert scale_labels([0, 1, 2]).tolist() == [0.0, 0.5, 1.0]
    assert scale_labels([10, 10]).tolist() == [0.0, 0.0]
    train, held_out = split_masks(["j1", "j1"], ["r1", "r2"], fraction=1.0)
    assert (train.tolist(), held_out.tolist()) == ([False, False], [True, True])


def test_train_mapper_reports_held_out_metrics() -> None:
    inputs, target = _training_data(200)
    features = [_features(cosine=float(row[0]), domain=float(100 * row[5])) for row in inputs]
    jobs = [f"j{index % 10}" for index in range(200)]
    resumes = [f"r{index // 10}" for index in range(200)]

    result = train_mapper(features, list(target * 2), jobs, resumes, version="v", fraction=0.5)

    assert result.n_train + result.n_held_out <= 200
    assert result.n_held_out > 0
    assert sorted(result.to_json()["held_out"]) == [  # type: ignore[call-overload]
        "bucket_classifier",
        "mae",
        "ndcg@10",
        "pearson",
        "r2",
        "rmse",
    ]


def test_train_mapper_with_the_occupation_affinity_makes_it_the_last_bucket_input(
    tmp_path: Path,
) -> None:
    inputs, target = _training_data(200)
    features = [_features(cosine=float(row[0]), domain=float(100 * row[5])) for row in inputs]
    jobs = [f"j{index % 10}" for index in range(200)]
    resumes = [f"r{index // 10}" for index in range(200)]
    affinity = np.clip(target + 0.05 * np.random.default_rng(1).standard_normal(200), 0, 1)

    result = train_mapper(
        features,
        list(target * 2),
        jobs,
        resumes,
        version="v",
        fraction=0.5,
        occupation_affinity=affinity,
    )
    save_score_mapper(result.mapper, tmp_path / "m.json")
    loaded = load_score_mapper(tmp_path / "m.json")

    assert loaded.bucket_classifier.feature_names == BUCKET_FEATURE_NAMES_WITH_AFFINITY
    assert loaded.reads_occupation_affinity
    pair = features[0]
    with pytest.raises(ValueError, match="pass occupation_affinity"):
        loaded.predict_bucket_features(pair)
    high, _ = loaded.predict_bucket_features(pair, occupation_affinity=1.0)
    row = np.append(bucket_row(pair), 1.0)
    probabilities = loaded.bucket_probabilities(row)[0]
    assert high == loaded.bucket_classes[int(probabilities.argmax())]


def test_a_bucket_classifier_over_unknown_inputs_is_refused(tmp_path: Path) -> None:
    inputs, target = _training_data()
    payload = fit_mapper(inputs, target, "v").to_json()
    payload["bucket_classifier"]["feature_names"] = [*BUCKET_FEATURE_NAMES, "shoe_size"]
    (tmp_path / "odd.json").write_text(json.dumps(payload), encoding="utf-8")

    with pytest.raises(ValueError, match="the bucket classifier reads"):
        load_score_mapper(tmp_path / "odd.json")
