"""Fit the additive ATS score: monotone shape functions by non-negative least squares.

Each input ``x_j`` gets a ramp basis over knots ``k_0 < ... < k_m`` (quantiles of its training
values): ``phi_i(x) = clip((x - k_i) / (k_{i+1} - k_i), 0, 1)``. With non-negative coefficients
(``scipy.optimize.nnls``; the baseline is free, written as two non-negative columns) every shape
is non-decreasing and 0 at ``k_0``; a small ridge on the coefficients keeps the steps smooth.

The target of a pair is ``occupation points(label) + weak points(requirements)``:

* occupation: the labelled pairs' grade (2 same occupation, 1 same domain, 0 other) mapped to
  ``OCCUPATION_POINTS``; this is what teaches the occupation fit, cosine and window parts;
* weak: ``WEAK_POINTS`` times a power of each requirement input (required skills
  covered, years met...), the only signal inside an occupation that this data has. Weak labels
  train; they never evaluate alone (the annotators' rankings and the held-out grades do).

An input that never varies in training keeps its weak-label prior shape (it cannot be learned),
and is taken out of the target first so the baseline does not absorb it.

The fitted scorer goes through ``within_score_range``: when its lowest or highest raw sum leaves
0-100, one positive linear map brings it inside (order kept), so a strong CV never sits above the
clip where a lost requirement would cost nothing (the defect of ``ats-additive-2``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from scipy.optimize import nnls

from matching.core.scoring.additive import AdditiveScorer, ShapeFunction, within_score_range
from matching.core.scoring.inputs import INPUT_NAMES

OCCUPATION_POINTS: Mapping[int, float] = {0: 0.0, 1: 36.0, 2: 66.0}
# Points of a fully met requirement in the weak label, and the exponent of its curve over the
# share met: below 1 concave (0.35: the first required skills covered count most), above 1
# convex (years, ``years / minimum`` squared: the credit falls steeply as soon as a CV is under
# the minimum, a third of it keeps a ninth of the points). ``ats-additive-4`` raised years from
# (12, 1) and required skills from 22, chosen on the training jobs' sensitivity variants
# (docs/evaluation/matching.md, section ats-additive-4).
WEAK_POINTS: Mapping[str, tuple[float, float]] = {
    "required_skills": (24.0, 0.35),
    "preferred_skills": (4.0, 1.0),
    "years": (16.0, 2.0),
    "seniority": (3.0, 1.0),
    "skill_years": (4.0, 1.0),
    "education": (3.0, 1.0),
    "certifications": (3.0, 1.0),
}
KNOTS = 6
# Shares of a requirement met: most postings' CVs cover none or a few, so quantiles would put
# every knot at 0; fixed knots let the first skills covered count (the concave weak curve).
SHARE_INPUTS = frozenset(
    {
        "required_skills",
        "preferred_skills",
        "years",
        "seniority",
        "skill_years",
        "education",
        "certifications",
    }
)
SHARE_KNOTS = (0.05, 0.1, 0.2, 0.35, 0.5, 0.75)
RIDGE = 3.0
POSITIVE_WEIGHT = 3.0
CONSTANT_SPAN = 1e-6
LENGTH_ERROR = "got {n_rows} input rows for {n_labels} labels"

Matrix = npt.NDArray[np.float64]


def weak_points(inputs: Matrix) -> Matrix:
    """The weak label of each row: requirement points from its inputs (``WEAK_POINTS``)."""
    total = np.zeros(len(inputs))
    for name, (points, power) in WEAK_POINTS.items():
        total += points * np.clip(inputs[:, INPUT_NAMES.index(name)], 0.0, 1.0) ** power
    return total


def training_target(inputs: Matrix, labels: Sequence[float]) -> Matrix:
    """Occupation points of the grade plus the weak requirement points."""
    grades = [OCCUPATION_POINTS[int(round(label))] for label in labels]
    return np.asarray(grades, dtype=np.float64) + weak_points(inputs)


def knots_for(values: Matrix, count: int = KNOTS, name: str = "") -> tuple[float, ...]:
    """Knots of an input: fixed ones for shares (``SHARE_KNOTS``, kept where data reach),
    else distinct quantiles (``count`` at most); one value means a constant input."""
    low, high = float(values.min()), float(values.max())
    if name in SHARE_INPUTS and high > low:
        inside = [k for k in SHARE_KNOTS if low < k < high]
        return (low, *inside, high)
    quantiles = np.quantile(values, np.linspace(0.0, 1.0, count))
    return tuple(float(v) for v in np.unique(np.round(quantiles, 6)))


def ramp_basis(values: Matrix, knots: tuple[float, ...]) -> Matrix:
    """``(n, len(knots) - 1)`` ramps: column ``i`` rises from 0 at ``k_i`` to 1 at ``k_{i+1}``."""
    lows, highs = np.asarray(knots[:-1]), np.asarray(knots[1:])
    return np.clip((values[:, None] - lows) / (highs - lows), 0.0, 1.0)


def prior_shape(name: str) -> ShapeFunction:
    """The weak-label curve of a requirement input over 0-1 (for inputs constant in training)."""
    points, power = WEAK_POINTS.get(name, (0.0, 1.0))
    grid = np.linspace(0.0, 1.0, KNOTS)
    return ShapeFunction(
        name, tuple(map(float, grid)), tuple(float(points * g**power) for g in grid)
    )


def fit_additive_scorer(
    inputs: Matrix,
    target: Matrix,
    *,
    version: str,
    weights: Matrix | None = None,
    metadata: dict[str, object] | None = None,
) -> AdditiveScorer:
    """Fit baseline and monotone shapes to ``target`` (points) by weighted ridge NNLS.

    Raises:
        ValueError: When rows and targets differ in number.
    """
    if len(inputs) != len(target):
        raise ValueError(LENGTH_ERROR.format(n_rows=len(inputs), n_labels=len(target)))
    sample = np.sqrt(weights if weights is not None else np.ones(len(target)))
    residual = target.astype(np.float64).copy()
    columns: list[Matrix] = []
    plan: list[tuple[str, tuple[float, ...] | None, int]] = []  # (name, knots, width)
    for j, name in enumerate(INPUT_NAMES):
        knots: tuple[float, ...] = knots_for(inputs[:, j], name=name)
        if len(knots) < 2 or knots[-1] - knots[0] < CONSTANT_SPAN:
            residual -= prior_shape(name)(inputs[:, j])
            plan.append((name, None, 0))
            continue
        basis = ramp_basis(inputs[:, j], knots)
        columns.append(basis)
        plan.append((name, knots, basis.shape[1]))
    design = np.column_stack([*columns, np.ones(len(target)), -np.ones(len(target))])
    n_coef = design.shape[1] - 2
    penalty = np.hstack([np.sqrt(RIDGE) * np.eye(n_coef), np.zeros((n_coef, 2))])
    system = np.vstack([design * sample[:, None], penalty])
    rhs = np.concatenate([residual * sample, np.zeros(n_coef)])
    coef, _ = nnls(system, rhs, maxiter=20 * system.shape[1])
    shapes, start = [], 0
    for name, shape_knots, width in plan:
        if shape_knots is None:
            shapes.append(prior_shape(name))
            continue
        steps = coef[start : start + width]
        start += width
        values = np.concatenate([[0.0], np.cumsum(steps)])
        shapes.append(ShapeFunction(name, shape_knots, tuple(round(float(v), 4) for v in values)))
    baseline = round(float(coef[-2] - coef[-1]), 4)
    # The target can pass 100 (66 occupation points + up to 57 weak points) and the fitted
    # shapes peak independently: fit the raw sum into 0-100 so that no clip eats a part.
    return within_score_range(
        AdditiveScorer(version, baseline, tuple(shapes), dict(metadata or {}))
    )


def sample_weights(labels: Sequence[float]) -> Matrix:
    """``POSITIVE_WEIGHT`` for relevant pairs (label > 0), 1 otherwise (they are the minority)."""
    return np.where(np.asarray(labels, dtype=np.float64) > 0, POSITIVE_WEIGHT, 1.0)
