"""Training data and fitting for the domain classifier (scikit-learn at training time only).

Labelled texts come from JSONL files in the contract's ``--resumes`` format (``id``, ``text``,
``domain``) and, optionally, from O*NET occupation titles and descriptions mapped to a domain by
their SOC code. Items are split train / held-out by a stable hash of their id; held-out items are
never used for fitting or tuning.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression

from matching.core.encoding.chunking import ProgressCallback, encode_documents
from matching.core.encoding.encoder import Encoder
from matching.core.occupations.domain_metrics import ClassificationReport, classification_report
from matching.core.occupations.domains import DOMAIN_KEYS, DomainClassifier, parse_domain

HELD_OUT_FRACTION = 0.3
SPLIT_SALT = "fairmatch-split-v1"
C_GRID = (1.0, 4.0, 16.0)
CV_FOLDS = 5
ONET_WEIGHT = 0.5

JSONL_LINE_ERROR = "{path}:{line}: not a JSON object with id, text and domain ({reason})"
EMPTY_FILE_ERROR = "{path}: no labelled items"


@dataclass(frozen=True, slots=True)
class LabelledText:
    """One labelled training or evaluation text."""

    id: str
    text: str
    domain: str
    source: str


def held_out_score(key: str) -> float:
    """A stable pseudo-random number in [0, 1) for ``key`` (same on every machine and run)."""
    digest = hashlib.sha256(f"{SPLIT_SALT}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def is_held_out(key: str, fraction: float = HELD_OUT_FRACTION) -> bool:
    """Whether ``key`` (an item id) falls in the held-out part of the split."""
    return held_out_score(key) < fraction


def read_labelled_jsonl(path: Path, source: str | None = None) -> list[LabelledText]:
    """Read ``{"id", "text", "domain"}`` lines; raises ``ValueError`` naming the bad line."""
    items: list[LabelledText] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                domain = parse_domain(str(row["domain"])).value
                items.append(
                    LabelledText(str(row["id"]), str(row["text"]), domain, source or path.stem)
                )
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(
                    JSONL_LINE_ERROR.format(path=path, line=number, reason=error)
                ) from None
    if not items:
        raise ValueError(EMPTY_FILE_ERROR.format(path=path))
    return items


def split_items(
    items: Iterable[LabelledText], fraction: float = HELD_OUT_FRACTION
) -> tuple[list[LabelledText], list[LabelledText]]:
    """Split into (train, held_out) by the stable hash of each id."""
    train: list[LabelledText] = []
    held_out: list[LabelledText] = []
    for item in items:
        (held_out if is_held_out(item.id, fraction) else train).append(item)
    return train, held_out


def fit_domain_classifier(
    embeddings: npt.NDArray[np.float32],
    items: list[LabelledText],
    *,
    model_id: str,
    c_grid: tuple[float, ...] = C_GRID,
) -> DomainClassifier:
    """Fit a multinomial logistic regression; C is picked by 5-fold CV on the training items.

    Args:
        embeddings: One row per item, from the encoder named by ``model_id``.
        items: The labelled training items (held-out items must not be passed).
        model_id: The encoder's id, stored with the weights.
        c_grid: Inverse regularisation strengths tried.

    Returns:
        The fitted classifier; its metadata records the chosen C and the cross-validated scores.
    """
    labels = np.array([item.domain for item in items])
    weights = np.array([ONET_WEIGHT if item.source == "onet" else 1.0 for item in items])
    scores = {c: _cross_validated_f1(embeddings, labels, weights, items, c) for c in c_grid}
    best_c = max(c_grid, key=lambda c: (scores[c], -c))
    model = _logistic(best_c).fit(embeddings, labels, sample_weight=weights)
    counts = {key: int((labels == key).sum()) for key in DOMAIN_KEYS}
    return DomainClassifier(
        labels=tuple(str(label) for label in model.classes_),
        coef=np.asarray(model.coef_, dtype=np.float64),
        intercept=np.asarray(model.intercept_, dtype=np.float64),
        model_id=model_id,
        metadata={"C": best_c, "cv_macro_f1": scores, "train_counts": counts},
    )


def _logistic(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000)


def _cross_validated_f1(
    embeddings: npt.NDArray[np.float32],
    labels: npt.NDArray[np.str_],
    weights: npt.NDArray[np.float64],
    items: list[LabelledText],
    c: float,
) -> float:
    """Mean macro-F1 over 5 folds of the non-O*NET items (O*NET rows always stay in training)."""
    scored = np.array([item.source != "onet" for item in items])
    folds = np.array([int(held_out_score(f"cv:{item.id}") * CV_FOLDS) for item in items])
    results = []
    for fold in range(CV_FOLDS):
        test = scored & (folds == fold)
        if not test.any():
            continue
        model = _logistic(c).fit(embeddings[~test], labels[~test], sample_weight=weights[~test])
        predicted = [str(label) for label in model.predict(embeddings[test])]
        results.append(classification_report(list(labels[test]), predicted).macro_f1)
    return round(float(np.mean(results)), 4) if results else 0.0


@dataclass(frozen=True, slots=True)
class DomainTrainingResult:
    """A fitted classifier and its held-out reports (overall and per source file)."""

    classifier: DomainClassifier
    n_train: int
    n_held_out: int
    held_out: ClassificationReport | None
    held_out_by_source: dict[str, ClassificationReport]
    # The split fit's held-out predictions (over DOMAIN_KEYS), for the model card.
    held_out_items: tuple[LabelledText, ...] = ()
    held_out_probabilities: tuple[tuple[float, ...], ...] = ()

    def to_json(self) -> dict[str, object]:
        """Metrics as printed by ``train_domain_classifier --json``."""
        return {
            "n_train": self.n_train,
            "n_held_out": self.n_held_out,
            "C": self.classifier.metadata["C"],
            "cv_macro_f1": self.classifier.metadata["cv_macro_f1"],
            "refit_all": bool(self.classifier.metadata.get("refit_all", False)),
            "held_out": self.held_out.to_json() if self.held_out else None,
            "held_out_by_source": {
                source: {"accuracy": report.accuracy, "macro_f1": report.macro_f1, "n": report.n}
                for source, report in self.held_out_by_source.items()
            },
        }


def train_domain_model(
    items: list[LabelledText],
    encoder: Encoder,
    *,
    fraction: float = HELD_OUT_FRACTION,
    refit_all: bool = False,
    on_progress: ProgressCallback | None = None,
) -> DomainTrainingResult:
    """Split ``items`` by id hash, fit on the train part, report on the held-out part.

    O*NET items (source ``onet``) are always training data: they are reference descriptions,
    not evaluation data. Texts are embedded whole (chunked and pooled). With ``refit_all`` the
    returned classifier is refit on every item after the held-out report (the report still
    describes the split fit; the metadata records ``refit_all``).
    """
    train, held_out = split_items([item for item in items if item.source != "onet"], fraction)
    train += [item for item in items if item.source == "onet"]
    texts = [item.text for item in train + held_out]
    vectors = encode_documents(texts, encoder, on_progress=on_progress).vectors
    classifier = fit_domain_classifier(vectors[: len(train)], train, model_id=encoder.model_id)
    report, by_source = None, {}
    probabilities: tuple[tuple[float, ...], ...] = ()
    if held_out:
        predictions = classifier.predict(vectors[len(train) :])
        predicted = [p.domain for p in predictions]
        probabilities = tuple(p.probabilities for p in predictions)
        report = classification_report([item.domain for item in held_out], predicted)
        for source in sorted({item.source for item in held_out}):
            rows = [k for k, item in enumerate(held_out) if item.source == source]
            by_source[source] = classification_report(
                [held_out[k].domain for k in rows], [predicted[k] for k in rows]
            )
    if refit_all and held_out:
        classifier = fit_domain_classifier(vectors, train + held_out, model_id=encoder.model_id)
        classifier.metadata["refit_all"] = True
    return DomainTrainingResult(
        classifier, len(train), len(held_out), report, by_source, tuple(held_out), probabilities
    )
