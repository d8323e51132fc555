"""The bucket classifier: a calibrated multinomial logistic model over the mapper's inputs.

It predicts the bucket a labelled pair belongs to (``not_ats_friendly``, ``weak``, ``strong``)
directly, rather than reading it off the 0-100 score. Trained with scikit-learn in
``matching.core.scoring.bucket_classifier_training``; shipped as JSON inside the score mapper's
weights
and evaluated here in numpy (no pickle, no scikit-learn at run time).

Probabilities are ``softmax((x_std @ coef.T + intercept + offsets) / temperature)``: ``offsets``
are per-class decision shifts chosen by grouped cross-validation on training jobs (they trade
precision of the frequent class for recall of the rare ones), and ``temperature`` rescales the
shifted logits so the probabilities stay calibrated; it never changes the predicted class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.core.encoding.similarity import softmax

BUCKET_CLASSIFIER_FORMAT = "fairmatch.bucket_classifier.v2"
STANDARD_CLIP = 6.0
ECE_BINS = 10
CLASSIFIER_FORMAT_ERROR = "{source}: not a FairMatch bucket classifier (format {found!r})"
CLASSIFIER_FEATURES_ERROR = "{source}: the classifier expects features {found}; got {expected}"

Matrix = npt.NDArray[np.float64]


def expected_calibration_error(
    confidence: npt.ArrayLike, correct: npt.ArrayLike, bins: int = ECE_BINS
) -> float:
    """Weighted mean |accuracy - confidence| over ``bins`` equal-width confidence bins.

    ``confidence`` is the probability of the predicted class, ``correct`` whether it was right.
    """
    values = np.asarray(confidence, dtype=np.float64)
    hits = np.asarray(correct, dtype=bool)
    if values.size == 0:
        return 0.0
    index = np.minimum((values * bins).astype(int), bins - 1)
    total = 0.0
    for member in range(bins):
        members = index == member
        if members.any():
            gap = abs(float(hits[members].mean()) - float(values[members].mean()))
            total += gap * int(members.sum()) / values.size
    return total


@dataclass(frozen=True, slots=True)
class BucketClassifier:
    """Standardise (training mean and scale, clipped to +-6), then a shifted, tempered softmax."""

    classes: tuple[str, ...]
    feature_names: tuple[str, ...]
    mean: Matrix
    scale: Matrix
    coef: Matrix
    intercept: Matrix
    offsets: Matrix
    temperature: float
    metadata: dict[str, Any]

    def logits(self, matrix: npt.ArrayLike) -> Matrix:
        """Shifted logits (before the temperature) for rows of ``feature_names`` inputs."""
        inputs = np.atleast_2d(np.asarray(matrix, dtype=np.float64))
        standard = np.clip((inputs - self.mean) / self.scale, -STANDARD_CLIP, STANDARD_CLIP)
        return np.asarray(standard @ self.coef.T + self.intercept + self.offsets, np.float64)

    def probabilities(self, matrix: npt.ArrayLike) -> Matrix:
        """Calibrated probabilities over ``classes``, one row per input row."""
        return softmax(self.logits(matrix) / self.temperature)

    def predict(self, matrix: npt.ArrayLike) -> list[str]:
        """The most probable class of each row."""
        return [self.classes[index] for index in self.logits(matrix).argmax(axis=1)]

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form, read back by ``BucketClassifier.from_json``."""
        return {
            "format": BUCKET_CLASSIFIER_FORMAT,
            "classes": list(self.classes),
            "feature_names": list(self.feature_names),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept.tolist(),
            "offsets": self.offsets.tolist(),
            "temperature": self.temperature,
            "metadata": self.metadata,
        }

    @classmethod
    def from_json(
        cls,
        payload: dict[str, Any],
        source: str = "<json>",
        expected_features: tuple[str, ...] | None = None,
    ) -> BucketClassifier:
        """Build a classifier from ``to_json`` output.

        Raises:
            ValueError: When the payload is another format, or its features differ from
                ``expected_features`` (when given).
        """
        found = payload.get("format")
        if found != BUCKET_CLASSIFIER_FORMAT:
            raise ValueError(CLASSIFIER_FORMAT_ERROR.format(source=source, found=found))
        names = tuple(payload["feature_names"])
        if expected_features is not None and names != expected_features:
            raise ValueError(
                CLASSIFIER_FEATURES_ERROR.format(
                    source=source, found=list(names), expected=list(expected_features)
                )
            )
        return cls(
            classes=tuple(str(name) for name in payload["classes"]),
            feature_names=names,
            mean=np.asarray(payload["mean"], dtype=np.float64),
            scale=np.asarray(payload["scale"], dtype=np.float64),
            coef=np.asarray(payload["coef"], dtype=np.float64),
            intercept=np.asarray(payload["intercept"], dtype=np.float64),
            offsets=np.asarray(payload["offsets"], dtype=np.float64),
            temperature=float(payload["temperature"]),
            metadata=dict(payload.get("metadata", {})),
        )
