"""Fit the occupation affinity on training pairs and give every pair its input, without leakage.

The bucket classifier learns from the affinity column of its training pairs, so those values
must not have seen their own labels: a training resume's category probabilities come from a
classifier fitted on the other training resumes (leave one out), and a training pair's affinity
from a table fitted on the other job folds (the same folds the bucket classifier's
cross-validation uses). Every other pair (held out, or dropped by the split) is read with the
classifier and table fitted on all training data: the model that ships.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from matching.core.encoding.chunking import encode_documents
from matching.core.encoding.embedding_store import EmbeddingStore
from matching.core.encoding.encoder import Encoder
from matching.core.occupations.category_prototypes import (
    NAME_TEMPLATE,
    PrototypeCategoryClassifier,
    choose_prototype_settings,
    fit_prototype_classifier,
)
from matching.core.occupations.domain_training import HELD_OUT_FRACTION
from matching.core.occupations.occupation_affinity import (
    DEFAULT_ALPHA,
    FULL_LEVELS,
    CategoryClassifier,
    OccupationAffinity,
    affinity_input,
    fit_affinity_table,
    fit_category_classifier,
    leave_one_out_probabilities,
)
from matching.core.occupations.onet_titles import OnetTitleIndex
from matching.core.redaction import redact
from matching.core.scoring.bucket_classifier_training import FOLDS, fold_of_groups
from matching.core.scoring.score_mapper_training import split_masks
from matching.core.types import LabelledPair

Matrix = npt.NDArray[np.float64]
T = TypeVar("T")

# The category classifier's C, chosen by leave-one-out log-loss on the training resumes.
C_GRID: tuple[float, ...] = (0.01, 0.1, 1.0, 10.0)
TOO_FEW_RESUMES = "the occupation affinity needs two training resumes or more with a category"
LENGTH_ERROR = "pair columns differ in length: {lengths}"


@dataclass(frozen=True, slots=True)
class AffinityFit:
    """The shipped model, each pair's input value and what the fit chose."""

    model: OccupationAffinity
    values: Matrix
    report: dict[str, object]


def choose_category_c(
    vectors: Matrix, categories: Sequence[str], grid: Sequence[float] = C_GRID
) -> tuple[float, tuple[str, ...], Matrix, dict[str, float]]:
    """The C of ``grid`` with the lowest leave-one-out log-loss, with its LOO probabilities.

    Returns:
        (C, classes, leave-one-out probabilities, {"loo_log_loss", "loo_accuracy"}).
    """
    best: tuple[float, float, tuple[str, ...], Matrix, float] | None = None
    for c in grid:
        classes, loo = leave_one_out_probabilities(vectors, categories, c=c)
        truth = [classes.index(name) for name in categories]
        loss = float(-np.mean(np.log(loo[np.arange(len(truth)), truth] + 1e-9)))
        accuracy = float(np.mean(loo.argmax(axis=1) == np.asarray(truth)))
        if best is None or loss < best[0]:
            best = (loss, c, classes, loo, accuracy)
    if best is None:
        raise ValueError("the C grid is empty")
    loss, c, classes, loo, accuracy = best
    return c, classes, loo, {"loo_log_loss": round(loss, 4), "loo_accuracy": round(accuracy, 4)}


def cross_fitted_affinity(
    probabilities: Matrix,
    classes: Sequence[str],
    categories: Sequence[str],
    codes: Sequence[frozenset[str]],
    strong: npt.NDArray[np.bool_],
    folds: npt.NDArray[np.int_],
    *,
    levels: tuple[int, ...] = FULL_LEVELS,
    alpha: float = DEFAULT_ALPHA,
) -> Matrix:
    """Each row's affinity from a table fitted on the rows of the other folds only."""
    values = np.zeros(len(codes))
    for fold in np.unique(folds):
        fit, apply = folds != fold, folds == fold
        table = fit_affinity_table(
            [name for name, used in zip(categories, fit, strict=True) if used],
            [key for key, used in zip(codes, fit, strict=True) if used],
            list(strong[fit]),
            levels=levels,
            alpha=alpha,
        )
        values[apply] = affinity_input(
            probabilities[apply],
            classes,
            [key for key, used in zip(codes, apply, strict=True) if used],
            table,
        )
    return values


