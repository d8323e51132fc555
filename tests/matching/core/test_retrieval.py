"""Stage-1 exact top-k and recall."""

import numpy as np
import pytest

from matching.core.encoding.similarity import cosine_matrix, cosine_to_score, paired_cosine
from matching.core.retrieval.retrieval import recall_at_k, top_k

MATRIX = np.array([[1, 0], [0.6, 0.8], [0, 1], [0.8, 0.6]], dtype=np.float32)


def test_top_k_returns_best_rows_first() -> None:
    result = top_k(MATRIX, np.array([1, 0], dtype=np.float32), 3)

    assert result.indices.tolist() == [0, 3, 1]
    assert result.scores == pytest.approx([1.0, 0.8, 0.6])


def test_top_k_matches_a_full_sort_on_random_vectors() -> None:
    rng = np.random.default_rng(7)
    matrix = rng.standard_normal((1000, 16)).astype(np.float32)
    query = matrix[5]

    result = top_k(matrix, query, 50)

    assert result.indices.tolist() == np.argsort(-(matrix @ query), kind="stable")[:50].tolist()


def test_top_k_applies_the_filter_mask() -> None:
    mask = np.array([False, True, True, True])

    result = top_k(MATRIX, np.array([1, 0], dtype=np.float32), 2, mask=mask)

    assert result.indices.tolist() == [3, 1]


def test_top_k_with_k_above_n_and_empty_mask() -> None:
    query = np.array([0, 1], dtype=np.float32)

    assert top_k(MATRIX, query, 10).indices.tolist() == [2, 1, 3, 0]
    assert top_k(MATRIX, query, 2, mask=np.zeros(4, dtype=bool)).indices.tolist() == []


def test_top_k_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="k must be positive"):
        top_k(MATRIX, np.array([1, 0], dtype=np.float32), 0)
    with pytest.raises(ValueError, match="Query has dimension 3"):
        top_k(MATRIX, np.ones(3, dtype=np.float32), 1)


def test_recall_at_k() -> None:
    assert recall_at_k(np.array([1, 2, 3, 9]), np.array([1, 2, 3, 4])) == 0.75
    assert recall_at_k(np.array([], dtype=np.int64), np.array([], dtype=np.int64)) == 1.0


def test_similarities() -> None:
    left = MATRIX[:2]

    assert cosine_matrix(left, MATRIX[2:]) == pytest.approx(np.array([[0, 0.8], [0.8, 0.96]]))
    assert paired_cosine(left, MATRIX[2:]) == pytest.approx([0.0, 0.96])
    assert cosine_to_score(np.array([-0.2, 0.4, 0.9], dtype=np.float32)).tolist() == [
        0.0,
        50.0,
        100.0,
    ]
    with pytest.raises(ValueError, match="dimension 2 and 3"):
        cosine_matrix(left, np.ones((1, 3), dtype=np.float32))
