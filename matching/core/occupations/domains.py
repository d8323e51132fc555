"""The 13 professional domains, their compatibility table and the embedding classifier.

The classifier is a multinomial logistic regression over L2-normalised text embeddings. It is
trained with scikit-learn (see ``matching.core.occupations.domain_training``), exported to JSON and
evaluated
here with numpy only, so no pickle is ever loaded. The trained weights ship in
``matching/weights/domain_classifier.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

WEIGHTS_DIR = Path(__file__).resolve().parents[2] / "weights"
DEFAULT_CLASSIFIER_PATH = WEIGHTS_DIR / "domain_classifier.json"
CLASSIFIER_FORMAT = "fairmatch.domain_classifier.v1"
PARTIAL_COMPATIBILITY = 0.5

UNKNOWN_DOMAIN_ERROR = "unknown domain {domain!r}; expected one of: {expected}"
CLASSIFIER_FORMAT_ERROR = "{path}: not a FairMatch domain classifier (format {found!r})"
CLASSIFIER_SHAPE_ERROR = "embeddings have dimension {found}; the classifier expects {expected}"


class Domain(StrEnum):
    """The contract's 13 professional domain keys."""

    TECHNOLOGY = "technology"
    HEALTHCARE = "healthcare"
    FINANCE = "finance"
    EDUCATION = "education"
    LEGAL = "legal"
    MARKETING_SALES = "marketing_sales"
    MANUFACTURING_OPERATIONS = "manufacturing_operations"
    DESIGN = "design"
    RETAIL_HOSPITALITY = "retail_hospitality"
    CONSTRUCTION_REAL_ESTATE = "construction_real_estate"
    HUMAN_RESOURCES = "human_resources"
    MEDIA_ENTERTAINMENT = "media_entertainment"
    GOVERNMENT_NONPROFIT = "government_nonprofit"


DOMAIN_KEYS: tuple[str, ...] = tuple(domain.value for domain in Domain)

_D = Domain
RELATED_DOMAINS: frozenset[frozenset[Domain]] = frozenset(
    frozenset(pair)
    for pair in (
        (_D.MARKETING_SALES, _D.DESIGN),
        (_D.MARKETING_SALES, _D.MEDIA_ENTERTAINMENT),
        (_D.MARKETING_SALES, _D.RETAIL_HOSPITALITY),
        (_D.DESIGN, _D.TECHNOLOGY),
        (_D.DESIGN, _D.MEDIA_ENTERTAINMENT),
        (_D.DESIGN, _D.CONSTRUCTION_REAL_ESTATE),
        (_D.HEALTHCARE, _D.EDUCATION),
        (_D.HEALTHCARE, _D.GOVERNMENT_NONPROFIT),
        (_D.EDUCATION, _D.GOVERNMENT_NONPROFIT),
        (_D.FINANCE, _D.LEGAL),
        (_D.LEGAL, _D.GOVERNMENT_NONPROFIT),
        (_D.LEGAL, _D.HUMAN_RESOURCES),
        (_D.HUMAN_RESOURCES, _D.GOVERNMENT_NONPROFIT),
        (_D.TECHNOLOGY, _D.MANUFACTURING_OPERATIONS),
        (_D.MANUFACTURING_OPERATIONS, _D.CONSTRUCTION_REAL_ESTATE),
    )
)


def parse_domain(value: str) -> Domain:
    """Return the ``Domain`` for a key, raising ``ValueError`` with the valid keys otherwise."""
    try:
        return Domain(value)
    except ValueError:
        raise ValueError(
            UNKNOWN_DOMAIN_ERROR.format(domain=value, expected=", ".join(DOMAIN_KEYS))
        ) from None


def domain_compatibility(first: str, second: str) -> float:
    """Compatibility of two domains: 1.0 when equal, 0.5 when related, else 0.0.

    Args:
        first: A domain key.
        second: Another domain key.

    Returns:
        The compatibility in [0, 1]; the table is symmetric.

    Raises:
        ValueError: If a key is not one of the 13 domains.
    """
    left, right = parse_domain(first), parse_domain(second)
    if left == right:
        return 1.0
    return PARTIAL_COMPATIBILITY if frozenset((left, right)) in RELATED_DOMAINS else 0.0


def compatibility_matrix() -> npt.NDArray[np.float64]:
    """The 13 x 13 compatibility table in ``DOMAIN_KEYS`` order."""
    return np.array([[domain_compatibility(a, b) for b in DOMAIN_KEYS] for a in DOMAIN_KEYS])


