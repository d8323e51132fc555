"""Classification metrics of domain predictions, in the contract's ``evaluate_domains`` shape."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.core.occupations.domains import DOMAIN_KEYS


@dataclass(frozen=True, slots=True)
class ClassificationReport:
    """Accuracy, macro-F1, per-domain precision/recall/F1/support and the confusion matrix.

    ``confusion[i][j]`` counts items of true domain ``DOMAIN_KEYS[i]`` predicted as
    ``DOMAIN_KEYS[j]``; ``macro_f1`` averages over the domains that occur in truth or prediction.
    """

    accuracy: float
    macro_f1: float
    per_domain: dict[str, dict[str, float]]
    confusion: list[list[int]]
    n: int

    def to_json(self) -> dict[str, object]:
        """The contract's ``evaluate_domains`` object (plus ``labels`` and ``n``)."""
        return {
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "per_domain": self.per_domain,
            "confusion": self.confusion,
            "labels": list(DOMAIN_KEYS),
            "n": self.n,
        }


def classification_report(truth: list[str], predicted: list[str]) -> ClassificationReport:
    """Compare true and predicted domain keys (same length, at least one item)."""
    index = {key: position for position, key in enumerate(DOMAIN_KEYS)}
    confusion = np.zeros((len(DOMAIN_KEYS), len(DOMAIN_KEYS)), dtype=int)
    for true_key, predicted_key in zip(truth, predicted, strict=True):
        confusion[index[true_key], index[predicted_key]] += 1
    per_domain: dict[str, dict[str, float]] = {}
    for key, position in index.items():
        support = int(confusion[position].sum())
        predicted_count = int(confusion[:, position].sum())
        if support == 0 and predicted_count == 0:
            continue
        hits = int(confusion[position, position])
        precision = hits / predicted_count if predicted_count else 0.0
        recall = hits / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_domain[key] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support,
        }
    macro = float(np.mean([row["f1"] for row in per_domain.values()])) if per_domain else 0.0
    accuracy = float(np.trace(confusion) / max(len(truth), 1))
    return ClassificationReport(
        round(accuracy, 4), round(macro, 4), per_domain, confusion.tolist(), len(truth)
    )
