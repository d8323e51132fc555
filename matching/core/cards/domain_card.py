"""The model card of a domain classifier training run (pure: no Django).

Built from the split fit's held-out predictions: accuracy, macro-F1, per-domain precision /
recall / F1, the confusion matrix and calibration (ECE over 10 bins of the top probability).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from matching.core.cards.model_card import ClassifierEval, ModelCard
from matching.core.occupations.domain_training import DomainTrainingResult, LabelledText
from matching.core.occupations.domains import DOMAIN_KEYS

ALL_HELD_OUT = "held out (all sources)"
SUMMARY = (
    "Multinomial logistic regression over whole-document embeddings (chunked, mean-pooled) "
    "into the 13 FairMatch domains. Figures are for the model fitted on the train part of the "
    "id-hash split and scored on the held-out part; O*NET rows are training data only."
)


def domain_classifier_card(
    result: DomainTrainingResult,
    *,
    command: str,
    data: Mapping[str, Any],
    command_report: Mapping[str, Any],
) -> ModelCard:
    """A card with one classifier section for all held-out items and one per source file."""
    items, probabilities = result.held_out_items, result.held_out_probabilities
    sources = sorted({item.source for item in items})
    evals = [_eval(ALL_HELD_OUT, items, probabilities)] if items else []
    if len(sources) > 1:
        for source in sources:
            rows = [k for k, item in enumerate(items) if item.source == source]
            evals.append(
                _eval(
                    f"held out ({source})",
                    [items[k] for k in rows],
                    [probabilities[k] for k in rows],
                )
            )
    missing = [key for key in DOMAIN_KEYS if evals and key not in evals[0].labels]
    caveats = [
        "Small held-out sample: read accuracy and macro-F1 with an error bar of several points.",
        "Macro-F1 averages over the domains that occur in the held-out truth or predictions "
        "(as train_domain_classifier and evaluate_domains report it).",
    ]
    if missing:
        caveats.append("Domains neither in the held-out truth nor predicted: " + ", ".join(missing))
    if result.classifier.metadata.get("refit_all"):
        caveats.append(
            "--refit-all: the saved weights were refit on every item; these figures describe "
            "the split fit, not the saved weights."
        )
    return ModelCard(
        title="domain classifier (13 domains)",
        command=command,
        summary=SUMMARY,
        data=data,
        command_report=command_report,
        classifiers=tuple(evals),
        caveats=tuple(caveats),
    )


def _eval(
    name: str, items: Sequence[LabelledText], probabilities: Sequence[Sequence[float]]
) -> ClassifierEval:
    """Columns are the domains in truth or prediction, in DOMAIN_KEYS order.

    The predicted (top) domain always keeps its column, so the argmax and the top probability
    (what calibration measures) are those of the full 13-way distribution.
    """
    predicted = {DOMAIN_KEYS[max(range(len(row)), key=row.__getitem__)] for row in probabilities}
    present = {item.domain for item in items} | predicted
    columns = [k for k, key in enumerate(DOMAIN_KEYS) if key in present]
    labels = tuple(DOMAIN_KEYS[k] for k in columns)
    return ClassifierEval(
        name,
        labels,
        tuple(labels.index(item.domain) for item in items),
        tuple(tuple(float(row[k]) for k in columns) for row in probabilities),
    )
