"""Measures of the additive score that do not reuse its weak labels.

* ``read_annotations``: the two annotators' rankings of ``vacancy-resume-matching`` (for each
  CV, the 5 vacancies from best to worst: ``pos1`` is the 1-based index of the best vacancy in
  ``5_vacancies.csv``); ``annotator_agreement`` compares a scorer's order of the 5 vacancies of
  each CV with an annotator's (mean Spearman and NDCG@5, gains 4..0 by place).
* ``bucket_report``: accuracy, ECE and confusion of the buckets (``matching.core.scoring.buckets``)
  against the labels' grades ("strong" read as grade 2, same occupation; "moderate" as 1, same
  domain; lower as 0), each bucket's confidence its training precision.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from matching.core.scoring.bucket_classifier import expected_calibration_error
from matching.core.scoring.buckets import BUCKETS, GRADE_OF_BUCKET, macro_f1

ANNOTATION_ERROR = "{path}: row {row} is not cv_id, annotator, pos1..pos5"

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Annotation:
    """One annotator's order of the vacancies for one CV (vacancy ids, best first)."""

    cv_id: str
    annotator: str
    order: tuple[str, ...]


def read_annotations(folder: Path) -> tuple[dict[str, str], dict[str, str], list[Annotation]]:
    """CV texts by id, vacancy texts by id (title line first) and the annotations."""
    csv.field_size_limit(10_000_000)
    with (folder / "cvs.csv").open(encoding="utf-8") as handle:
        cvs = {row["cv_id"]: row["text"] for row in csv.DictReader(handle)}
    with (folder / "5_vacancies.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    vacancies = {
        str(i + 1): f"{r['job_title']}\n{r['job_description']}" for i, r in enumerate(rows)
    }
    annotations = []
    with (folder / "annotations_parsed.csv").open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                order = tuple(dict.fromkeys(str(int(row[f"pos{i}"])) for i in range(1, 6)))
            except (KeyError, TypeError, ValueError):
                raise ValueError(ANNOTATION_ERROR.format(path=folder, row=number)) from None
            annotations.append(Annotation(row["cv_id"], row["annotator"], order))
    return cvs, vacancies, annotations


def _ranks(values: Sequence[float]) -> Matrix:
    order = np.argsort(np.argsort(-np.asarray(values, dtype=np.float64), kind="stable"))
    return order.astype(np.float64)


def _spearman(first: Sequence[float], second: Sequence[float]) -> float:
    a, b = _ranks(first), _ranks(second)
    if a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def _ndcg(scores: Sequence[float], gains: Sequence[float]) -> float:
    discounts = 1.0 / np.log2(np.arange(2, len(gains) + 2))
    order = np.argsort(-np.asarray(scores), kind="stable")
    dcg = float(np.sum(np.asarray(gains)[order] * discounts))
    ideal = float(np.sum(np.sort(gains)[::-1] * discounts))
    return dcg / ideal if ideal else 0.0


def as_places(annotation: Annotation) -> Annotation:
    """The other reading of an array: entry ``i`` is the place of vacancy ``i`` (1-based)."""
    places = {str(i + 1): int(place) for i, place in enumerate(annotation.order)}
    order = tuple(sorted(places, key=lambda vacancy: (places[vacancy], vacancy)))
    return Annotation(annotation.cv_id, annotation.annotator, order)


def annotator_agreement(
    scores: dict[tuple[str, str], float], annotations: Sequence[Annotation]
) -> dict[str, dict[str, float]]:
    """Per annotator: mean Spearman and NDCG@5 of ``scores[(cv, vacancy)]`` per CV.

    Under each reading of the arrays (``order``: the data's own description; ``places``: see
    ``as_places``), keys ``"<annotator>/<reading>"``.
    """
    result = _agreement(scores, annotations, "order")
    return result | _agreement(scores, [as_places(a) for a in annotations], "places")


def _agreement(
    scores: dict[tuple[str, str], float], annotations: Sequence[Annotation], reading: str
) -> dict[str, dict[str, float]]:
    result: dict[str, dict[str, float]] = {}
    for annotator in sorted({item.annotator for item in annotations}):
        spearmans, ndcgs = [], []
        for item in (a for a in annotations if a.annotator == annotator):
            vacancies = sorted({vacancy for (cv, vacancy) in scores if cv == item.cv_id})
            if len(vacancies) < 2:
                continue
            place = {vacancy: rank for rank, vacancy in enumerate(item.order)}
            gains = [
                float(len(vacancies) - 1 - place.get(v, len(vacancies) - 1)) for v in vacancies
            ]
            values = [scores[(item.cv_id, v)] for v in vacancies]
            spearmans.append(_spearman(values, gains))
            ndcgs.append(_ndcg(values, gains))
        result[f"{annotator}/{reading}"] = {
            "n_cvs": float(len(spearmans)),
            "spearman": round(float(np.mean(spearmans)), 4) if spearmans else 0.0,
            "ndcg@5": round(float(np.mean(ndcgs)), 4) if ndcgs else 0.0,
        }
    return result


def bucket_report(
    buckets: Sequence[str], grades: Sequence[int], confidence: dict[str, float]
) -> dict[str, object]:
    """Accuracy, macro-F1, ECE (bucket confidence vs correct) and confusion (grade x bucket)."""
    predicted = [GRADE_OF_BUCKET[b] for b in buckets]
    correct = np.array([p == g for p, g in zip(predicted, grades, strict=True)])
    confusion = [[sum(g == grade and b == name for g, b in zip(grades, buckets, strict=True))
                  for name in BUCKETS] for grade in (2, 1, 0)]  # fmt: skip
    return {
        "n": len(grades),
        "accuracy": round(float(correct.mean()), 4) if len(correct) else 0.0,
        "macro_f1": round(macro_f1(list(grades), predicted), 4),
        "ece": round(expected_calibration_error([confidence[b] for b in buckets], correct), 4),
        "confusion_rows": ["grade 2", "grade 1", "grade 0"],
        "confusion_columns": list(BUCKETS),
        "confusion": confusion,
    }
