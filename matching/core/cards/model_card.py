"""Model cards: ``model_card.md``, ``report.json`` and PNG plots for a trained model.

Pure (no Django): the training commands collect held-out predictions and call
``write_model_card``. Sections appear when their inputs are given: classification (accuracy,
precision, recall, F1, confusion matrix), calibration (ECE over 10 equal-width confidence bins,
with a reliability diagram), IR metrics at k, group fairness (demographic parity, equal
opportunity and equalized odds differences, as fairlearn defines them) and a beta sweep
(utility against the fairness gap). Every number in the Markdown is read from the same dict
that is written to ``report.json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.core.evaluation.evaluation import evaluate_ranking

ECE_BINS = 10
DEFAULT_KS = (1, 5, 10)
CARD_NAME = "model_card.md"
REPORT_NAME = "report.json"
IR_COLUMNS = ("ndcg", "mrr", "map", "err")

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ClassifierEval:
    """Held-out predictions of one classifier: true and predicted class, class probabilities."""

    name: str
    labels: tuple[str, ...]
    y_true: tuple[int, ...]
    probabilities: tuple[tuple[float, ...], ...]


@dataclass(frozen=True, slots=True)
class RankingEval:
    """Held-out scores of one ranking system, with graded labels and the job of each pair."""

    name: str
    scores: tuple[float, ...]
    labels: tuple[float, ...]
    groups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FairnessEval:
    """Binary outcome (selected = predicted positive) of one model, by sensitive group."""

    name: str
    attribute: str
    y_true: tuple[int, ...]
    y_pred: tuple[int, ...]
    groups: tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class ModelCard:
    """Everything one card reports; empty sections are left out."""

    title: str
    command: str
    summary: str
    data: Mapping[str, Any] = field(default_factory=dict)
    command_report: Mapping[str, Any] = field(default_factory=dict)
    classifiers: tuple[ClassifierEval, ...] = ()
    rankings: tuple[RankingEval, ...] = ()
    fairness: tuple[FairnessEval, ...] = ()
    sweep: tuple[Mapping[str, float], ...] = ()
    sweep_gap_name: str = "fairness_gap"
    caveats: tuple[str, ...] = ()
    ks: tuple[int, ...] = DEFAULT_KS


def classification_metrics(
    y_true: Sequence[int], y_pred: Sequence[int], labels: Sequence[str]
) -> dict[str, Any]:
    """Accuracy, per-class and macro precision/recall/F1, and the confusion matrix.

    ``confusion[i][j]`` counts pairs of true class ``labels[i]`` predicted as ``labels[j]``.
    """
    size = len(labels)
    confusion = np.zeros((size, size), dtype=np.int64)
    for truth, predicted in zip(y_true, y_pred, strict=True):
        confusion[truth, predicted] += 1
    hits = np.diag(confusion).astype(np.float64)
    precision = hits / np.maximum(confusion.sum(axis=0), 1)
    recall = hits / np.maximum(confusion.sum(axis=1), 1)
    total = precision + recall
    f1 = np.where(total > 0, 2 * precision * recall / np.where(total > 0, total, 1.0), 0.0)
    per_class = {
        name: {
            "precision": _round(precision[i]),
            "recall": _round(recall[i]),
            "f1": _round(f1[i]),
            "support": int(confusion[i].sum()),
        }
        for i, name in enumerate(labels)
    }
    n = int(confusion.sum())
    return {
        "n": n,
        "accuracy": _round(hits.sum() / n) if n else 0.0,
        "macro_precision": _round(precision.mean()),
        "macro_recall": _round(recall.mean()),
        "macro_f1": _round(f1.mean()),
        "per_class": per_class,
        "labels": list(labels),
        "confusion": confusion.tolist(),
    }


def reliability(
    confidence: Sequence[float], correct: Sequence[bool], bins: int = ECE_BINS
) -> dict[str, Any]:
    """Expected calibration error over ``bins`` equal-width bins of the top-class confidence.

    ECE = sum over bins of (bin size / n) x |accuracy in bin - mean confidence in bin|; a
    confidence of exactly 1 falls in the last bin.
    """
    values = np.asarray(confidence, dtype=np.float64)
    hits = np.asarray(correct, dtype=np.float64)
    index = np.minimum((values * bins).astype(np.int64), bins - 1)
    rows, ece = [], 0.0
    for position in range(bins):
        members = index == position
        count = int(members.sum())
        row: dict[str, Any] = {
            "lower": position / bins,
            "upper": (position + 1) / bins,
            "count": count,
            "accuracy": None,
            "confidence": None,
        }
        if count:
            accuracy, mean = float(hits[members].mean()), float(values[members].mean())
            ece += count / len(values) * abs(accuracy - mean)
            row |= {"accuracy": _round(accuracy), "confidence": _round(mean)}
        rows.append(row)
    return {"ece": _round(ece), "bins": rows, "n_bins": bins}


def evaluate_classifier(item: ClassifierEval) -> dict[str, Any]:
    """Classification metrics and calibration of one classifier."""
    probabilities = np.asarray(item.probabilities, dtype=np.float64)
    predicted = probabilities.argmax(axis=1)
    metrics = classification_metrics(item.y_true, predicted.tolist(), item.labels)
    correct = predicted == np.asarray(item.y_true)
    metrics["calibration"] = reliability(probabilities.max(axis=1).tolist(), correct.tolist())
    return metrics


def ranking_at_k(item: RankingEval, ks: Sequence[int] = DEFAULT_KS) -> dict[str, dict[str, float]]:
    """NDCG, MRR, MAP and ERR at each k (per job, averaged), as ``evaluate_ranking``."""
    table: dict[str, dict[str, float]] = {}
    for k in ks:
        result = evaluate_ranking(list(item.scores), list(item.labels), list(item.groups), k=k)
        table[f"@{k}"] = {name: _round(result[f"{name}@{k}"]) for name in IR_COLUMNS}
    return table


def fairness_metrics(item: FairnessEval) -> dict[str, Any]:
    """Per-group selection, true and false positive rates and the three differences.

    As fairlearn: DP difference = max - min selection rate; equal opportunity difference =
    max - min true positive rate; equalized odds difference = the larger of the TPR and FPR
    differences. Unknown groups (``None``) are left out. A rate with no denominator is ``None``
    and does not count in the differences.
    """
    truth, predicted = np.asarray(item.y_true), np.asarray(item.y_pred)
    names = sorted({group for group in item.groups if group is not None})
    rows = {}
    for name in names:
        mask = np.array([group == name for group in item.groups])
        positives, negatives = mask & (truth == 1), mask & (truth == 0)
        rows[name] = {
            "count": int(mask.sum()),
            "selection_rate": _rate(predicted[mask]),
            "true_positive_rate": _rate(predicted[positives]),
            "false_positive_rate": _rate(predicted[negatives]),
        }
    tpr = _spread([row["true_positive_rate"] for row in rows.values()])
    fpr = _spread([row["false_positive_rate"] for row in rows.values()])
    odds = [value for value in (tpr, fpr) if value is not None]
    return {
        "attribute": item.attribute,
        "groups": rows,
        "unknown_count": sum(group is None for group in item.groups),
        "demographic_parity_difference": _spread([r["selection_rate"] for r in rows.values()]),
        "equal_opportunity_difference": tpr,
        "equalized_odds_difference": max(odds) if odds else None,
    }


def build_report(card: ModelCard) -> dict[str, Any]:
    """The JSON report of a card (what ``report.json`` holds and the Markdown shows)."""
    report: dict[str, Any] = {
        "title": card.title,
        "command": card.command,
        "summary": card.summary,
        "data": dict(card.data),
        "command_report": dict(card.command_report),
    }
    if card.classifiers:
        report["classification"] = {c.name: evaluate_classifier(c) for c in card.classifiers}
    if card.rankings:
        report["ranking"] = {r.name: ranking_at_k(r, card.ks) for r in card.rankings}
    if card.fairness:
        report["fairness"] = {f.name: fairness_metrics(f) for f in card.fairness}
    if card.sweep:
        report["sweep"] = {"gap": card.sweep_gap_name, "points": [dict(p) for p in card.sweep]}
    report["caveats"] = list(card.caveats)
    return report


def write_model_card(card: ModelCard, out_dir: Path) -> dict[str, str]:
    """Write ``model_card.md``, ``report.json`` and the PNG plots into ``out_dir``.

    Returns:
        ``{"card": .., "report": .., "plots": {name: path}}`` as strings, also in the report.
    """
    from matching.core.cards.model_card_plots import write_plots  # matplotlib only when writing

    out_dir.mkdir(parents=True, exist_ok=True)
    report = build_report(card)
    plots = write_plots(report, out_dir)
    report["plots"] = {name: path.name for name, path in plots.items()}
    (out_dir / REPORT_NAME).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    from matching.core.cards.model_card_markdown import render_markdown

    (out_dir / CARD_NAME).write_text(render_markdown(report), encoding="utf-8")
    return {
        "card": str(out_dir / CARD_NAME),
        "report": str(out_dir / REPORT_NAME),
        **{f"plot_{name}": str(path) for name, path in plots.items()},
    }


def _rate(values: npt.NDArray[Any]) -> float | None:
    return _round(float(values.mean())) if len(values) else None


def _spread(values: Sequence[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return _round(max(known) - min(known)) if len(known) >= 2 else None


def _round(value: float | np.floating[Any]) -> float:
    return round(float(value), 4)