def soft_compatibility(
    first: npt.NDArray[np.float64], second: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Expected compatibility of two domain distributions, row by row: ``p1 @ C @ p2``.

    Args:
        first: Probabilities over ``DOMAIN_KEYS``, shape (n, 13).
        second: Probabilities over ``DOMAIN_KEYS``, shape (n, 13).

    Returns:
        Shape (n,) values in [0, 1].
    """
    return np.einsum("ij,jk,ik->i", first, compatibility_matrix(), second)


class TextEncoder(Protocol):
    """Anything that turns texts into L2-normalised embeddings of shape (n, dimension)."""

    def encode(self, texts: list[str]) -> npt.NDArray[np.float32]: ...


@dataclass(frozen=True, slots=True)
class DomainPrediction:
    """One text's predicted domain, its probability and the full distribution."""

    domain: str
    confidence: float
    probabilities: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class DomainClassifier:
    """A linear softmax classifier over embeddings, evaluated with numpy."""

    labels: tuple[str, ...]
    coef: npt.NDArray[np.float64]
    intercept: npt.NDArray[np.float64]
    model_id: str
    metadata: dict[str, Any]

    def predict_proba(self, embeddings: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
        """Probabilities over ``labels`` for each row of ``embeddings``."""
        matrix = np.atleast_2d(np.asarray(embeddings, dtype=np.float64))
        if matrix.shape[1] != self.coef.shape[1]:
            raise ValueError(
                CLASSIFIER_SHAPE_ERROR.format(found=matrix.shape[1], expected=self.coef.shape[1])
            )
        logits = matrix @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        return weights / weights.sum(axis=1, keepdims=True)

    def domain_probabilities(
        self, embeddings: npt.NDArray[np.floating[Any]]
    ) -> npt.NDArray[np.float64]:
        """Probabilities re-ordered to ``DOMAIN_KEYS`` (0 for a domain the model never saw)."""
        proba = self.predict_proba(embeddings)
        full = np.zeros((proba.shape[0], len(DOMAIN_KEYS)))
        for column, label in enumerate(self.labels):
            full[:, DOMAIN_KEYS.index(label)] = proba[:, column]
        return full

    def predict(self, embeddings: npt.NDArray[np.floating[Any]]) -> list[DomainPrediction]:
        """The most probable domain of each row, with its confidence and the distribution."""
        full = self.domain_probabilities(embeddings)
        best = full.argmax(axis=1)
        return [
            DomainPrediction(DOMAIN_KEYS[int(index)], float(row[index]), tuple(map(float, row)))
            for index, row in zip(best, full, strict=True)
        ]

    def classify_texts(self, texts: list[str], encoder: TextEncoder) -> list[DomainPrediction]:
        """Encode ``texts`` with ``encoder`` (the model the weights were trained on) and predict."""
        return self.predict(encoder.encode(texts))

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form, read back by ``DomainClassifier.from_json``."""
        return {
            "format": CLASSIFIER_FORMAT,
            "model_id": self.model_id,
            "labels": list(self.labels),
            "coef": np.round(self.coef, 6).tolist(),
            "intercept": np.round(self.intercept, 6).tolist(),
            "metadata": self.metadata,
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any], source: str = "<json>") -> DomainClassifier:
        """Build a classifier from ``to_json`` output; ``source`` names it in errors."""
        found = payload.get("format")
        if found != CLASSIFIER_FORMAT:
            raise ValueError(CLASSIFIER_FORMAT_ERROR.format(path=source, found=found))
        for label in payload["labels"]:
            parse_domain(label)
        return cls(
            labels=tuple(payload["labels"]),
            coef=np.asarray(payload["coef"], dtype=np.float64),
            intercept=np.asarray(payload["intercept"], dtype=np.float64),
            model_id=str(payload["model_id"]),
            metadata=dict(payload.get("metadata", {})),
        )


def save_domain_classifier(classifier: DomainClassifier, path: Path) -> None:
    """Write ``classifier`` as JSON to ``path`` (parent folders are created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(classifier.to_json(), separators=(",", ":")), encoding="utf-8")


@lru_cache(maxsize=4)
def load_domain_classifier(path: Path = DEFAULT_CLASSIFIER_PATH) -> DomainClassifier:
    """Load a classifier from JSON (the shipped weights by default), cached per path.

    Raises:
        FileNotFoundError: If ``path`` does not exist.
        ValueError: If the file is not a FairMatch domain classifier.
    """
    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    return DomainClassifier.from_json(payload, source=str(path))
