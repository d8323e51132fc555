"""The stage-1 benchmark measures recall against the exact neighbours, at tiny sizes.

No timing is asserted: the figures live in docs/evaluation/ranking.md and docs/performance.md.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from benchmarks import corpus, ranking, ranking_data
from benchmarks.ranking_data import (
    clustered_matrix,
    exact_top_k,
    neighbour_cosine,
    perturbed,
    sigma_for_copy_cosine,
    tie_aware_recall,
)

SHARED_MISSING = "../shared/data/eval is absent: the real-embeddings mode needs its CVs"


def _unit_rows(rng: np.random.Generator, rows: int, dimension: int = 384) -> np.ndarray:
    matrix = rng.standard_normal((rows, dimension)).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def _report(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_the_blockwise_exact_top_k_is_the_full_sort(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ranking_data, "BLOCK_ROWS", 300)  # several blocks, a ragged last one
    rng = np.random.default_rng(0)
    matrix, queries = _unit_rows(rng, 2_000), _unit_rows(rng, 5)

    truth = exact_top_k(matrix, queries, 50)

    full = queries.astype(np.float64) @ matrix.astype(np.float64).T
    for number in range(5):
        assert truth.indices[number].tolist() == np.argsort(-full[number])[:50].tolist()
        assert np.allclose(truth.scores[number], np.sort(full[number])[::-1][:50])


def test_perturbed_copies_have_their_base_among_their_true_neighbours() -> None:
    rng = np.random.default_rng(1)
    base = _unit_rows(rng, 40)
    sigma = sigma_for_copy_cosine(0.9, 384)
    matrix = clustered_matrix(rng, base, 2_000, sigma)
    picks = np.arange(10, dtype=np.int64)

    truth = exact_top_k(matrix, perturbed(rng, base, picks, sigma), 50)

    assert np.array_equal(matrix[:40], base)
    copies = matrix[40:].reshape(-1, 40, 384)  # row r copies base r % 40
    assert np.allclose(np.einsum("nbd,bd->nb", copies, base).mean(), 0.9, atol=0.01)
    assert all(int(pick) in truth.indices[n] for n, pick in enumerate(picks))
    # The cluster of the base holds every true neighbour: 2,000 / 40 = 50 rows.
    assert all(set((truth.indices[n] % 40).tolist()) == {int(p)} for n, p in enumerate(picks))


def test_the_noise_comes_from_the_real_nearest_neighbour_cosine() -> None:
    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]], dtype=np.float32)

    assert neighbour_cosine(vectors) == pytest.approx(0.8)
    assert sigma_for_copy_cosine(1.0, 384) == 0.0


def test_tied_rows_count_as_hits_and_others_do_not() -> None:
    matrix = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    query = np.array([1.0, 0.0], dtype=np.float32)

    assert tie_aware_recall(np.array([1]), matrix, query, kth_score=1.0, k=1) == 1.0
    assert tie_aware_recall(np.array([2]), matrix, query, kth_score=1.0, k=1) == 0.0


def test_random_mode_scores_the_product_against_the_exact_baseline(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--json", "--data", "random", "--size", "2000", "--queries", "4"]
    assert ranking.main([*argv, "--indexes", "exact,faiss-pq-refine"]) == 0

    report = _report(capsys)
    assert report["data"] == "random"
    assert report["baseline"] == ranking.BASELINE
    assert report["baseline_recall"] == 1.0
    indexes = report["indexes"]
    assert isinstance(indexes, dict)
    assert indexes["exact"]["recall_ids"] == {"2000": 1.0}
    assert indexes["exact"]["shortlist_recall"] == {"2000": 1.0}
    assert 0.0 <= indexes["faiss-pq-refine"]["recall"]["2000"] <= 1.0
    assert report["index_by_size"] == {"2000": "exact"}


def test_without_shared_the_benchmark_says_so_and_uses_random_vectors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(corpus, "shared_present", lambda: False)

    assert ranking.main(["--json", "--size", "2000", "--queries", "2", "--indexes", "exact"]) == 0

    out = capsys.readouterr().out
    assert ranking.SHARED_ABSENT in out
    assert json.loads(out.strip().splitlines()[-1])["data"] == "random"


@pytest.mark.skipif(not corpus.shared_present(), reason=SHARED_MISSING)
def test_real_mode_encodes_real_cvs_and_measures_recall_against_exact(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(ranking_data, "CACHE_DIR", tmp_path)
    argv = ["--json", "--size", "2000", "--queries", "4", "--base-cvs", "8", "--no-pdfs"]
    argv += ["--base-postings", "3", "--indexes", "exact,faiss-sq8"]

    assert ranking.main(argv) == 0

    report = _report(capsys)
    assert (report["data"], report["base_cvs"], report["postings"]) == ("real", 8, 3)
    assert 0.0 < float(report["neighbour_cosine"]) < 1.0
    assert float(report["noise_sigma"]) > 0.0
    assert report["baseline_recall"] == 1.0
    indexes = report["indexes"]
    assert isinstance(indexes, dict)
    assert 0.0 <= indexes["faiss-sq8"]["recall"]["2000"] <= 1.0
    assert len(list(tmp_path.glob("ranking-embeddings-*.npz"))) == 1
