"""Candidate CV-category classifiers for ``explore_category_classifier.py``.

Each candidate is a ``Fitter``: ``fit(train rows, train labels)`` returns the fitted classes and
``predict(test rows)`` giving probabilities over them, rows indexing ``Resumes``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from matching.core.occupations.category_prototypes import fit_prototype_classifier

Matrix = npt.NDArray[np.float64]
# Other phrasings of a category name for the zero-shot similarity ("name" is the bare name).
TEMPLATES = {"resume": "{} resume", "cv": "Curriculum vitae of a {} professional"}
# fit(train rows, train labels) -> predict(test rows) -> probabilities over the fitted classes
Fitter = Callable[[np.ndarray, list[str]], tuple[tuple[str, ...], Callable[[np.ndarray], Matrix]]]


@dataclasses.dataclass(frozen=True)
class Resumes:
    """The training resumes: redacted text, embedding, category, and the category names' vectors."""

    ids: list[str]
    texts: list[str]
    vectors: Matrix
    labels: list[str]
    classes: tuple[str, ...]
    name_vectors: Matrix  # one unit row per class (the category name's embedding)
    templates: dict[str, Matrix]  # the same for other phrasings of the name (TEMPLATES)


def _logistic(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000, tol=1e-6)


def prototype(
    resumes: Resumes, temperature: float, name_weight: float, template: str = "name"
) -> Fitter:
    """``matching.core.occupations.category_prototypes`` with the ``template`` phrasing of the
    names."""
    names = dict(zip(resumes.classes, resumes.templates[template], strict=True))

    def fit(rows: np.ndarray, labels: list[str]) -> tuple[tuple[str, ...], Callable[..., Matrix]]:
        model = fit_prototype_classifier(
            resumes.vectors[rows], labels, names, temperature=temperature, name_weight=name_weight
        )
        return model.classes, lambda test: model.probabilities(resumes.vectors[test])

    return fit


def _dense(value: object) -> Matrix:
    if sparse.issparse(value):
        return np.asarray(value.toarray(), dtype=np.float64)  # type: ignore[attr-defined]
    return np.asarray(value, dtype=np.float64)


def row_space_logistic(
    matrix: Matrix | sparse.csr_matrix, labels: list[str], c: float
) -> tuple[tuple[str, ...], Callable[[Matrix | sparse.csr_matrix], Matrix]]:
    """sklearn's L2 multinomial LR on ``matrix``, fitted in its row space (exact, and fast).

    With n rows << d columns the penalised solution lies in the row space of ``matrix``
    (``w = X^T a``), and the L2 penalty is rotation-invariant: fitting on the n coordinates
    ``U S`` of ``X = U S V^T`` and reading a test row as ``x V = x X^T U S^-1`` gives the same
    probabilities as the fit on X (the intercept is unpenalised either way).
    """
    gram = _dense(matrix @ matrix.T)
    values, vectors = np.linalg.eigh(gram)
    keep = values > 1e-10 * values.max()
    singular = np.sqrt(values[keep])
    basis = vectors[:, keep] / singular
    model = _logistic(c).fit(vectors[:, keep] * singular, labels)

    def predict(test: Matrix | sparse.csr_matrix) -> Matrix:
        product = _dense(test @ matrix.T)
        return np.asarray(model.predict_proba(product @ basis), dtype=np.float64)

    return tuple(str(n) for n in model.classes_), predict


def embedding_lr(
    resumes: Resumes, c: float, *, standardise: bool, zero_shot: float = 0.0
) -> Fitter:
    """LR over the CV embedding (optionally standardised), optionally plus name similarities."""

    def features(rows: np.ndarray) -> Matrix:
        vectors = resumes.vectors[rows]
        if not zero_shot:
            return vectors
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.column_stack([vectors, zero_shot * unit @ resumes.name_vectors.T])

    def fit(rows: np.ndarray, labels: list[str]) -> tuple[tuple[str, ...], Callable[..., Matrix]]:
        inputs = features(rows)
        scaler = StandardScaler().fit(inputs) if standardise else None
        classes, predict_rows = row_space_logistic(
            scaler.transform(inputs) if scaler else inputs, labels, c
        )

        def predict(test: np.ndarray) -> Matrix:
            values = features(test)
            return predict_rows(scaler.transform(values) if scaler else values)

        return classes, predict

    return fit


def tfidf_lr(resumes: Resumes, c: float, kind: str) -> Fitter:
    """LR over TF-IDF of the redacted text: "word" 1-2 grams, "char" char_wb 3-5, or "both"."""

    def vectorisers() -> list[TfidfVectorizer]:
        word = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=1, strip_accents="unicode"
        )
        char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            sublinear_tf=True,
            min_df=2,
            strip_accents="unicode",
        )
        return {"word": [word], "char": [char], "both": [word, char]}[kind]

    def fit(rows: np.ndarray, labels: list[str]) -> tuple[tuple[str, ...], Callable[..., Matrix]]:
        fitted = [v.fit([resumes.texts[i] for i in rows]) for v in vectorisers()]
        scale = 1.0 / np.sqrt(len(fitted))

        def transform(indices: np.ndarray) -> sparse.csr_matrix:
            docs = [resumes.texts[i] for i in indices]
            return sparse.hstack([v.transform(docs) * scale for v in fitted]).tocsr()

        classes, predict_rows = row_space_logistic(transform(rows), labels, c)
        return classes, lambda test: predict_rows(transform(test))

    return fit


def zero_shot_only(resumes: Resumes, temperature: float, template: str = "name") -> Fitter:
    """softmax(cos(CV, category name) / T) over the training classes (no labels used but names)."""

    def fit(rows: np.ndarray, labels: list[str]) -> tuple[tuple[str, ...], Callable[..., Matrix]]:
        classes = tuple(sorted(set(labels)))
        names = resumes.templates[template][[resumes.classes.index(n) for n in classes]]

        def predict(test: np.ndarray) -> Matrix:
            vectors = resumes.vectors[test]
            unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
            logits = unit @ names.T / temperature
            logits -= logits.max(axis=1, keepdims=True)
            weights = np.exp(logits)
            return weights / weights.sum(axis=1, keepdims=True)

        return classes, predict

    return fit