def fit_occupation_affinity(
    resume_vectors: Mapping[str, Matrix],
    resume_categories: Mapping[str, str],
    pair_resume_keys: Sequence[str],
    pair_job_keys: Sequence[str],
    pair_codes: Sequence[frozenset[str]],
    strong: Sequence[bool],
    train: npt.NDArray[np.bool_],
    *,
    fold_seed: int = 0,
    category_name_vectors: Mapping[str, Matrix] | None = None,
) -> AffinityFit:
    """Fit the category classifier and the table on the training pairs; value every pair.

    Args:
        resume_vectors: CV embedding by resume key (the redacted text, as the product encodes).
        resume_categories: Category by resume key (training resumes need one).
        pair_resume_keys: Each pair's resume key.
        pair_job_keys: Each pair's job key (the bucket classifier's CV groups).
        pair_codes: Each pair's posting SOC codes (the O*NET title match; may be empty).
        strong: Whether each pair's label is the top grade.
        train: Mask of the training pairs.
        fold_seed: The bucket classifier's fold seed, so both use the same job folds.
        category_name_vectors: The embedding of each category's name (``NAME_TEMPLATE``):
            given, the category classifier is ``category_prototypes``'s; else a logistic
            regression over the CV embeddings.

    Raises:
        ValueError: When the columns differ in length or fewer than two training resumes
            have a category.
    """
    lengths = {len(pair_resume_keys), len(pair_job_keys), len(pair_codes), len(strong), len(train)}
    if len(lengths) != 1:
        raise ValueError(LENGTH_ERROR.format(lengths=sorted(lengths)))
    train_ids = sorted({key for key, used in zip(pair_resume_keys, train, strict=True) if used})
    train_ids = [key for key in train_ids if key in resume_categories]
    if len(train_ids) < 2:
        raise ValueError(TOO_FEW_RESUMES)
    matrix = np.array([resume_vectors[key] for key in train_ids], dtype=np.float64)
    classifier, loo, category_report = _category_classifier(
        matrix, [resume_categories[key] for key in train_ids], category_name_vectors
    )
    classes = classifier.classes
    strong_array = np.asarray(strong, dtype=bool)
    categories = [resume_categories.get(key, "") for key in pair_resume_keys]
    known = train & np.array([key in resume_categories for key in pair_resume_keys])
    table = fit_affinity_table(
        _pick(categories, known), _pick(pair_codes, known), list(strong_array[known])
    )
    probabilities = _pair_probabilities(
        classifier, resume_vectors, pair_resume_keys, dict(zip(train_ids, loo, strict=True)), train
    )
    values = affinity_input(probabilities, classes, pair_codes, table)
    groups = _pick(pair_job_keys, train)
    folds = fold_of_groups(groups, min(FOLDS, len(set(groups))), fold_seed)
    values[train] = cross_fitted_affinity(
        probabilities[train],
        classes,
        _pick(categories, train),
        _pick(pair_codes, train),
        strong_array[train],
        folds,
    )
    model = OccupationAffinity(classifier, table)
    report: dict[str, object] = {
        **category_report,
        "training_resumes": len(train_ids),
        "categories": len(classes),
        "pairs_with_codes": int(sum(bool(codes) for codes in pair_codes)),
        "levels": list(table.levels),
        "alpha": table.alpha,
    }
    return AffinityFit(model, values, report)


def read_resume_categories(path: Path) -> dict[str, str]:
    """Category by resume id, for the lines of a resumes JSONL that carry one."""
    categories = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line) if line.strip() else {}
            if row.get("category") and row.get("id"):
                categories[str(row["id"])] = str(row["category"])
    return categories


