"""The category classifier of the occupation affinity: ``p(category | CV embedding)``.

Multinomial logistic regression over a CV embedding with numpy inference;
``fit_category_classifier`` is a plain numpy fit (no scikit-learn), and
``leave_one_out_probabilities`` gives each training CV the probabilities of a fit without it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.core.encoding.similarity import softmax

CATEGORY_CLASSIFIER_FORMAT = "fairmatch.category_classifier.v1"
DEFAULT_C = 1.0
ITERATIONS = 3000
Matrix = npt.NDArray[np.float64]

FORMAT_ERROR = "{source}: not a {expected} payload (format {found!r})"
LENGTH_ERROR = "got {n_rows} rows for {n_labels} labels"


def check_payload_format(payload: Mapping[str, Any], expected: str, source: str) -> None:
    """Raise ``ValueError`` unless ``payload`` declares the ``expected`` format."""
    found = payload.get("format")
    if found != expected:
        raise ValueError(FORMAT_ERROR.format(source=source, expected=expected, found=found))


@dataclass(frozen=True, slots=True)
class CategoryClassifier:
    """Standardise, then softmax(x @ coef.T + intercept) over ``classes``."""

    classes: tuple[str, ...]
    mean: Matrix
    scale: Matrix
    coef: Matrix
    intercept: Matrix

    def probabilities(self, vectors: npt.ArrayLike) -> Matrix:
        """``p(category | CV)`` over ``classes``, one row per embedding row."""
        inputs = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
        standard = (inputs - self.mean) / self.scale
        return softmax(standard @ self.coef.T + self.intercept)

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form, read back by ``from_json``."""
        return {
            "format": CATEGORY_CLASSIFIER_FORMAT,
            "classes": list(self.classes),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept.tolist(),
        }

    @classmethod
    def from_json(cls, payload: Mapping[str, Any], source: str = "<json>") -> CategoryClassifier:
        """Build a classifier from ``to_json`` output; ``ValueError`` on another format."""
        check_payload_format(payload, CATEGORY_CLASSIFIER_FORMAT, source)
        return cls(
            classes=tuple(str(name) for name in payload["classes"]),
            mean=np.asarray(payload["mean"], dtype=np.float64),
            scale=np.asarray(payload["scale"], dtype=np.float64),
            coef=np.asarray(payload["coef"], dtype=np.float64),
            intercept=np.asarray(payload["intercept"], dtype=np.float64),
        )


def fit_category_classifier(
    vectors: npt.ArrayLike,
    categories: Sequence[str],
    *,
    c: float = DEFAULT_C,
    iterations: int = ITERATIONS,
) -> CategoryClassifier:
    """Fit an L2 multinomial logistic regression (sklearn's ``C`` convention) by Nesterov descent.

    Minimises ``C * sum(cross-entropy) + 0.5 * ||coef||^2`` on standardised inputs; the intercept
    is not penalised. Deterministic (zero start, fixed step ``1 / Lipschitz bound``).

    Raises:
        ValueError: When rows and labels differ in number.
    """
    inputs = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
    if len(inputs) != len(categories):
        raise ValueError(LENGTH_ERROR.format(n_rows=len(inputs), n_labels=len(categories)))
    classes = tuple(sorted(set(categories)))
    targets = np.eye(len(classes))[[classes.index(name) for name in categories]]
    mean, std = inputs.mean(axis=0), inputs.std(axis=0)
    scale = np.where(std > 1e-12, std, 1.0)
    standard = np.column_stack([(inputs - mean) / scale, np.ones(len(inputs))])
    penalty = np.ones(standard.shape[1])
    penalty[-1] = 0.0
    ridge = 1.0 / (c * len(inputs))  # the objective divided by C * n
    step = 1.0 / (0.5 * np.linalg.norm(standard, 2) ** 2 / len(inputs) + ridge)
    weights = np.zeros((standard.shape[1], len(classes)))
    previous = weights
    for iteration in range(1, iterations + 1):
        look = weights + (iteration - 2) / (iteration + 1) * (weights - previous)
        error = softmax(standard @ look) - targets
        gradient = standard.T @ error / len(inputs) + ridge * penalty[:, None] * look
        previous, weights = weights, look - step * gradient
    return CategoryClassifier(classes, mean, scale, weights[:-1].T.copy(), weights[-1].copy())


def leave_one_out_probabilities(
    vectors: npt.ArrayLike, categories: Sequence[str], *, c: float = DEFAULT_C
) -> tuple[tuple[str, ...], Matrix]:
    """Each row's ``p(category)`` from a classifier fitted on all the other rows.

    Returns:
        The classes (all categories, sorted) and an ``(n, k)`` probability matrix; a category
        seen only in the left-out row gets probability 0 there.
    """
    inputs = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
    classes = tuple(sorted(set(categories)))
    result = np.zeros((len(inputs), len(classes)))
    for row in range(len(inputs)):
        keep = np.arange(len(inputs)) != row
        fitted = fit_category_classifier(
            inputs[keep], [name for index, name in enumerate(categories) if keep[index]], c=c
        )
        columns = [classes.index(name) for name in fitted.classes]
        result[row, columns] = fitted.probabilities(inputs[row])[0]
    return classes, result
