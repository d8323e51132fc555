"""Ranking metrics for graded relevance: per job at k, averaged over jobs, plus global ones.

Labels are graded (0 = no fit, 1 = potential fit, 2 = good fit). Gains are ``2**grade - 1``.
Labels on a 0-100 scale (any label above 10) are turned into grades 0-4 (``label / 25``) for the
gains, and a pair counts as relevant when its label is above the median label; otherwise a pair
is relevant when its label is above 0. Jobs without any relevant resume carry no ranking signal
and are left out of the per-job averages.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from matching.core.types import LabelledPair

NO_PAIRS = "No pairs to evaluate."
LENGTH_MISMATCH = "scores ({n_scores}) and labels ({n_labels}) differ in length."
PER_QUERY_METRICS = ("ndcg", "mrr", "map", "err", "precision", "recall", "accuracy")
GRADED_LABEL_MAX = 10.0
SCORE_LABEL_STEP = 25.0


@dataclass(frozen=True, slots=True)
class QueryMetrics:
    """Metrics at k for one job's ranked resumes."""

    ndcg: float
    mrr: float
    map: float
    err: float
    precision: float
    recall: float
    accuracy: float


def graded(labels: Sequence[float]) -> list[float]:
    """Grades used for gains: the labels, or ``label / 25`` when labels are 0-100 scores."""
    if labels and max(labels) > GRADED_LABEL_MAX:
        return [label / SCORE_LABEL_STEP for label in labels]
    return [float(label) for label in labels]


def relevance_threshold(labels: Sequence[float]) -> float:
    """Labels above this value count as relevant: 0, or the median for 0-100 scores."""
    if labels and max(labels) > GRADED_LABEL_MAX:
        return float(np.median(np.asarray(labels, dtype=np.float64)))
    return 0.0


def rank_order(scores: Sequence[float]) -> list[int]:
    """Indices by descending score; ties keep the input order (stable, reproducible)."""
    return sorted(range(len(scores)), key=lambda index: -scores[index])


def query_metrics(
    scores: Sequence[float], grades: Sequence[float], *, k: int, threshold: float, max_grade: float
) -> QueryMetrics:
    """Compute every per-query metric at ``k`` for one job.

    Args:
        scores: Model scores of the job's resumes.
        grades: Graded relevance of the same resumes.
        k: Cut-off.
        threshold: Grades above it are relevant (binary metrics).
        max_grade: Highest grade in the data set (ERR's normaliser).

    Returns:
        The seven metrics at ``k``.
    """
    ranked = [grades[index] for index in rank_order(scores)][:k]
    relevant = [grade > threshold for grade in ranked]
    n_relevant = sum(grade > threshold for grade in grades)
    ideal = sorted(grades, reverse=True)[:k]
    idcg = _dcg(ideal)
    first_hit = next((rank for rank, hit in enumerate(relevant, start=1) if hit), None)
    return QueryMetrics(
        ndcg=_dcg(ranked) / idcg if idcg > 0 else 0.0,
        mrr=1.0 / first_hit if first_hit else 0.0,
        map=_average_precision(relevant, n_relevant, k),
        err=_err(ranked, max_grade),
        precision=sum(relevant) / k,
        recall=sum(relevant) / n_relevant if n_relevant else 0.0,
        accuracy=1.0 if first_hit else 0.0,
    )


