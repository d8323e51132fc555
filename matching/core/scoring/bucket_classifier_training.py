"""Fit the bucket classifier with scikit-learn, choosing everything by grouped cross-validation.

Only training pairs are seen here. Folds group pairs by job, so a job's pairs never sit on both
sides of a fold. Cross-validation picks, by out-of-fold macro-F1: the regularisation ``C``, the
class weighting (none or balanced) and per-class decision offsets on the logits; then one
temperature is fitted to the out-of-fold shifted logits (least negative log-likelihood), so the
shipped probabilities are calibrated for the decision actually made. The final model is refitted
on all training pairs. Every step is deterministic (fixed fold assignment, lbfgs).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression

from matching.core.encoding.similarity import softmax
from matching.core.evaluation.splits import FOLDS, fold_of_groups
from matching.core.scoring.bucket_classifier import (
    BucketClassifier,
    expected_calibration_error,
)

C_GRID = (0.1, 1.0, 10.0)
CLASS_WEIGHTS: tuple[str | None, ...] = (None, "balanced")
OFFSET_GRID = (-1.0, -0.5, 0.0, 0.5, 1.0, 1.5)
TEMPERATURE_GRID = tuple(float(t) for t in np.exp(np.linspace(np.log(0.25), np.log(4.0), 81)))
MAX_ITER = 5000
CONSTANT_STD = 1e-6
ONE_CLASS = "need at least two buckets in the training pairs; got {found}"

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class BucketTrainingResult:
    """The fitted classifier and what cross-validation chose (JSON-ready)."""

    classifier: BucketClassifier
    cross_validation: dict[str, object]


def macro_f1(truth: Sequence[int] | npt.NDArray[np.int_], predicted: npt.NDArray[np.int_]) -> float:
    """Unweighted mean F1 over the classes present in ``truth`` or ``predicted``."""
    truth_array = np.asarray(truth)
    scores = []
    for label in np.union1d(truth_array, predicted):
        hits = float(np.sum((truth_array == label) & (predicted == label)))
        denominator = float(np.sum(truth_array == label) + np.sum(predicted == label))
        scores.append(2.0 * hits / denominator if denominator else 0.0)
    return float(np.mean(scores))


def _standardiser(inputs: Matrix) -> tuple[Matrix, Matrix, npt.NDArray[np.bool_]]:
    mean, std = inputs.mean(axis=0), inputs.std(axis=0)
    constant = std < CONSTANT_STD
    return mean, np.where(constant, 1.0, std), constant


def _fit(
    inputs: Matrix, labels: npt.NDArray[np.int_], c: float, weight: str | None
) -> tuple[LogisticRegression, Matrix, Matrix, npt.NDArray[np.bool_]]:
    mean, scale, constant = _standardiser(inputs)
    model = LogisticRegression(C=c, class_weight=weight, max_iter=MAX_ITER)
    model.fit((inputs - mean) / scale, labels)
    return model, mean, scale, constant


def _out_of_fold_logits(
    inputs: Matrix,
    labels: npt.NDArray[np.int_],
    folds: npt.NDArray[np.int_],
    c: float,
    weight: str | None,
    n_classes: int,
) -> Matrix:
    logits = np.zeros((len(labels), n_classes))
    for fold in np.unique(folds):
        fit_rows, test_rows = folds != fold, folds == fold
        model, mean, scale, _ = _fit(inputs[fit_rows], labels[fit_rows], c, weight)
        raw = model.decision_function((inputs[test_rows] - mean) / scale)
        block = np.full((int(test_rows.sum()), n_classes), -1e9)
        block[:, model.classes_] = raw if raw.ndim == 2 else np.column_stack([-raw / 2, raw / 2])
        logits[test_rows] = block
    return logits


def _best_offsets(
    logits: Matrix, labels: npt.NDArray[np.int_], majority: int
) -> tuple[Matrix, float]:
    """Offsets (majority class fixed at 0) maximising macro-F1; ties go to the smallest shift."""
    n_classes = logits.shape[1]
    best = (np.zeros(n_classes), macro_f1(labels, logits.argmax(axis=1)))
    others = [index for index in range(n_classes) if index != majority]
    candidates = sorted(
        itertools.product(OFFSET_GRID, repeat=len(others)), key=lambda c: sum(map(abs, c))
    )
    for combo in candidates:
        offsets = np.zeros(n_classes)
        offsets[others] = combo
        score = macro_f1(labels, (logits + offsets).argmax(axis=1))
        if score > best[1] + 1e-12:
            best = (offsets, score)
    return best


def _best_temperature(logits: Matrix, labels: npt.NDArray[np.int_]) -> float:
    rows = np.arange(len(labels))
    losses = [-np.mean(np.log(softmax(logits / t)[rows, labels] + 1e-12)) for t in TEMPERATURE_GRID]
    return TEMPERATURE_GRID[int(np.argmin(losses))]


def fit_bucket_classifier(
    inputs: Matrix,
    buckets: Sequence[str],
    groups: Sequence[str],
    feature_names: Sequence[str],
    *,
    seed: int = 0,
) -> BucketTrainingResult:
    """Choose C, class weights, offsets and temperature by grouped CV; refit on all rows.

    Args:
        inputs: One row of ``feature_names`` values per training pair.
        buckets: The bucket name of each pair.
        groups: The CV group of each pair (its job key): a group never spans two folds.
        feature_names: Names of the input columns, kept in the JSON.
        seed: Shuffles the groups into folds.

    Raises:
        ValueError: When the training pairs hold fewer than two buckets.
    """
    classes = tuple(sorted(set(buckets)))
    if len(classes) < 2:
        raise ValueError(ONE_CLASS.format(found=list(classes)))
    labels = np.array([classes.index(name) for name in buckets])
    folds = fold_of_groups(groups, min(FOLDS, len(set(groups))), seed)
    majority = int(np.bincount(labels).argmax())
    scores: dict[str, float] = {}
    best: tuple[float, float, str | None, Matrix, Matrix] | None = None
    for c, weight in itertools.product(C_GRID, CLASS_WEIGHTS):
        logits = _out_of_fold_logits(inputs, labels, folds, c, weight, len(classes))
        offsets, score = _best_offsets(logits, labels, majority)
        scores[f"C={c:g},class_weight={weight or 'none'}"] = round(score, 4)
        if best is None or score > best[0] + 1e-12:
            best = (score, c, weight, offsets, logits)
    if best is None:  # unreachable: the grids are not empty
        raise ValueError(ONE_CLASS.format(found=list(classes)))
    score, c, weight, offsets, logits = best
    temperature = _best_temperature(logits + offsets, labels)
    calibrated = softmax((logits + offsets) / temperature)
    correct = calibrated.argmax(axis=1) == labels
    model, mean, scale, constant = _fit(inputs, labels, c, weight)
    coef = model.coef_ if len(classes) > 2 else np.vstack([-model.coef_[0] / 2, model.coef_[0] / 2])
    intercept = (
        model.intercept_
        if len(classes) > 2
        else np.array([-model.intercept_[0] / 2, model.intercept_[0] / 2])
    )
    classifier = BucketClassifier(
        classes=classes,
        feature_names=tuple(feature_names),
        mean=mean,
        scale=scale,
        coef=np.where(constant[None, :], 0.0, coef),
        intercept=np.asarray(intercept, dtype=np.float64),
        offsets=offsets,
        temperature=temperature,
        metadata={
            "model": "multinomial logistic regression",
            "C": c,
            "class_weight": weight or "none",
            "folds": int(len(np.unique(folds))),
            "n_train": len(labels),
            "unused_features": [n for n, k in zip(feature_names, constant, strict=True) if k],
        },
    )
    report: dict[str, object] = {
        "macro_f1_by_setting": scores,
        "chosen": {"C": c, "class_weight": weight or "none", "offsets": offsets.tolist()},
        "cv_macro_f1": round(score, 4),
        "cv_accuracy": round(float(correct.mean()), 4),
        "cv_ece": round(expected_calibration_error(calibrated.max(axis=1), correct), 4),
        "temperature": round(temperature, 4),
    }
    return BucketTrainingResult(classifier, report)
