"""Train the pair classifier at beta = 0 and at the chosen beta; report both on a held-out split.

The split is stratified by class and stable (hash of each pair id), so every class is on both
sides and the same pairs are held out on every run.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from fairness.training.classifier import (
    FairTrainingConfig,
    IntArray,
    Matrix,
    held_out_report,
    predict_proba,
    train_pair_classifier,
)
from matching.core.evaluation.splits import held_out_score

MIN_PAIRS = 10
MIN_PER_CLASS = 2
TOO_FEW_PAIRS = (
    "too few labelled pairs: {n} with class counts {counts} (need at least {minimum}, with "
    "{per_class} of each class); record more hired/rejected outcomes or run seed_demo"
)
DEFAULT_FRACTION = 0.3


def check_enough(labels: IntArray, n_classes: int) -> None:
    """Raise ``ValueError`` (one line) when the pairs cannot be split and trained on."""
    counts = np.bincount(labels, minlength=n_classes).tolist() if len(labels) else []
    if len(labels) < MIN_PAIRS or min(counts, default=0) < MIN_PER_CLASS:
        raise ValueError(
            TOO_FEW_PAIRS.format(
                n=len(labels), counts=counts, minimum=MIN_PAIRS, per_class=MIN_PER_CLASS
            )
        )


def stratified_split(
    ids: Sequence[str], labels: IntArray, fraction: float = DEFAULT_FRACTION
) -> tuple[IntArray, IntArray]:
    """Indices of training and held-out pairs: in each class the lowest-hash ``fraction``."""
    train: list[int] = []
    test: list[int] = []
    for label in sorted(set(labels.tolist())):
        members = sorted(
            (index for index in range(len(ids)) if labels[index] == label),
            key=lambda index: held_out_score(ids[index]),
        )
        size = min(len(members) - 1, max(1, math.ceil(fraction * len(members))))
        test += members[:size]
        train += members[size:]
    return np.array(sorted(train), dtype=np.int64), np.array(sorted(test), dtype=np.int64)


def group_ids(values: Sequence[str | None]) -> tuple[IntArray, list[str]]:
    """Integer group of each value (sorted names), -1 for unknown (``None``)."""
    names = sorted({value for value in values if value is not None})
    index = {name: position for position, name in enumerate(names)}
    ids = [index[value] if value is not None else -1 for value in values]
    return np.array(ids, dtype=np.int64), names


@dataclass(frozen=True, slots=True)
class HeldOutPredictions:
    """The held-out rows (indices into the inputs) and each beta's class probabilities."""

    test: IntArray
    probabilities: dict[float, npt.NDArray[np.float64]]


def compare_betas(
    inputs: Matrix,
    labels: IntArray,
    groups: IntArray,
    ids: Sequence[str],
    config: FairTrainingConfig,
    *,
    fraction: float = DEFAULT_FRACTION,
    sweep: Sequence[float] = (),
) -> dict[str, Any]:
    """The report of ``compare_betas_with_predictions`` alone."""
    report, _ = compare_betas_with_predictions(
        inputs, labels, groups, ids, config, fraction=fraction, sweep=sweep
    )
    return report


def compare_betas_with_predictions(
    inputs: Matrix,
    labels: IntArray,
    groups: IntArray,
    ids: Sequence[str],
    config: FairTrainingConfig,
    *,
    fraction: float = DEFAULT_FRACTION,
    sweep: Sequence[float] = (),
) -> tuple[dict[str, Any], HeldOutPredictions]:
    """Train at beta = 0 and at ``config.beta`` on the same split; report both on held-out pairs.

    Args:
        inputs: ``pair_inputs`` rows.
        labels: Class of each pair.
        groups: Sensitive group id of each pair (-1 unknown).
        ids: Pair ids (the split hashes them).
        config: Training settings; ``config.beta`` is the "fair" run.
        fraction: Share of each class held out.
        sweep: Further betas, reported under ``"sweep"`` (the utility/fairness trade-off).

    Returns:
        ``{"baseline": {...}, "fair": {...}}`` (and ``"sweep": [...]``) with split sizes, and
        the held-out class probabilities of every beta (for the model card).

    Raises:
        ValueError: When there are too few labelled pairs.
    """
    check_enough(labels, config.n_classes)
    train, test = stratified_split(ids, labels, fraction)
    probabilities: dict[float, npt.NDArray[np.float64]] = {}

    def run(beta: float) -> dict[str, float]:
        settings = dataclasses.replace(config, beta=beta)
        model = train_pair_classifier(inputs[train], labels[train], groups[train], settings)
        report = held_out_report(model, inputs[test], labels[test], groups[test], settings)
        probabilities[beta] = predict_proba(model, inputs[test], settings)
        return {"beta": beta, **report}

    result: dict[str, Any] = {
        "constraint": config.constraint,
        "n_classes": config.n_classes,
        "n_train": len(train),
        "n_test": len(test),
        "baseline": run(0.0),
        "fair": run(config.beta),
    }
    if sweep:
        result["sweep"] = [run(beta) for beta in sweep]
    return result, HeldOutPredictions(test, probabilities)
