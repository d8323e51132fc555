"""The three baselines on small hand-made pairs."""

from typing import Any

import numpy as np
import pytest

from matching.core.encoding.registry import load_encoder
from matching.core.encoding.sentence_transformer import SentenceTransformerEncoder
from matching.core.evaluation.baselines import (
    embedding_cosine,
    keyword_overlap,
    keywords,
    tfidf_cosine,
)


def test_keywords_drop_stop_words_and_short_words() -> None:
    assert keywords("The Java developer and a C# / SQL DBA in it") == frozenset(
        {"java", "developer", "sql", "dba"}
    )


def test_keyword_overlap_is_the_share_of_job_words_in_the_resume() -> None:
    scores = keyword_overlap(
        ["Java developer, Spring", "Registered nurse"],
        ["Senior Java developer with Kubernetes", "Senior Java developer with Kubernetes"],
    )

    # Job keywords: senior, java, developer, kubernetes.
    assert scores.tolist() == [0.5, 0.0]


def test_tfidf_cosine_is_one_for_identical_texts_and_zero_without_shared_words() -> None:
    scores = tfidf_cosine(["python django", "python django"], ["python django", "nurse hospital"])

    assert scores == pytest.approx([1.0, 0.0], abs=1e-6)


def _minilm_model() -> Any:
    encoder = load_encoder()
    assert isinstance(encoder, SentenceTransformerEncoder)
    return encoder.model


def test_embedding_cosine_ranks_the_related_resume_first() -> None:
    model = _minilm_model()
    job = "Java backend developer (Spring Boot, microservices)"

    scores = embedding_cosine(["Java Spring developer", "Pastry chef"], [job, job], model)

    assert scores.dtype == np.float32
    assert scores[0] > scores[1]


def test_embedding_cosine_truncates_long_texts_like_the_library() -> None:
    model = _minilm_model()
    head = "Java developer. " * 300

    scores = embedding_cosine([head, head + "Nurse. " * 300], [head, head], model)

    assert scores == pytest.approx([1.0, 1.0], abs=1e-5)
