"""Train the additive score on the split's training jobs and report on its held-out jobs.

The split is the project's job split (``matching.core.evaluation.splits.split_indices``: the same
held-out jobs as every other trained model). The shipped score is the one fitted on training
jobs only, so every held-out figure describes the weights that ship. "today" is the previous
score, ``100 * (0.8 * domain agreement + 0.2 * scaled cosine)``, from the same inputs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from matching.core.evaluation.evaluation import evaluate_ranking
from matching.core.evaluation.splits import split_indices
from matching.core.scoring.additive import AdditiveScorer
from matching.core.scoring.additive_evaluation import bucket_report
from matching.core.scoring.additive_training import (
    fit_additive_scorer,
    sample_weights,
    training_target,
)
from matching.core.scoring.buckets import bucket_confidence, fit_bucket_rule
from matching.core.scoring.inputs import INPUT_NAMES

Matrix = npt.NDArray[np.float64]
SEMANTIC_LOW, SEMANTIC_HIGH, DOMAIN_WEIGHT = 0.1, 0.6, 0.8


def previous_scores(inputs: Matrix) -> Matrix:
    """The score before the additive one (``pipeline._combine``) from the same inputs."""
    domain = inputs[:, INPUT_NAMES.index("occupation_fit")]
    cosine = inputs[:, INPUT_NAMES.index("cosine")]
    scaled = np.clip((cosine - SEMANTIC_LOW) / (SEMANTIC_HIGH - SEMANTIC_LOW), 0.0, 1.0)
    return np.asarray(100.0 * (DOMAIN_WEIGHT * domain + (1 - DOMAIN_WEIGHT) * scaled))


def _ranking(scores: Matrix, labels: Matrix, groups: Sequence[str]) -> dict[str, float]:
    metrics = evaluate_ranking([float(s) for s in scores], [float(v) for v in labels], groups)
    return {name: round(value, 4) for name, value in metrics.items()}


def train_additive(
    inputs: Matrix, labels: Sequence[float], job_ids: Sequence[str], *, version: str
) -> tuple[AdditiveScorer, dict[str, object]]:
    """Fit on training jobs, calibrate the bucket rule there, and measure on held-out jobs.

    Returns:
        The scorer (bucket edges and gates in its metadata) and the report (JSON-ready).
    """
    grades = np.asarray(labels, dtype=np.float64)
    train, test = split_indices(list(job_ids))
    target = training_target(inputs, grades.tolist())
    metadata: dict[str, object] = {
        "n_train_pairs": len(train),
        "n_train_jobs": len({job_ids[i] for i in train}),
        "held_out_jobs": sorted({job_ids[i] for i in test}),
    }
    scorer = fit_additive_scorer(
        inputs[train],
        target[train],
        version=version,
        weights=sample_weights(grades[train].tolist()),
    )
    train_scores = scorer.scores(inputs[train])
    train_grades = [int(round(g)) for g in grades[train]]
    # Requirement gates off: on the eval pairs they lowered the held-out share of grade-2 pairs
    # among "strong" (0.34 -> 0.23, docs/evaluation/matching.md "Buckets and requirements").
    rule = fit_bucket_rule(
        train_scores.tolist(), inputs[train], train_grades, skills_gate=0.0, years_gate=0.0
    )
    confidence = bucket_confidence(rule.buckets(train_scores.tolist(), inputs[train]), train_grades)
    metadata |= rule.to_metadata() | {"bucket_confidence": confidence}
    scorer = AdditiveScorer(
        scorer.version, scorer.baseline, scorer.shapes, scorer.metadata | metadata
    )
    held = scorer.scores(inputs[test])
    groups = [job_ids[i] for i in test]
    report: dict[str, object] = {
        "n_train": len(train),
        "n_held_out": len(test),
        "n_held_out_jobs": len(set(groups)),
        "held_out": {
            "additive": _ranking(held, grades[test], groups),
            "previous": _ranking(previous_scores(inputs[test]), grades[test], groups),
        },
        "training": {
            "additive": _ranking(train_scores, grades[train], [job_ids[i] for i in train]),
        },
        "buckets_held_out": bucket_report(
            rule.buckets(held.tolist(), inputs[test]),
            [int(round(g)) for g in grades[test]],
            confidence,
        ),
        **rule.to_metadata(),
        "baseline": scorer.baseline,
        "max_points": {shape.name: shape.span for shape in scorer.shapes},
    }
    return scorer, report
