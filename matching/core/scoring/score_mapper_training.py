"""Fit the score mapper on labelled pairs and measure it on a held-out split (scikit-learn).

Pairs are split by job AND resume: a pair is held out when both its job key and its resume key
hash into the held-out fraction, used for training when neither does, and dropped otherwise, so
held-out pairs share no job and no resume with training. With the same keys and fraction as the
domain classifier, held-out texts are unseen by both models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import Ridge
from sklearn.neural_network import MLPRegressor

from matching.core.evaluation.evaluation import evaluate_ranking
from matching.core.evaluation.splits import HELD_OUT_FRACTION, split_masks
from matching.core.scoring import bucket_for, rule_based_score
from matching.core.scoring.bucket_classifier import expected_calibration_error
from matching.core.scoring.bucket_classifier_training import fit_bucket_classifier
from matching.core.scoring.feature_types import FeatureScores
from matching.core.scoring.score_mapper import (
    BUCKET_FEATURE_NAMES,
    BUCKET_FEATURE_NAMES_WITH_AFFINITY,
    FEATURE_NAMES,
    DenseLayer,
    ScoreMapper,
    bucket_row,
    feature_row,
)

RIDGE_ALPHA = 1.0
MLP_HIDDEN = (16,)
MLP_ALPHA = 1e-2
RIDGE_WEIGHT = 0.5
CONSTANT_STD = 1e-6
NOT_ENOUGH_PAIRS = (
    "need pairs on both sides of the split; got {n_train} train and {n_test} held-out"
)

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class HeldOutDetail:
    """Held-out predictions behind the metrics (for the model card)."""

    truth: tuple[float, ...]
    groups: tuple[str, ...]
    scores: dict[str, tuple[float, ...]]
    bucket_classes: tuple[str, ...]
    bucket_probabilities: tuple[tuple[float, ...], ...]


@dataclass(frozen=True, slots=True)
class MapperTrainingResult:
    """The fitted mapper and its held-out metrics (JSON-ready dicts)."""

    mapper: ScoreMapper
    n_train: int
    n_held_out: int
    regression: dict[str, float]
    buckets: dict[str, object]
    ranking: dict[str, float]
    bucket_cross_validation: dict[str, object] | None = None
    detail: HeldOutDetail | None = None

    def to_json(self) -> dict[str, object]:
        """Metrics as printed by ``train_score_mapper --json``."""
        return {
            "n_train": self.n_train,
            "n_held_out": self.n_held_out,
            "bucket_classifier_cv": self.bucket_cross_validation,
            "held_out": {
                **self.regression,
                "bucket_classifier": self.buckets,
                "ndcg@10": self.ranking,
            },
        }


def scale_labels(labels: Sequence[float]) -> Matrix:
    """Labels mapped linearly onto 0-1 (lowest label 0, highest 1)."""
    values = np.asarray(labels, dtype=np.float64)
    span = values.max() - values.min()
    return (values - values.min()) / span if span > 0 else np.zeros_like(values)


def train_mapper(
    features: Sequence[FeatureScores],
    labels: Sequence[float],
    job_keys: Sequence[str],
    resume_keys: Sequence[str],
    *,
    version: str,
    fraction: float = HELD_OUT_FRACTION,
    occupation_affinity: Matrix | None = None,
) -> MapperTrainingResult:
    """Fit Ridge + MLP and the bucket classifier on the train split; report on the held-out one.

    ``occupation_affinity`` (one value per pair, training values cross-fitted: see
    ``occupation_affinity_training``) becomes the bucket classifier's last input.

    Raises:
        ValueError: When either side of the split is empty.
    """
    inputs = np.array([feature_row(item) for item in features])
    target = scale_labels(labels)
    train, test = split_masks(job_keys, resume_keys, fraction)
    if not train.any() or not test.any():
        raise ValueError(NOT_ENOUGH_PAIRS.format(n_train=int(train.sum()), n_test=int(test.sum())))
    train_jobs = [key for key, used in zip(job_keys, train, strict=True) if used]
    bucket_inputs = np.array([bucket_row(item) for item in features])
    names = BUCKET_FEATURE_NAMES
    if occupation_affinity is not None:
        bucket_inputs = np.column_stack([bucket_inputs, occupation_affinity])
        names = BUCKET_FEATURE_NAMES_WITH_AFFINITY
    mapper = fit_mapper(
        inputs[train],
        target[train],
        version,
        groups=train_jobs,
        bucket_inputs=bucket_inputs[train],
        bucket_feature_names=names,
    )
    predicted = mapper.predict(inputs[test])
    truth = 100.0 * target[test]
    groups = [key for key, held in zip(job_keys, test, strict=True) if held]
    rule = np.array([rule_based_score(item) for item in features])[test]
    ranking = {
        "mapper": _ndcg(predicted, truth, groups),
        "cosine": _ndcg(inputs[test, 0], truth, groups),
        "rule_based": _ndcg(rule, truth, groups),
    }
    probabilities = mapper.bucket_probabilities(bucket_inputs[test])
    detail = HeldOutDetail(
        truth=tuple(float(value) for value in truth),
        groups=tuple(groups),
        scores={
            "mapper": tuple(float(value) for value in predicted),
            "cosine": tuple(float(value) for value in inputs[test, 0]),
            "rule_based": tuple(float(value) for value in rule),
        },
        bucket_classes=tuple(mapper.bucket_classes),
        bucket_probabilities=tuple(tuple(float(p) for p in row) for row in probabilities),
    )
    return MapperTrainingResult(
        mapper,
        int(train.sum()),
        int(test.sum()),
        regression_metrics(predicted, truth),
        bucket_metrics(probabilities, mapper.bucket_classes, truth),
        ranking,
        mapper.metadata.get("bucket_classifier_cv"),
        detail=detail,
    )


def fit_mapper(
    inputs: Matrix,
    target: Matrix,
    version: str,
    *,
    groups: Sequence[str] | None = None,
    bucket_inputs: Matrix | None = None,
    bucket_feature_names: Sequence[str] = BUCKET_FEATURE_NAMES,
) -> ScoreMapper:
    """Fit the standardiser, Ridge, MLP and bucket classifier on (inputs, 0-1 target).

    ``groups`` (the job of each row) keeps a job inside one fold when cross-validation chooses
    the bucket classifier's settings; without it each row is its own group. ``bucket_inputs``
    are the classifier's ``BUCKET_FEATURE_NAMES`` rows; without them the same-domain
    probability is the hard relation (column ``domain_same``, 0.5 for related read as 0).

    Inputs that are constant in training carry no information: their weights are set to zero,
    so a value never seen in training (say, a vacancy with an experience range) cannot move the
    learned score; they still count in the rule-based score and the explanation.
    """
    mean, std = inputs.mean(axis=0), inputs.std(axis=0)
    constant = std < CONSTANT_STD
    scale = np.where(constant, 1.0, std)
    standard = (inputs - mean) / scale
    ridge = Ridge(alpha=RIDGE_ALPHA).fit(standard, target)
    mlp = MLPRegressor(
        hidden_layer_sizes=MLP_HIDDEN, alpha=MLP_ALPHA, max_iter=3000, random_state=0
    ).fit(standard, target)
    buckets = [str(bucket_for(100.0 * value)) for value in target]
    rows = [str(index) for index in range(len(target))]
    if bucket_inputs is None:
        bucket_inputs = np.column_stack([inputs, (inputs[:, 6] == 1.0).astype(np.float64)])
    bucket = fit_bucket_classifier(
        bucket_inputs, buckets, rows if groups is None else groups, bucket_feature_names
    )
    first_layer = np.where(constant[:, None], 0.0, mlp.coefs_[0])
    weights = [first_layer, *mlp.coefs_[1:]]
    return ScoreMapper(
        version=version,
        mean=mean,
        scale=scale,
        ridge_coef=np.where(constant, 0.0, ridge.coef_),
        ridge_intercept=float(ridge.intercept_),
        mlp_layers=tuple(
            DenseLayer(np.asarray(w, np.float64), np.asarray(b, np.float64))
            for w, b in zip(weights, mlp.intercepts_, strict=True)
        ),
        ridge_weight=RIDGE_WEIGHT,
        bucket_classifier=bucket.classifier,
        metadata={
            "ridge_alpha": RIDGE_ALPHA,
            "mlp_hidden": list(MLP_HIDDEN),
            "mlp_alpha": MLP_ALPHA,
            "n_train": len(target),
            "unused_features": [n for n, c in zip(FEATURE_NAMES, constant, strict=True) if c],
            "bucket_classifier_cv": bucket.cross_validation,
        },
    )


def regression_metrics(predicted: Matrix, truth: Matrix) -> dict[str, float]:
    """RMSE, MAE, R2 and Pearson correlation on the 0-100 scale."""
    errors = predicted - truth
    variance = float(np.sum((truth - truth.mean()) ** 2))
    pearson = float(np.corrcoef(predicted, truth)[0, 1]) if predicted.std() > 0 else 0.0
    return {
        "rmse": round(float(np.sqrt(np.mean(errors**2))), 4),
        "mae": round(float(np.mean(np.abs(errors))), 4),
        "r2": round(1.0 - float(np.sum(errors**2)) / variance, 4) if variance else 0.0,
        "pearson": round(pearson, 4),
    }


def bucket_metrics(
    probabilities: Matrix, classes: Sequence[str], truth: Matrix
) -> dict[str, object]:
    """Accuracy, macro-F1, expected calibration error and confusion of the bucket classifier."""
    labels = [str(bucket_for(value)) for value in truth]
    predicted = [classes[index] for index in probabilities.argmax(axis=1)]
    order = list(classes) + sorted(set(labels) - set(classes))
    confusion = np.zeros((len(order), len(order)), dtype=int)
    for true_name, predicted_name in zip(labels, predicted, strict=True):
        confusion[order.index(true_name), order.index(predicted_name)] += 1
    hits = np.diag(confusion).astype(float)
    precision = hits / np.maximum(confusion.sum(axis=0), 1)
    recall = hits / np.maximum(confusion.sum(axis=1), 1)
    denominator = np.where(precision + recall > 0, precision + recall, 1.0)
    f1s = 2 * precision * recall / denominator
    correct = np.array([t == p for t, p in zip(labels, predicted, strict=True)])
    return {
        "accuracy": round(float(correct.mean()), 4),
        "macro_f1": round(float(np.mean(f1s)), 4),
        "ece": round(expected_calibration_error(probabilities.max(axis=1), correct), 4),
        "labels": order,
        "confusion": confusion.tolist(),
    }


def _ndcg(scores: Matrix, truth: Matrix, groups: list[str]) -> float:
    result = evaluate_ranking(list(map(float, scores)), list(map(float, truth / 50.0)), groups)
    return round(result["ndcg@10"], 4)
