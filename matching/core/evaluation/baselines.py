"""The three baselines FairMatch is compared with, each scoring (resume, job) pairs.

- ``keyword_overlap``: share of the job's distinct words that the resume contains.
- ``tfidf_cosine``: cosine of TF-IDF vectors fitted on the texts of the run (scikit-learn).
- ``embedding_cosine``: the seed cards' method, MiniLM cosine of the two texts as
  sentence-transformers encodes them, i.e. silently truncated to the first 256 tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from matching.core.types import FloatArray

_WORD = re.compile(r"[a-z][a-z0-9+#.]*[a-z0-9+#]|[a-z]")
MIN_KEYWORD_LENGTH = 3
BASELINE_NAMES = ("keyword_overlap", "tfidf_cosine", "embedding_cosine")


def keywords(text: str) -> frozenset[str]:
    """Distinct lower-cased words of ``text`` without English stop words or very short words."""
    return frozenset(
        word
        for word in _WORD.findall(text.lower())
        if len(word) >= MIN_KEYWORD_LENGTH and word not in ENGLISH_STOP_WORDS
    )


def keyword_overlap(resumes: Sequence[str], jobs: Sequence[str]) -> FloatArray:
    """Share of each job's keywords found in the paired resume, in ``[0, 1]``.

    Args:
        resumes: Resume text of each pair.
        jobs: Job text of each pair.

    Returns:
        One score per pair.
    """
    resume_words = {text: keywords(text) for text in set(resumes)}
    job_words = {text: keywords(text) for text in set(jobs)}
    scores = [
        len(job_words[job] & resume_words[resume]) / max(len(job_words[job]), 1)
        for resume, job in zip(resumes, jobs, strict=True)
    ]
    return np.asarray(scores, dtype=np.float32)


def tfidf_cosine(resumes: Sequence[str], jobs: Sequence[str]) -> FloatArray:
    """Cosine of TF-IDF vectors (fitted on the distinct texts of this run) for each pair.

    Args:
        resumes: Resume text of each pair.
        jobs: Job text of each pair.

    Returns:
        One score per pair, in ``[0, 1]``.
    """
    texts = list(dict.fromkeys([*resumes, *jobs]))
    index = {text: row for row, text in enumerate(texts)}
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)
    left = matrix[[index[text] for text in resumes]]
    right = matrix[[index[text] for text in jobs]]
    return np.asarray(left.multiply(right).sum(axis=1), dtype=np.float32).ravel()


def embedding_cosine(resumes: Sequence[str], jobs: Sequence[str], model: Any) -> FloatArray:
    """Cosine of the two texts' embeddings as ``SentenceTransformer.encode`` returns them.

    Each distinct text is encoded once; the library truncates it to ``max_seq_length`` tokens
    (256 for all-MiniLM-L6-v2), which is how this baseline is defined.

    Args:
        resumes: Resume text of each pair.
        jobs: Job text of each pair.
        model: A ``SentenceTransformer`` (for example ``SentenceTransformerEncoder.model``).

    Returns:
        One cosine per pair.
    """
    texts = list(dict.fromkeys([*resumes, *jobs]))
    index = {text: row for row, text in enumerate(texts)}
    vectors = np.asarray(
        model.encode(texts, normalize_embeddings=True, show_progress_bar=False), dtype=np.float32
    )
    left = vectors[[index[text] for text in resumes]]
    right = vectors[[index[text] for text in jobs]]
    return np.einsum("ij,ij->i", left, right).astype(np.float32)
