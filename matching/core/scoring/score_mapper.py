"""Learned 0-100 score from the feature scores: a Ridge + MLP ensemble evaluated in numpy.

The mapper is trained with scikit-learn (``matching.core.scoring.score_mapper_training``), exported
to
JSON and shipped in ``matching/weights/score_mapper.json``; nothing is unpickled. Inputs are the
named features of ``FEATURE_NAMES`` (cosine with its square and cube, as the seed did, the title
and ESCO-standardised cosines, domain compatibility and the rule-based feature scores), each
standardised with the training mean and scale. A multinomial bucket classifier over the same
inputs ships alongside.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.core.occupations.domains import WEIGHTS_DIR
from matching.core.scoring.bucket_classifier import BucketClassifier
from matching.core.scoring.feature_types import FeatureScores

DEFAULT_MAPPER_PATH = WEIGHTS_DIR / "score_mapper.json"
MAPPER_FORMAT = "fairmatch.score_mapper.v1"
FEATURE_NAMES: tuple[str, ...] = (
    "cosine",
    "cosine_squared",
    "cosine_cubed",
    "title_cosine",
    "standardised_cosine",
    "domain",
    "domain_same",
    "skill_required",
    "skill_preferred",
    "keywords",
    "formatting",
    "experience",
)
# The bucket classifier reads the mapper's inputs plus the same-domain probability (grouped CV
# on training jobs: macro-F1 0.56 -> 0.64 with it; see docs/evaluation/score_mapper.md).
BUCKET_FEATURE_NAMES: tuple[str, ...] = (*FEATURE_NAMES, "domain_same_probability")
# Optionally one more: the supervised occupation affinity
# (matching.core.occupations.occupation_affinity),
# read from the CV embedding and the posting's O*NET codes, outside ``FeatureScores``.
OCCUPATION_AFFINITY_FEATURE = "occupation_affinity"
BUCKET_FEATURE_NAMES_WITH_AFFINITY: tuple[str, ...] = (
    *BUCKET_FEATURE_NAMES,
    OCCUPATION_AFFINITY_FEATURE,
)
BUCKET_FEATURE_SETS = (BUCKET_FEATURE_NAMES, BUCKET_FEATURE_NAMES_WITH_AFFINITY)
STANDARD_CLIP = 6.0
DOMAIN_RELATION_VALUES = {"same": 1.0, "related": 0.5, "different": 0.0, "unknown": 0.5}

MAPPER_FORMAT_ERROR = "{path}: not a FairMatch score mapper (format {found!r})"
MAPPER_FEATURES_ERROR = "{path}: the mapper expects features {found}; this code computes {expected}"
BUCKET_FEATURES_ERROR = (
    "{path}: the bucket classifier reads {found}; this code computes one of {expected}"
)
AFFINITY_MISSING = "this bucket classifier reads the occupation affinity: pass occupation_affinity"

Matrix = npt.NDArray[np.float64]


def feature_row(features: FeatureScores) -> Matrix:
    """The mapper's input vector for one pair, in ``FEATURE_NAMES`` order (scores as 0-1)."""
    semantic = features.semantic
    cosine = semantic.cosine
    title = semantic.title_cosine if semantic.title_cosine is not None else cosine
    standardised = semantic.standardised_cosine
    return np.array(
        [
            cosine,
            cosine**2,
            cosine**3,
            title,
            standardised if standardised is not None else cosine,
            features.domain.score / 100.0,
            DOMAIN_RELATION_VALUES[features.domain.relation],
            features.skill_match_required.score / 100.0,
            features.skill_match_preferred.score / 100.0,
            features.keyword_match.score / 100.0,
            features.formatting.score / 100.0,
            features.experience.score / 100.0,
        ],
        dtype=np.float64,
    )


