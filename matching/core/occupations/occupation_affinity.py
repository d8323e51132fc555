"""Supervised occupation affinity: how often a CV's category and a posting's SOC code are "strong".

The evaluation labels call a pair ``strong`` when the posting's O*NET occupation is one the CV's
category is about, so a table of (category, SOC code) -> rate of strong pairs, learnt from
training pairs, reads that relation directly. Three parts, each learnt from training data only
and stored as JSON:

* ``CategoryClassifier``: multinomial logistic regression over a CV embedding, giving
  ``p(category | CV)`` (numpy inference; ``fit_category_classifier`` is a plain numpy fit);
* ``AffinityTable``: per category, the smoothed rate of strong pairs at each SOC prefix length
  (``levels``, most specific first, e.g. 10 "15-1252.00", 5 "15-12", 2 "15"), each level shrunk
  towards the next coarser one and the coarsest towards the global prior (additive smoothing
  ``(strong + alpha * parent) / (pairs + alpha)``), so an unseen code backs off level by level;
* ``affinity_input``: ``sum_c p(c | CV) * affinity(c, posting codes)``, the mean affinity over the
  posting's codes (the prior when the posting has none).

Posting codes come from ``onet_titles.OnetTitleIndex.posting_codes``: the SOC codes of the same
longest O*NET title match that steadies a posting's domain.
Pure Python and numpy: no Django, no scikit-learn.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.core.occupations.category_classifier import (
    LENGTH_ERROR,
    CategoryClassifier,
    Matrix,
    check_payload_format,
)
from matching.core.occupations.category_prototypes import (
    PROTOTYPE_CLASSIFIER_FORMAT,
    PrototypeCategoryClassifier,
)

AFFINITY_TABLE_FORMAT = "fairmatch.occupation_affinity.v1"
# SOC prefix lengths: O*NET code "15-1252.00", minor group "15-12", major group "15".
FULL_LEVELS: tuple[int, ...] = (10, 5, 2)
BROAD_LEVELS: tuple[int, ...] = (5, 2)
DEFAULT_ALPHA = 1.0
AFFINITY_WEIGHTS_NAME = "occupation_affinity.json"

LEVELS_ERROR = "levels must be distinct and most specific first, got {levels}"


@dataclass(frozen=True, slots=True)
class AffinityTable:
    """Per category and SOC prefix: (strong weight, pair weight); see the module docstring."""

    levels: tuple[int, ...]
    alpha: float
    prior: float
    counts: Mapping[str, Mapping[str, tuple[float, float]]]

    def code_affinity(self, category: str, code: str) -> float:
        """Smoothed rate of strong pairs for ``category`` and one SOC ``code``."""
        cells = self.counts.get(category, {})
        estimate = self.prior
        for length in reversed(self.levels):
            strong, total = cells.get(code[:length], (0.0, 0.0))
            estimate = (strong + self.alpha * estimate) / (total + self.alpha)
        return estimate

    def affinity(self, category: str, codes: Iterable[str]) -> float:
        """Mean ``code_affinity`` over a posting's codes; the prior when it has none."""
        values = [self.code_affinity(category, code) for code in sorted(codes)]
        return float(np.mean(values)) if values else self.prior

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form, read back by ``from_json``."""
        return {
            "format": AFFINITY_TABLE_FORMAT,
            "levels": list(self.levels),
            "alpha": self.alpha,
            "prior": self.prior,
            "counts": {
                category: {key: list(cell) for key, cell in cells.items()}
                for category, cells in self.counts.items()
            },
        }

    @classmethod
    def from_json(cls, payload: Mapping[str, Any], source: str = "<json>") -> AffinityTable:
        """Build a table from ``to_json`` output; ``ValueError`` on another format."""
        check_payload_format(payload, AFFINITY_TABLE_FORMAT, source)
        return cls(
            levels=tuple(int(length) for length in payload["levels"]),
            alpha=float(payload["alpha"]),
            prior=float(payload["prior"]),
            counts={
                str(category): {
                    str(key): (float(cell[0]), float(cell[1])) for key, cell in cells.items()
                }
                for category, cells in payload["counts"].items()
            },
        )


def fit_affinity_table(
    categories: Sequence[str],
    posting_codes: Sequence[Iterable[str]],
    strong: Sequence[bool],
    *,
    levels: tuple[int, ...] = FULL_LEVELS,
    alpha: float = DEFAULT_ALPHA,
) -> AffinityTable:
    """Count strong pairs per (category, SOC prefix) over the given (training) pairs.

    A posting with ``k`` codes adds ``1 / k`` of its pair to each code's prefixes (a prefix shared
    by several of its codes is counted once per code). The prior is the strong rate of all pairs.

    Raises:
        ValueError: When the inputs differ in length or ``levels`` is not strictly decreasing.
    """
    if not len(categories) == len(posting_codes) == len(strong):
        raise ValueError(LENGTH_ERROR.format(n_rows=len(posting_codes), n_labels=len(strong)))
    if list(levels) != sorted(set(levels), reverse=True):
        raise ValueError(LEVELS_ERROR.format(levels=levels))
    cells: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for category, codes, is_strong in zip(categories, posting_codes, strong, strict=True):
        distinct = sorted(set(codes))
        for code in distinct:
            for length in levels:
                cell = cells[category][code[:length]]
                cell[0] += float(is_strong) / len(distinct)
                cell[1] += 1.0 / len(distinct)
    prior = float(np.mean(np.asarray(strong, dtype=np.float64))) if len(strong) else 0.0
    counts = {
        category: {key: (cell[0], cell[1]) for key, cell in by_key.items()}
        for category, by_key in cells.items()
    }
    return AffinityTable(tuple(levels), alpha, prior, counts)


def affinity_input(
    probabilities: npt.ArrayLike,
    classes: Sequence[str],
    posting_codes: Sequence[Iterable[str]],
    table: AffinityTable,
) -> Matrix:
    """``sum_c p(c | CV) * table.affinity(c, codes)`` for each pair (row of ``probabilities``).

    Raises:
        ValueError: When rows and postings differ in number.
    """
    matrix = np.atleast_2d(np.asarray(probabilities, dtype=np.float64))
    if len(matrix) != len(posting_codes):
        raise ValueError(LENGTH_ERROR.format(n_rows=len(matrix), n_labels=len(posting_codes)))
    cache: dict[frozenset[str], Matrix] = {}
    values = np.zeros(len(matrix))
    for row, codes in enumerate(posting_codes):
        key = frozenset(codes)
        if key not in cache:
            cache[key] = np.array([table.affinity(name, key) for name in classes])
        values[row] = float(matrix[row] @ cache[key])
    return values


@dataclass(frozen=True, slots=True)
class OccupationAffinity:
    """The category classifier and the affinity table, shipped together as one JSON file."""

    classifier: CategoryClassifier | PrototypeCategoryClassifier
    table: AffinityTable

    def inputs(self, vectors: npt.ArrayLike, posting_codes: Sequence[Iterable[str]]) -> Matrix:
        """The affinity input of each (CV embedding, posting codes) pair."""
        probabilities = self.classifier.probabilities(vectors)
        return affinity_input(probabilities, self.classifier.classes, posting_codes, self.table)


def save_occupation_affinity(model: OccupationAffinity, path: Path) -> None:
    """Write ``model`` as JSON (classifier and table under their own keys)."""
    payload = {"classifier": model.classifier.to_json(), "table": model.table.to_json()}
    path.write_text(json.dumps(payload), encoding="utf-8")


def load_occupation_affinity(path: Path) -> OccupationAffinity:
    """Read a file written by ``save_occupation_affinity``; ``ValueError`` on another format."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    classifier_payload = payload["classifier"]
    classifier: CategoryClassifier | PrototypeCategoryClassifier
    if classifier_payload.get("format") == PROTOTYPE_CLASSIFIER_FORMAT:
        classifier = PrototypeCategoryClassifier.from_json(classifier_payload, str(path))
    else:
        classifier = CategoryClassifier.from_json(classifier_payload, str(path))
    return OccupationAffinity(classifier, AffinityTable.from_json(payload["table"], str(path)))