def _dcg(grades: Sequence[float]) -> float:
    return sum((2.0**grade - 1.0) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def _average_precision(relevant: Sequence[bool], n_relevant: int, k: int) -> float:
    if n_relevant == 0:
        return 0.0
    hits = 0
    total = 0.0
    for rank, hit in enumerate(relevant, start=1):
        if hit:
            hits += 1
            total += hits / rank
    return total / min(n_relevant, k)


def _err(grades: Sequence[float], max_grade: float) -> float:
    """Expected reciprocal rank (Chapelle et al., 2009)."""
    not_stopped = 1.0
    total = 0.0
    for rank, grade in enumerate(grades, start=1):
        stop = (2.0**grade - 1.0) / 2.0**max_grade if max_grade > 0 else 0.0
        total += not_stopped * stop / rank
        not_stopped *= 1.0 - stop
    return total


def evaluate_ranking(
    scores: Sequence[float], labels: Sequence[float], groups: Sequence[str], *, k: int = 10
) -> dict[str, float]:
    """Rank each group's pairs by score and average the metrics over groups.

    Args:
        scores: One model score per pair.
        labels: One graded label per pair.
        groups: The job each pair belongs to.
        k: Cut-off for the per-job metrics.

    Returns:
        The contract's keys: ``ndcg@K``, ``mrr@K``, ``map@K``, ``err@K`` (K the actual k),
        ``precision@k``, ``recall@k``, ``accuracy@k``, ``spearman`` and ``auc`` over all pairs.

    Raises:
        ValueError: When there are no pairs or the sequences differ in length.
    """
    if not scores:
        raise ValueError(NO_PAIRS)
    if len(scores) != len(labels) or len(labels) != len(groups):
        raise ValueError(LENGTH_MISMATCH.format(n_scores=len(scores), n_labels=len(labels)))
    grades = graded(labels)
    threshold = relevance_threshold(labels) / (SCORE_LABEL_STEP if max(labels) > 10 else 1.0)
    per_query = _per_group(scores, grades, groups, k=k, threshold=threshold)
    averaged = _average(per_query)
    result = {f"{name}@{k}": averaged[name] for name in ("ndcg", "mrr", "map", "err")}
    result |= {f"{name}@k": averaged[name] for name in ("precision", "recall", "accuracy")}
    relevant = [grade > threshold for grade in grades]
    result["spearman"] = _spearman(scores, labels)
    result["auc"] = _auc(relevant, scores)
    return result


def _per_group(
    scores: Sequence[float],
    grades: Sequence[float],
    groups: Sequence[str],
    *,
    k: int,
    threshold: float,
) -> list[QueryMetrics]:
    members: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    max_grade = max(grades)
    results = []
    for indices in members.values():
        group_grades = [grades[index] for index in indices]
        if not any(grade > threshold for grade in group_grades):
            continue
        group_scores = [scores[index] for index in indices]
        results.append(
            query_metrics(group_scores, group_grades, k=k, threshold=threshold, max_grade=max_grade)
        )
    return results


def _average(per_query: Sequence[QueryMetrics]) -> Mapping[str, float]:
    if not per_query:
        return dict.fromkeys(PER_QUERY_METRICS, 0.0)
    return {
        name: float(np.mean([getattr(metrics, name) for metrics in per_query]))
        for name in PER_QUERY_METRICS
    }


def _spearman(scores: Sequence[float], labels: Sequence[float]) -> float:
    if len(set(scores)) < 2 or len(set(labels)) < 2:
        return 0.0
    return float(spearmanr(scores, labels).statistic)


def _auc(relevant: Sequence[bool], scores: Sequence[float]) -> float:
    if len(set(relevant)) < 2:
        return 0.5
    return float(roc_auc_score(relevant, scores))


PAIRS_FILE_MISSING = "{path}: no such file"
PAIRS_LINE_INVALID = "{path}:{line}: {reason}"
PAIRS_EMPTY = "{path}: no pairs"
_REQUIRED_TEXT_FIELDS = ("id", "resume", "job")


def read_pairs(path: Path) -> list[LabelledPair]:
    """Read the contract's labelled pairs JSONL; a pair without ``job_id`` is grouped by job text.

    Args:
        path: JSONL file of ``{"id", "resume", "job", "job_id"?, "label"}`` objects.

    Returns:
        The pairs in file order (blank lines skipped).

    Raises:
        ValueError: Naming the file and line, when the file is missing, empty or malformed.
    """
    if not path.is_file():
        raise ValueError(PAIRS_FILE_MISSING.format(path=path))
    pairs = []
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    pairs.append(_parse_pair(line))
                except ValueError as error:
                    raise ValueError(
                        PAIRS_LINE_INVALID.format(path=path, line=number, reason=error)
                    ) from None
    if not pairs:
        raise ValueError(PAIRS_EMPTY.format(path=path))
    return pairs


def _parse_pair(line: str) -> LabelledPair:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    for field in _REQUIRED_TEXT_FIELDS:
        if not isinstance(row.get(field), str):
            raise ValueError(f"field {field!r} must be a string")
    label = row.get("label")
    if isinstance(label, bool) or not isinstance(label, int | float) or not math.isfinite(label):
        raise ValueError("field 'label' must be a number")
    job_id = row.get("job_id")
    if job_id is not None and not isinstance(job_id, str | int):
        raise ValueError("field 'job_id' must be a string")
    group = str(job_id) if job_id is not None else "text:" + row["job"]
    return LabelledPair(row["id"], row["resume"], row["job"], group, float(label))
