"""FairMatch's learned ATS score: a baseline plus one monotone shape function per input.

``score = baseline + sum_j f_j(x_j)`` (then held inside 0-100), where every ``f_j`` is a
non-decreasing piecewise-linear function with ``f_j(lowest knot) = 0``: more of an input never
lowers the score. The explanation is exact: each contribution is ``f_j(x_j)`` in points, and
when the raw sum leaves 0-100 one more part, ``bounds``, says by how much it was held in, so the
parts shown always add up to the score shown (each rounded to 0.01, the score is the sum of the
rounded parts). Fitted by ``matching.core.scoring.additive_training``; shipped as JSON in
``matching/weights/ats_score.json`` and evaluated here in numpy (no pickle, no scikit-learn).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.core.scoring.buckets import BucketRule
from matching.core.scoring.inputs import INPUT_LABELS, INPUT_NAMES

WEIGHTS_DIR = Path(__file__).resolve().parents[2] / "weights"
DEFAULT_SCORER_PATH = WEIGHTS_DIR / "ats_score.json"
SCORER_FORMAT = "fairmatch.additive_score.v1"
BOUNDS_PART = "bounds"
SCORE_MIN, SCORE_MAX = 0.0, 100.0

FORMAT_ERROR = "{source}: not a FairMatch additive score (format {found!r})"
INPUTS_ERROR = "{source}: the score reads inputs {found}; this code computes {expected}"
SHAPE_ERROR = "shape {name}: knots must rise and values never fall, starting at 0"
WIDTH_ERROR = "got rows of {found} inputs; the score reads {expected}"

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ShapeFunction:
    """A non-decreasing piecewise-linear function of one input (flat outside its knots)."""

    name: str
    knots: tuple[float, ...]
    values: tuple[float, ...]

    def __post_init__(self) -> None:
        knots, values = np.asarray(self.knots), np.asarray(self.values)
        rising = len(knots) >= 2 and bool(np.all(np.diff(knots) > 0))
        monotone = len(values) == len(knots) and bool(np.all(np.diff(values) >= 0))
        if not (rising and monotone and values[0] == 0.0):
            raise ValueError(SHAPE_ERROR.format(name=self.name))

    def __call__(self, values: npt.ArrayLike) -> Matrix:
        """Points for each input value."""
        return np.interp(np.asarray(values, dtype=np.float64), self.knots, self.values)

    @property
    def span(self) -> float:
        """The most points this input can add."""
        return float(self.values[-1])


@dataclass(frozen=True, slots=True)
class Contribution:
    """One part of a score: the input's value and the points it adds."""

    name: str
    label: str
    value: float
    points: float
    max_points: float

    def to_json(self) -> dict[str, Any]:
        """JSON form (what the API and the why panel show)."""
        return {
            "name": self.name,
            "label": self.label,
            "value": round(self.value, 4),
            "points": self.points,
            "max_points": self.max_points,
        }


@dataclass(frozen=True, slots=True)
class ScoreBreakdown:
    """A score with its baseline and parts; ``score == baseline + sum(points)`` to 0.01."""

    score: float
    baseline: float
    contributions: tuple[Contribution, ...]
    version: str

    @property
    def total(self) -> float:
        """Baseline plus every part (equals ``score`` up to float rounding)."""
        return round(self.baseline + sum(part.points for part in self.contributions), 2)

    def points(self, name: str) -> float:
        """The points of the part called ``name`` (0 when absent)."""
        return next((part.points for part in self.contributions if part.name == name), 0.0)

    def to_json(self) -> dict[str, Any]:
        """JSON form: ``{"score", "baseline", "version", "contributions": [...]}``."""
        return {
            "score": self.score,
            "baseline": self.baseline,
            "version": self.version,
            "contributions": [part.to_json() for part in self.contributions],
        }