def bucket_row(features: FeatureScores) -> Matrix:
    """The bucket classifier's input vector for one pair, in ``BUCKET_FEATURE_NAMES`` order.

    Without both domain distributions the same-domain probability falls back to the hard
    relation (1 same, 0.5 unknown, 0 otherwise).
    """
    domain = features.domain
    same = domain.same_probability
    if same is None:
        same = {"same": 1.0, "unknown": 0.5}.get(domain.relation, 0.0)
    return np.append(feature_row(features), same)


@dataclass(frozen=True, slots=True)
class DenseLayer:
    """One fully connected layer: ``inputs @ weights + bias``."""

    weights: Matrix
    bias: Matrix


@dataclass(frozen=True, slots=True)
class ScoreMapper:
    """Standardise, then average a Ridge and a ReLU MLP; clip to 0-100."""

    version: str
    mean: Matrix
    scale: Matrix
    ridge_coef: Matrix
    ridge_intercept: float
    mlp_layers: tuple[DenseLayer, ...]
    ridge_weight: float
    bucket_classifier: BucketClassifier
    metadata: dict[str, Any]

    @property
    def bucket_classes(self) -> tuple[str, ...]:
        """The buckets the bucket classifier predicts, in its probability order."""
        return self.bucket_classifier.classes

    def _standardise(self, matrix: npt.ArrayLike) -> Matrix:
        """Standardise with the training statistics, clipped to +-6 (no wild extrapolation)."""
        inputs = np.atleast_2d(np.asarray(matrix, dtype=np.float64))
        return np.clip((inputs - self.mean) / self.scale, -STANDARD_CLIP, STANDARD_CLIP)

    def predict(self, matrix: npt.ArrayLike) -> Matrix:
        """0-100 scores for rows of ``FEATURE_NAMES`` inputs."""
        inputs = self._standardise(matrix)
        ridge = inputs @ self.ridge_coef + self.ridge_intercept
        hidden = inputs
        for layer in self.mlp_layers[:-1]:
            hidden = np.maximum(hidden @ layer.weights + layer.bias, 0.0)
        last = self.mlp_layers[-1]
        mlp = (hidden @ last.weights + last.bias)[:, 0]
        blended = self.ridge_weight * ridge + (1.0 - self.ridge_weight) * mlp
        return np.clip(100.0 * blended, 0.0, 100.0)

    def predict_features(self, features: FeatureScores) -> float:
        """The 0-100 score of one pair."""
        return float(self.predict(feature_row(features))[0])

    def bucket_probabilities(self, matrix: npt.ArrayLike) -> Matrix:
        """Calibrated probabilities over ``bucket_classes`` for rows of ``BUCKET_FEATURE_NAMES``.

        A v1 classifier reads only the leading ``FEATURE_NAMES`` columns.
        """
        inputs = np.atleast_2d(np.asarray(matrix, dtype=np.float64))
        return self.bucket_classifier.probabilities(
            inputs[:, : len(self.bucket_classifier.feature_names)]
        )

    @property
    def reads_occupation_affinity(self) -> bool:
        """Whether the bucket classifier takes the occupation affinity as its last input."""
        return OCCUPATION_AFFINITY_FEATURE in self.bucket_classifier.feature_names

    def predict_bucket_features(
        self, features: FeatureScores, occupation_affinity: float | None = None
    ) -> tuple[str, float]:
        """The bucket classifier's bucket for one pair and its calibrated probability.

        Raises:
            ValueError: When the classifier reads the occupation affinity and none is given.
        """
        row = bucket_row(features)
        if self.reads_occupation_affinity:
            if occupation_affinity is None:
                raise ValueError(AFFINITY_MISSING)
            row = np.append(row, occupation_affinity)
        probabilities = self.bucket_probabilities(row)[0]
        best = int(probabilities.argmax())
        return self.bucket_classes[best], float(probabilities[best])

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form, read back by ``ScoreMapper.from_json``."""
        return {
            "format": MAPPER_FORMAT,
            "version": self.version,
            "feature_names": list(FEATURE_NAMES),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "ridge": {"coef": self.ridge_coef.tolist(), "intercept": self.ridge_intercept},
            "mlp": [
                {"weights": layer.weights.tolist(), "bias": layer.bias.tolist()}
                for layer in self.mlp_layers
            ],
            "ridge_weight": self.ridge_weight,
            "bucket_classifier": self.bucket_classifier.to_json(),
            "metadata": self.metadata,
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any], source: str = "<json>") -> ScoreMapper:
        """Build a mapper from ``to_json`` output; ``source`` names it in errors."""
        found = payload.get("format")
        if found != MAPPER_FORMAT:
            raise ValueError(MAPPER_FORMAT_ERROR.format(path=source, found=found))
        if tuple(payload["feature_names"]) != FEATURE_NAMES:
            raise ValueError(
                MAPPER_FEATURES_ERROR.format(
                    path=source, found=payload["feature_names"], expected=list(FEATURE_NAMES)
                )
            )
        mean = np.asarray(payload["mean"], dtype=np.float64)
        scale = np.asarray(payload["scale"], dtype=np.float64)
        bucket = _bucket_classifier(payload["bucket_classifier"], mean, scale, source)
        return cls(
            version=str(payload["version"]),
            mean=mean,
            scale=scale,
            ridge_coef=np.asarray(payload["ridge"]["coef"], dtype=np.float64),
            ridge_intercept=float(payload["ridge"]["intercept"]),
            mlp_layers=tuple(
                DenseLayer(
                    np.asarray(row["weights"], np.float64), np.asarray(row["bias"], np.float64)
                )
                for row in payload["mlp"]
            ),
            ridge_weight=float(payload["ridge_weight"]),
            bucket_classifier=bucket,
            metadata=dict(payload.get("metadata", {})),
        )


def _bucket_classifier(
    payload: dict[str, Any], mean: Matrix, scale: Matrix, source: str
) -> BucketClassifier:
    """The bucket classifier; the v1 layout (bare logistic weights on the mapper's own
    standardisation, no offsets or temperature) still loads."""
    if "format" in payload:
        classifier = BucketClassifier.from_json(payload, source)
        if classifier.feature_names not in BUCKET_FEATURE_SETS:
            raise ValueError(
                BUCKET_FEATURES_ERROR.format(
                    path=source,
                    found=list(classifier.feature_names),
                    expected=[list(names) for names in BUCKET_FEATURE_SETS],
                )
            )
        return classifier
    classes = tuple(str(name) for name in payload["classes"])
    return BucketClassifier(
        classes=classes,
        feature_names=FEATURE_NAMES,
        mean=mean,
        scale=scale,
        coef=np.asarray(payload["coef"], dtype=np.float64),
        intercept=np.asarray(payload["intercept"], dtype=np.float64),
        offsets=np.zeros(len(classes)),
        temperature=1.0,
        metadata={"format": "v1"},
    )


def _layer(row: dict[str, Any]) -> DenseLayer:
    return DenseLayer(np.asarray(row["weights"], np.float64), np.asarray(row["bias"], np.float64))


def save_score_mapper(mapper: ScoreMapper, path: Path) -> None:
    """Write ``mapper`` as JSON to ``path`` (parent folders are created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(mapper.to_json(), separators=(",", ":")), encoding="utf-8")


def load_score_mapper(path: Path) -> ScoreMapper:
    """Load a mapper from JSON.

    Raises:
        FileNotFoundError: If ``path`` does not exist.
        ValueError: If the file is not a FairMatch score mapper for these features.
    """
    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    return ScoreMapper.from_json(payload, source=str(path))


@lru_cache(maxsize=1)
def load_default_mapper() -> ScoreMapper | None:
    """The shipped mapper, or ``None`` when no weights ship (scoring then uses the formula)."""
    if not DEFAULT_MAPPER_PATH.is_file():
        return None
    return load_score_mapper(DEFAULT_MAPPER_PATH)
