"""Stage-1 indexes: exact scan, FAISS scalar-quantised and PQ-refine indexes, threshold, cache."""

import numpy as np
import pytest

from matching.core.retrieval.faiss_index import FaissScalarIndex, _default_shards, _pq_codes
from matching.core.retrieval.index_cache import IndexCache, build_index
from matching.core.retrieval.retrieval import recall_at_k
from matching.core.retrieval.vector_index import (
    ExactIndex,
    IndexConfig,
    choose_kind,
    parse_index_setting,
)

DIMENSION = 64


def unit_vectors(rows: int, seed: int = 3) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((rows, DIMENSION)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def near_queries(matrix: np.ndarray, count: int, seed: int = 11) -> np.ndarray:
    """Perturbed rows of ``matrix``: each query has a realistic set of close neighbours."""
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((count, matrix.shape[1])).astype(np.float32) * 0.3
    queries = matrix[rng.integers(0, matrix.shape[0], count)] + noise
    return queries / np.linalg.norm(queries, axis=1, keepdims=True)


def brute_force(matrix: np.ndarray, query: np.ndarray, k: int, allowed=None) -> list[int]:
    rows = np.arange(matrix.shape[0]) if allowed is None else np.flatnonzero(allowed)
    scores = matrix[rows] @ query
    return [int(rows[i]) for i in np.lexsort((rows, -scores))[:k]]


MATRIX = unit_vectors(3000)
QUERIES = near_queries(MATRIX, 10)


def test_exact_index_equals_brute_force() -> None:
    index = ExactIndex(MATRIX)

    for query in QUERIES:
        assert index.search(query, 50).indices.tolist() == brute_force(MATRIX, query, 50)
    assert index.kind == "exact"
    assert index.nbytes == MATRIX.nbytes


@pytest.mark.parametrize(
    ("kind", "shards"), [("faiss-fp16", 1), ("faiss-sq8", 1), ("faiss-fp16", 4)]
)
def test_faiss_recall_at_50_against_exact(kind: str, shards: int) -> None:
    index = FaissScalarIndex(MATRIX, kind, shards=shards)

    recalls = [
        recall_at_k(index.search(query, 50).indices, np.array(brute_force(MATRIX, query, 50)))
        for query in QUERIES
    ]

    assert np.mean(recalls) >= 0.99
    assert index.kind == kind
    # fp16 codes take half the bytes of float32, 8-bit codes a quarter.
    assert index.nbytes == MATRIX.nbytes // (2 if kind == "faiss-fp16" else 4)


@pytest.mark.parametrize("shards", [1, 2])
def test_pq_refine_recall_at_50_against_exact(shards: int) -> None:
    # A small PQ (16 codes of 4 bits for 64-d) re-scoring 16 x 58 of the 3,000 rows a shard.
    index = FaissScalarIndex(MATRIX, "faiss-pq-refine", shards=shards, k_factor=16)
    fewer = FaissScalarIndex(MATRIX, "faiss-pq-refine", shards=shards, k_factor=1)

    def recall(found: FaissScalarIndex) -> float:
        return float(
            np.mean(
                [
                    recall_at_k(found.search(q, 50).indices, np.array(brute_force(MATRIX, q, 50)))
                    for q in QUERIES
                ]
            )
        )

    assert recall(index) >= 0.99
    assert recall(fewer) < 0.95  # the PQ alone is coarse: the fp16 re-scoring does the work
    assert index.kind == "faiss-pq-refine"
    # fp16 codes (half of float32) plus 8 bytes of PQ codes a row.
    assert index.nbytes == MATRIX.nbytes // 2 + 8 * MATRIX.shape[0]
    assert index.nbytes <= 0.55 * MATRIX.nbytes


def test_pq_codes_divide_the_dimension() -> None:
    assert _pq_codes(384) == 128  # 3 dimensions a code, 64 bytes a row
    assert _pq_codes(64) == 16
    assert _pq_codes(8) == 2
    assert _pq_codes(2) == 1


@pytest.mark.parametrize(
    ("kind", "shards"), [("faiss-fp16", 1), ("faiss-fp16", 3), ("faiss-pq-refine", 2)]
)
def test_faiss_scores_are_cosines_best_first_and_ties_by_row(kind: str, shards: int) -> None:
    matrix = MATRIX.copy()
    matrix[[700, 1500, 2999]] = MATRIX[0]  # rows 0, 700, 1500 and 2999 tie exactly
    index = FaissScalarIndex(matrix, kind, shards=shards)

    result = index.search(matrix[0], 6)

    assert index.shards == shards
    assert result.indices[:4].tolist() == [0, 700, 1500, 2999]
    assert result.scores[:4] == pytest.approx([1.0] * 4, abs=1e-3)
    assert np.all(np.diff(result.scores) <= 0)
    exact = ExactIndex(matrix).search(matrix[0], 6)
    assert result.scores == pytest.approx(exact.scores, abs=1e-3)


def sharded(kind: str):
    """Builds ``kind``; FAISS indexes cut in three shards so filters cross shard bounds."""
    return lambda matrix: (
        build_index(matrix, kind) if kind == "exact" else FaissScalarIndex(matrix, kind, shards=3)
    )


@pytest.mark.parametrize("kind", ["exact", "faiss-fp16", "faiss-sq8", "faiss-pq-refine"])
def test_filters_are_honoured(kind: str) -> None:
    index = sharded(kind)(MATRIX)
    allowed = np.random.default_rng(5).random(MATRIX.shape[0]) < 0.1
    query = QUERIES[0]

    result = index.search(query, 50, mask=allowed)

    assert len(result.indices) == 50
    assert allowed[result.indices].all()
    exact = np.array(brute_force(MATRIX, query, 50, allowed))
    assert recall_at_k(result.indices, exact) >= 0.96
    few = np.zeros(MATRIX.shape[0], dtype=bool)
    few[[7, 2999, 1200]] = True
    assert sorted(index.search(query, 50, mask=few).indices.tolist()) == [7, 1200, 2999]
    nothing = np.zeros(MATRIX.shape[0], dtype=bool)
    assert index.search(query, 5, mask=nothing).indices.tolist() == []


@pytest.mark.parametrize("shards", [1, 3])
def test_pq_refine_filters_by_over_fetch_and_falls_back_to_the_fp16_scan(shards: int) -> None:
    query = QUERIES[0]
    ranked = np.array(brute_force(MATRIX, query, MATRIX.shape[0]))
    most = np.random.default_rng(5).random(MATRIX.shape[0]) < 0.7  # over-fetch in the PQ
    worst = np.zeros(MATRIX.shape[0], dtype=bool)
    worst[ranked[1200:]] = True  # 60% allowed, but none of the best 1,200 rows
    # k_factor 1: the over-fetched rows are all filtered out, so the fp16 scan must answer.
    for k_factor, allowed in ((256, most), (1, worst)):
        index = FaissScalarIndex(MATRIX, "faiss-pq-refine", shards=shards, k_factor=k_factor)

        result = index.search(query, 50, mask=allowed)

        assert len(result.indices) == 50
        assert allowed[result.indices].all()
        exact = np.array(brute_force(MATRIX, query, 50, allowed))
        assert recall_at_k(result.indices, exact) >= 0.96


@pytest.mark.parametrize("kind", ["exact", "faiss-fp16", "faiss-sq8", "faiss-pq-refine"])
def test_k_above_size_and_empty_index(kind: str) -> None:
    small = MATRIX[:7]
    result = sharded(kind)(small).search(QUERIES[0], 50)

    assert sorted(result.indices.tolist()) == list(range(7))
    empty = sharded(kind)(np.zeros((0, DIMENSION), dtype=np.float32))
    assert empty.size == 0
    assert empty.search(QUERIES[0], 5).indices.tolist() == []


def test_bad_input_is_rejected() -> None:
    index = FaissScalarIndex(MATRIX)

    with pytest.raises(ValueError, match="k must be positive"):
        index.search(QUERIES[0], 0)
    with pytest.raises(ValueError, match="Query has dimension 3"):
        index.search(np.ones(3, dtype=np.float32), 1)
    with pytest.raises(ValueError, match="Mask has 2 rows"):
        index.search(QUERIES[0], 1, mask=np.ones(2, dtype=bool))
    with pytest.raises(ValueError, match="Unknown index 'hnsw'"):
        parse_index_setting("hnsw")
    with pytest.raises(ValueError, match="ann_threshold"):
        IndexConfig(ann_threshold=-1)


def test_threshold_switches_auto_to_faiss() -> None:
    config = IndexConfig(kind="auto", ann_threshold=1000)

    assert choose_kind(999, config) == "exact"
    assert choose_kind(1000, config) == "faiss-pq-refine"
    assert choose_kind(0, IndexConfig(ann_threshold=0)) == "exact"
    assert choose_kind(10, IndexConfig(kind="faiss-sq8")) == "faiss-sq8"
    assert choose_kind(10**7, IndexConfig(kind="exact")) == "exact"
    cache = IndexCache()
    assert cache.get_or_build(MATRIX[:999], model_id="m", config=config).kind == "exact"
    assert cache.get_or_build(MATRIX[:1000], model_id="m", config=config).kind == (
        "faiss-pq-refine"
    )


def test_cache_builds_once_per_embedding_set_and_rebuilds_on_change() -> None:
    cache = IndexCache(maxsize=2)
    config = IndexConfig(kind="faiss-fp16")

    first = cache.get_or_build(MATRIX, model_id="m", config=config)
    again = cache.get_or_build(MATRIX.copy(), model_id="m", config=config)
    changed = MATRIX.copy()
    changed[10] = MATRIX[11]
    rebuilt = cache.get_or_build(changed, model_id="m", config=config)
    other_model = cache.get_or_build(MATRIX, model_id="other", config=config)

    assert again is first
    assert rebuilt is not first
    assert rebuilt.search(MATRIX[11], 2).indices.tolist() == [10, 11]
    assert other_model is not first
    assert (cache.builds, len(cache)) == (3, 2)
    versioned = cache.get_or_build(changed, model_id="m", config=config, version="2026-01-01")
    assert cache.get_or_build(MATRIX, model_id="m", config=config, version="2026-01-01") is (
        versioned
    )


def test_large_indexes_get_one_shard_per_thread() -> None:
    assert _default_shards(1_000_000, 2) == 2
    assert _default_shards(1_000_000, 64) == 20  # shards of at least 50,000 rows
    assert _default_shards(10_000, 16) == 1
    assert _default_shards(0, 16) == 1