@dataclass(frozen=True, slots=True)
class AdditiveScorer:
    """Baseline plus monotone shape functions, one per name of ``INPUT_NAMES``."""

    version: str
    baseline: float
    shapes: tuple[ShapeFunction, ...]
    metadata: dict[str, Any] = field(default_factory=dict)

    def raw_parts(self, matrix: npt.ArrayLike) -> Matrix:
        """``(n, len(INPUT_NAMES))`` points of every input of every row (before the bounds)."""
        inputs = np.atleast_2d(np.asarray(matrix, dtype=np.float64))
        if inputs.shape[1] != len(self.shapes):
            raise ValueError(WIDTH_ERROR.format(found=inputs.shape[1], expected=len(self.shapes)))
        return np.column_stack([shape(inputs[:, j]) for j, shape in enumerate(self.shapes)])

    def parts(self, matrix: npt.ArrayLike) -> Matrix:
        """Rounded points per input plus a last ``bounds`` column; rows sum to the score."""
        parts = np.round(self.raw_parts(matrix), 2)
        raw = self.baseline + parts.sum(axis=1)
        bounds = np.round(np.clip(raw, SCORE_MIN, SCORE_MAX) - raw, 2)
        return np.column_stack([parts, bounds])

    def scores(self, matrix: npt.ArrayLike) -> Matrix:
        """0-100 scores: the baseline plus the rounded parts (the same figures as shown)."""
        return np.round(self.baseline + self.parts(matrix).sum(axis=1), 2)

    def breakdowns(self, matrix: npt.ArrayLike) -> list[ScoreBreakdown]:
        """The explained score of every row."""
        inputs = np.atleast_2d(np.asarray(matrix, dtype=np.float64))
        parts = self.parts(inputs)
        results = []
        for row, values in zip(inputs, parts, strict=True):
            contributions = [
                Contribution(name, INPUT_LABELS[name], float(x), float(p), shape.span)
                for name, x, p, shape in zip(INPUT_NAMES, row, values, self.shapes, strict=False)
            ]
            if values[-1] != 0.0:
                contributions.append(
                    Contribution(BOUNDS_PART, INPUT_LABELS[BOUNDS_PART], 0.0, float(values[-1]), 0)
                )
            score = round(self.baseline + float(values.sum()), 2)
            results.append(ScoreBreakdown(score, self.baseline, tuple(contributions), self.version))
        return results

    def gain(self, name: str, current: float, target: float = 1.0) -> float:
        """Points the score would gain if input ``name`` went from ``current`` to ``target``."""
        shape = self.shapes[INPUT_NAMES.index(name)]
        return round(float(shape(target) - shape(current)), 2)

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form, read back by ``from_json``."""
        return {
            "format": SCORER_FORMAT,
            "version": self.version,
            "input_names": list(INPUT_NAMES),
            "baseline": self.baseline,
            "shapes": [
                {"name": s.name, "knots": list(s.knots), "values": list(s.values)}
                for s in self.shapes
            ],
            "metadata": self.metadata,
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any], source: str = "<json>") -> AdditiveScorer:
        """Build a scorer from ``to_json`` output.

        Raises:
            ValueError: On another format, other inputs or a shape that is not monotone.
        """
        found = payload.get("format")
        if found != SCORER_FORMAT:
            raise ValueError(FORMAT_ERROR.format(source=source, found=found))
        if tuple(payload["input_names"]) != INPUT_NAMES:
            raise ValueError(
                INPUTS_ERROR.format(
                    source=source, found=payload["input_names"], expected=list(INPUT_NAMES)
                )
            )
        shapes = tuple(
            ShapeFunction(
                str(item["name"]),
                tuple(float(v) for v in item["knots"]),
                tuple(float(v) for v in item["values"]),
            )
            for item in payload["shapes"]
        )
        return cls(
            version=str(payload["version"]),
            baseline=float(payload["baseline"]),
            shapes=shapes,
            metadata=dict(payload.get("metadata", {})),
        )


def _floor_hundredth(value: float) -> float:
    return math.floor(value * 100.0) / 100.0


def within_score_range(scorer: AdditiveScorer, *, version: str | None = None) -> AdditiveScorer:
    """The same scorer under one positive linear map of its raw sum, so that it spans 0-100
    at most: the baseline (every part 0) is at least 0 and the baseline plus every part's
    most points is at most 100, so no clip ever eats a part's change.

    With ``low = clip(baseline, 0, 100)`` and ``high = min(baseline + sum of spans, 100)``,
    every shape is multiplied by ``scale = (high - low) / sum of spans`` and the baseline
    becomes ``low``: a score ``s`` becomes ``low + scale * (s - baseline)``, so the order of
    any two pairs (NDCG, AUC) is kept, and the bucket edges of ``metadata`` go through the same
    map, so every pair keeps its bucket. Shape values are rounded down to 0.01 points (a pair
    moves by a few hundredths at most, ties aside), so even the parts rounded for display never
    add up beyond 100 (no ``bounds`` part at the top). A scorer already inside 0-100 is
    returned unchanged (but for ``version``).
    """
    name = version or scorer.version
    span = sum(shape.span for shape in scorer.shapes)
    low = min(max(scorer.baseline, SCORE_MIN), SCORE_MAX)
    high = min(scorer.baseline + span, SCORE_MAX)
    if span <= 0.0 or (scorer.baseline >= SCORE_MIN and scorer.baseline + span <= SCORE_MAX):
        return AdditiveScorer(name, scorer.baseline, scorer.shapes, dict(scorer.metadata))
    # A hair below the exact ratio: floating sums of the rounded-down spans stay <= high.
    scale = (high - low) / span * (1.0 - 1e-12)
    shapes = tuple(
        ShapeFunction(
            shape.name,
            shape.knots,
            tuple(_floor_hundredth(scale * value) for value in shape.values),
        )
        for shape in scorer.shapes
    )
    metadata = dict(scorer.metadata)
    if metadata.get("bucket_edges"):
        metadata["bucket_edges"] = [
            round(low + scale * (float(edge) - scorer.baseline), 2)
            for edge in metadata["bucket_edges"]
        ]
    metadata["rescaled"] = {
        "from_version": scorer.version,
        "scale": round(scale, 8),
        "from_baseline": scorer.baseline,
        "raw_max_before": round(scorer.baseline + span, 4),
        "rule": "score = baseline + scale * (previous score - from_baseline)",
    }
    return AdditiveScorer(name, round(low, 4), shapes, metadata)


def max_score(scorer: AdditiveScorer) -> float:
    """The highest raw sum the scorer can reach: baseline plus every shape's most points."""
    return scorer.baseline + sum(shape.span for shape in scorer.shapes)