def affinity_from_pairs(
    pairs: Sequence[LabelledPair],
    resume_keys: Sequence[str],
    categories: Mapping[str, str],
    title_index: OnetTitleIndex,
    encoder: Encoder,
    *,
    store: EmbeddingStore | None = None,
    fraction: float = HELD_OUT_FRACTION,
    prototypes: bool = True,
) -> AffinityFit:
    """``fit_occupation_affinity`` on labelled pairs: encode, split, find codes, fit.

    CVs are redacted and encoded as the product encodes them (``store`` saves re-encoding
    texts the pair features already embedded); the top label is "strong"; the split is
    ``split_masks`` over (job id, resume key) with ``fraction``; ``prototypes`` picks the
    category classifier (category names encoded with ``NAME_TEMPLATE``), else the logistic one.
    """
    blind = {key: redact(pair.resume) for key, pair in zip(resume_keys, pairs, strict=True)}
    keys = list(blind)
    vectors = encode_documents([blind[key] for key in keys], encoder, store=store).vectors
    job_ids = [pair.job_id for pair in pairs]
    train, _ = split_masks(job_ids, resume_keys, fraction)
    name_vectors = None
    if prototypes:
        names = sorted(set(categories.values()))
        phrased = [NAME_TEMPLATE.format(name) for name in names]
        encoded = encode_documents(phrased, encoder, store=store).vectors.astype(np.float64)
        name_vectors = dict(zip(names, encoded, strict=True))
    codes = {job: title_index.posting_codes(job) for job in {pair.job for pair in pairs}}
    top_label = max(pair.label for pair in pairs)
    return fit_occupation_affinity(
        dict(zip(keys, vectors.astype(np.float64), strict=True)),
        categories,
        resume_keys,
        job_ids,
        [codes[pair.job] for pair in pairs],
        [pair.label == top_label for pair in pairs],
        train,
        category_name_vectors=name_vectors,
    )


def _category_classifier(
    matrix: Matrix, labels: list[str], name_vectors: Mapping[str, Matrix] | None
) -> tuple[CategoryClassifier | PrototypeCategoryClassifier, Matrix, dict[str, object]]:
    """The category classifier, its leave-one-out probabilities and what was chosen."""
    if name_vectors is None:
        c, _, loo, figures = choose_category_c(matrix, labels)
        return (
            fit_category_classifier(matrix, labels, c=c),
            loo,
            {"category_classifier": "logistic", "category_c": c, **figures},
        )
    temperature, weight, loo, figures = choose_prototype_settings(matrix, labels, name_vectors)
    classifier = fit_prototype_classifier(
        matrix, labels, name_vectors, temperature=temperature, name_weight=weight
    )
    chosen = {"category_temperature": temperature, "category_name_weight": weight}
    return classifier, loo, {"category_classifier": "prototypes", **chosen, **figures}


def _pick(values: Sequence[T], mask: npt.NDArray[np.bool_]) -> list[T]:
    return [value for value, used in zip(values, mask, strict=True) if used]


def _pair_probabilities(
    classifier: CategoryClassifier | PrototypeCategoryClassifier,
    resume_vectors: Mapping[str, Matrix],
    pair_resume_keys: Sequence[str],
    leave_one_out: Mapping[str, Matrix],
    train: npt.NDArray[np.bool_],
) -> Matrix:
    """Each pair's ``p(category | CV)``: leave-one-out rows for training pairs, else the fit."""
    distinct = list(dict.fromkeys(pair_resume_keys))
    fitted = classifier.probabilities(np.array([resume_vectors[key] for key in distinct]))
    by_key = dict(zip(distinct, fitted, strict=True))
    rows = [
        leave_one_out[key] if used and key in leave_one_out else by_key[key]
        for key, used in zip(pair_resume_keys, train, strict=True)
    ]
    return np.array(rows, dtype=np.float64)
