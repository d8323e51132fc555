"""Score buckets from the score and, for "strong", gates on the score's inputs.

A score alone cannot say "same occupation with the requirements met": a same-domain CV with
many shared skills can score as high as one of the same occupation. So a ``BucketRule`` has,
beside its score edges (strong, moderate, weak), gates that a "strong" pair must also reach:

* ``occupation_match`` (graded ESCO fit: 1 same occupation, 0.8 same ISCO unit group, 0.6 same
  minor group, 0.4 same domain, times the occupations' relative confidence), its gate fitted on
  training pairs whose label 2 means "same occupation";
* ``required_skills`` and ``years``, whose gates say what "met" means (``SKILLS_MET``: half of
  the required skills; ``YEARS_MET``: the stated minimum reached, or none asked).

A pair above the strong edge that misses a gate is "moderate"; ``strong_gaps`` names the gates
it missed, for the why panel. Below the strong edge the score's edges alone decide. Without
inputs (a recruiter's override score) only the edges apply. A scorer that ships no gates
(``bucket_gates`` absent) buckets by its edges alone, as before this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.core.scoring.inputs import INPUT_NAMES

BUCKETS = ("strong", "moderate", "weak", "not_ats_friendly")
GRADE_OF_BUCKET = {"strong": 2, "moderate": 1, "weak": 0, "not_ats_friendly": 0}
DEFAULT_EDGES = (80.0, 60.0, 40.0)
SKILLS_MET = 0.5
YEARS_MET = 1.0
GATE_LABELS = {
    "occupation_match": "the CV's occupation is not the vacancy's (ESCO occupation or ISCO group)",
    "required_skills": "fewer than half of the required skills are shown",
    "years": "the required years of experience are not shown",
}
STRONG_GRID = tuple(float(v) for v in range(50, 96))
MODERATE_GRID = tuple(float(v) for v in range(25, 80))
OCCUPATION_GRID = tuple(round(0.05 * step, 2) for step in range(0, 21))
WEAK_GAP = 15.0
# Float slack: an input computed as exactly 1.0 may come back as 0.9999999 from arithmetic.
SLACK = 1e-9


@dataclass(frozen=True, slots=True)
class BucketRule:
    """Score edges (strong, moderate, weak) and the input gates a strong pair must reach."""

    edges: tuple[float, float, float] = DEFAULT_EDGES
    gates: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        unknown = [name for name, _ in self.gates if name not in INPUT_NAMES]
        if unknown:
            raise ValueError(f"bucket gates name unknown score inputs: {', '.join(unknown)}")

    def strong_gaps(self, inputs: Sequence[float]) -> tuple[str, ...]:
        """The gates that ``inputs`` (one row in ``INPUT_NAMES`` order) does not reach."""
        return tuple(
            name
            for name, gate in self.gates
            if float(inputs[INPUT_NAMES.index(name)]) < gate - SLACK
        )

    def bucket(self, score: float, inputs: Sequence[float] | None = None) -> str:
        """The bucket of one pair (an edge belongs to the bucket above it)."""
        strong, moderate, weak = self.edges
        if score >= strong:
            if inputs is None or not self.strong_gaps(inputs):
                return "strong"
            return "moderate"
        if score >= moderate:
            return "moderate"
        return "weak" if score >= weak else "not_ats_friendly"

    def buckets(self, scores: Sequence[float], rows: Any) -> list[str]:
        """The bucket of each (score, input row)."""
        return [self.bucket(float(s), row) for s, row in zip(scores, rows, strict=True)]

    def to_metadata(self) -> dict[str, Any]:
        """The scorer metadata entries: ``bucket_edges`` and ``bucket_gates``."""
        return {"bucket_edges": list(self.edges), "bucket_gates": dict(self.gates)}

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, Any] | None) -> BucketRule:
        """The rule a scorer ships (edges 80 / 60 / 40 and no gates when it ships none)."""
        metadata = metadata or {}
        edges = metadata.get("bucket_edges") or DEFAULT_EDGES
        strong, moderate, weak = (float(value) for value in edges)
        gates = tuple((str(k), float(v)) for k, v in (metadata.get("bucket_gates") or {}).items())
        return cls((strong, moderate, weak), gates)


def macro_f1(truth: npt.ArrayLike, predicted: npt.ArrayLike) -> float:
    """Mean F1 over grades 0, 1 and 2 of the bucket's grade against the label's."""
    truth_array, predicted_array = np.asarray(truth), np.asarray(predicted)
    total = 0.0
    for grade in (0, 1, 2):
        hits = np.count_nonzero((truth_array == grade) & (predicted_array == grade))
        size = np.count_nonzero(truth_array == grade) + np.count_nonzero(predicted_array == grade)
        total += 2.0 * hits / size if size else 0.0
    return total / 3.0


def fit_bucket_rule(
    scores: Sequence[float],
    rows: Any,
    grades: Sequence[int],
    *,
    skills_gate: float = SKILLS_MET,
    years_gate: float = YEARS_MET,
) -> BucketRule:
    """Edges and occupation gate with the best training macro-F1 (requirement gates fixed).

    Args:
        scores: the training pairs' 0-100 scores.
        rows: their input rows (``INPUT_NAMES`` order).
        grades: their labels (2 same occupation, 1 same domain, 0 other).
    """
    values = np.asarray(scores, dtype=np.float64)
    matrix = np.asarray(rows, dtype=np.float64).reshape(len(values), len(INPUT_NAMES))
    truth = np.asarray(grades, dtype=np.int64)
    met = (matrix[:, INPUT_NAMES.index("required_skills")] >= skills_gate - SLACK) & (
        matrix[:, INPUT_NAMES.index("years")] >= years_gate - SLACK
    )
    occupation = matrix[:, INPUT_NAMES.index("occupation_match")]
    best, chosen = -1.0, (DEFAULT_EDGES[0], DEFAULT_EDGES[1], 0.0)
    for gate in OCCUPATION_GRID:
        gated = met & (occupation >= gate - SLACK)
        for strong in STRONG_GRID:
            is_strong = gated & (values >= strong)
            for moderate in (m for m in MODERATE_GRID if m < strong):
                predicted = np.where(is_strong, 2, np.where(values >= moderate, 1, 0))
                f1 = macro_f1(truth, predicted)
                if f1 > best + 1e-12:
                    best, chosen = f1, (strong, moderate, gate)
    strong, moderate, gate = chosen
    gates = (("occupation_match", gate), ("required_skills", skills_gate), ("years", years_gate))
    return BucketRule((strong, moderate, max(moderate - WEAK_GAP, 0.0)), gates)


def bucket_confidence(buckets: Sequence[str], grades: Sequence[int]) -> dict[str, float]:
    """Each bucket's precision on these pairs: the share whose label is the bucket's grade."""
    result = {}
    for name in BUCKETS:
        members = [g for b, g in zip(buckets, grades, strict=True) if b == name]
        hits = sum(g == GRADE_OF_BUCKET[name] for g in members)
        result[name] = round(hits / len(members), 4) if members else 0.5
    return result