def save_additive_scorer(scorer: AdditiveScorer, path: Path) -> None:
    """Write ``scorer`` as JSON (parent folders are created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(scorer.to_json(), indent=1) + "\n", encoding="utf-8")


def load_additive_scorer(path: Path) -> AdditiveScorer:
    """Load a scorer from JSON (``FileNotFoundError``, ``ValueError`` as ``from_json``)."""
    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    return AdditiveScorer.from_json(payload, source=str(path))


@lru_cache(maxsize=1)
def load_default_scorer() -> AdditiveScorer | None:
    """The shipped additive score, or ``None`` when no weights ship (the formula is used)."""
    if not DEFAULT_SCORER_PATH.is_file():
        return None
    return load_additive_scorer(DEFAULT_SCORER_PATH)


def bucket_edges(scorer: AdditiveScorer | None) -> tuple[float, float, float]:
    """(strong, moderate, weak) edges: the scorer's calibrated ones, else 80 / 60 / 40."""
    return bucket_rule(scorer).edges


def bucket_rule(scorer: AdditiveScorer | None) -> BucketRule:
    """The scorer's bucket rule: its edges and the gates a strong pair must reach."""
    return BucketRule.from_metadata(scorer.metadata if scorer is not None else None)


def score_bucket(
    score: float, scorer: AdditiveScorer | None, inputs: Sequence[float] | None = None
) -> str:
    """The bucket of a pair under ``bucket_rule(scorer)`` (``matching.core.scoring.buckets``):
    the score's edges, and for "strong" the gates on ``inputs`` when they are known."""
    return bucket_rule(scorer).bucket(score, inputs)
