"""One audit over several attributes and their intersection, in the contract's JSON shape."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy.typing as npt

from fairness.core.decision_log import DecisionLog
from fairness.core.groups import INTERSECTION_SEPARATOR, FeatureColumn
from fairness.core.metrics import DEFAULT_MIN_GROUP_SIZE, scoring_report, selection_report
from fairness.core.reports import attribute_report_dict

__all__ = ["attributes_audit", "decision_log_audit"]


def attributes_audit(
    y_pred: npt.ArrayLike,
    *,
    sensitive_features: Mapping[str, FeatureColumn],
    y_true: npt.ArrayLike | None = None,
    y_score: Sequence[float] | None = None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    n_bootstrap: int = 1000,
    random_state: int | None = 0,
) -> dict[str, dict[str, Any]]:
    """Audit every named attribute alone and, when there are several, their intersection.

    Args:
        y_pred: The 0/1 outcome per row.
        sensitive_features: Attribute name to column; the intersection joins them in this order.
        y_true: Optional 0/1 ground truth, for true/false positive rates and their gaps.
        y_score: Optional score per row, for scoring rates.
        min_group_size: Groups with fewer rows are suppressed from every figure.
        n_bootstrap: Bootstrap resamples for the selection-rate intervals.
        random_state: Seed of the bootstrap.

    Returns:
        ``{attribute or "a+b": attribute_report_dict(...)}``.
    """
    scopes: dict[str, Mapping[str, FeatureColumn]] = {
        name: {name: column} for name, column in sensitive_features.items()
    }
    if len(sensitive_features) > 1:
        scopes[INTERSECTION_SEPARATOR.join(sensitive_features)] = sensitive_features
    audit: dict[str, dict[str, Any]] = {}
    for scope, columns in scopes.items():
        selection = selection_report(
            y_true,
            y_pred,
            sensitive_features=columns,
            min_group_size=min_group_size,
            n_bootstrap=n_bootstrap,
            random_state=random_state,
        )
        scoring = None
        if y_score is not None:
            scoring = scoring_report(
                y_score, sensitive_features=columns, min_group_size=min_group_size
            )
        audit[scope] = attribute_report_dict(selection, scoring)
    return audit


def decision_log_audit(
    log: DecisionLog,
    *,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    n_bootstrap: int = 1000,
    random_state: int | None = 0,
) -> dict[str, Any]:
    """Audit a decision log: ``{"n", "outcome", "min_group_size", "attributes": {...}}``.

    Args:
        log: The decision log read by ``read_decision_log``.
        min_group_size: Groups with fewer rows are suppressed from every figure.
        n_bootstrap: Bootstrap resamples for the selection-rate intervals.
        random_state: Seed of the bootstrap.

    Returns:
        The report of the ``fairness_audit --decisions`` contract.
    """
    return {
        "n": log.n,
        "outcome": log.outcome_column,
        "min_group_size": min_group_size,
        "attributes": attributes_audit(
            log.outcomes,
            sensitive_features=dict(log.attributes),
            y_true=log.truths,
            y_score=log.scores,
            min_group_size=min_group_size,
            n_bootstrap=n_bootstrap,
            random_state=random_state,
        ),
    }
