"""Candidate matrices and exact neighbours for the stage-1 benchmark (``benchmarks/ranking.py``).

Random mode (``random_workload``): random unit vectors, queries perturbed candidates (noise 0.05
per dimension), so each query has one true neighbour and the rest of its top-k is noise order.

Real mode: the real CVs (``benchmarks.corpus``: eval resumes and livecareer PDFs) and postings
are encoded with the product's encoder as the ranking service does (``redact``, then
``encode_documents``: whole-document chunked, mean-pooled, unit vectors). The candidate matrix
holds every real CV vector, then perturbed copies (a real CV's vector plus Gaussian noise,
renormalised) up to the requested size: clusters of near-duplicates around real CVs. The noise
is set from the data: two copies of one CV are, on average, as similar as a real CV and its
closest other real CV (median over the CVs), so a cluster is as tight as the tightest real
pairs, not tighter. Queries are real posting vectors (``postings``) or fresh perturbed copies of
real CVs (``cvs``).

Truth: the exact top-k of every query, by brute force in float64 (blockwise matrix products),
so recall is measured against the exact neighbours, not against another float32 scan. A found
row counts as a hit when its exact score reaches the k-th exact score minus ``TIE_TOLERANCE``
(float32 rounding: near-duplicates can tie to 1e-7), the ann-benchmarks rule with a far smaller
epsilon; ``recall_ids`` is the strict share of exact ids found.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from benchmarks.corpus import REPO_ROOT, RealTexts

CACHE_DIR = REPO_ROOT / "var" / "benchmarks"
TIE_TOLERANCE = 1e-6
BLOCK_ROWS = 65_536
RANDOM_DIMENSION = 384  # the packaged encoder's
FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class RealBase:
    """Encoded real CVs and postings (unit float32 rows) and the noise derived from them."""

    cvs: FloatArray
    postings: FloatArray
    source: str
    model_id: str
    neighbour_cosine: float  # median, over the CVs, of the cosine to the closest other CV

    @property
    def noise_sigma(self) -> float:
        """Per-dimension noise that puts two copies of a CV at ``neighbour_cosine``."""
        return sigma_for_copy_cosine(math.sqrt(self.neighbour_cosine), self.cvs.shape[1])


@dataclass(frozen=True, slots=True)
class Truth:
    """Exact top-k rows (best first) and their float64 scores, one row per query."""

    indices: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]


def sigma_for_copy_cosine(copy_cosine: float, dimension: int) -> float:
    """Noise per dimension so that ``base + noise`` has cosine ``copy_cosine`` with the base."""
    return math.sqrt((1.0 / copy_cosine**2 - 1.0) / dimension)


def neighbour_cosine(vectors: FloatArray) -> float:
    """Median over the rows of the cosine to their closest other row."""
    similarity = vectors.astype(np.float64) @ vectors.astype(np.float64).T
    np.fill_diagonal(similarity, -np.inf)
    return float(np.median(similarity.max(axis=1)))


def _encode(texts: list[str]) -> tuple[FloatArray, str]:
    """Product encoding of documents: the packaged encoder, redacted, whole-document chunked."""
    # Imported here: a run on cached vectors (and the tests) should not load torch.
    from matching.core.encoding.chunking import encode_documents
    from matching.core.encoding.registry import load_encoder
    from matching.core.redaction import redact

    encoder = load_encoder()
    vectors = encode_documents([redact(text) for text in texts], encoder).vectors
    return vectors.astype(np.float32), encoder.model_id


def encode_real(texts: RealTexts, cache_dir: Path | None = None) -> RealBase:
    """Encode the real texts, cached on disk by their hash (``cache_dir`` or ``CACHE_DIR``)."""
    cache_dir = cache_dir or CACHE_DIR
    digest = hashlib.sha256("\x00".join((*texts.cvs, "\x01", *texts.postings)).encode()).hexdigest()
    path = cache_dir / f"ranking-embeddings-{digest[:16]}.npz"
    if path.is_file():
        saved = np.load(path)
        cvs, postings, model_id = saved["cvs"], saved["postings"], str(saved["model_id"])
    else:
        vectors, model_id = _encode([*texts.cvs, *texts.postings])
        cvs, postings = vectors[: len(texts.cvs)], vectors[len(texts.cvs) :]
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, cvs=cvs, postings=postings, model_id=np.array(model_id))
    return RealBase(
        cvs=cvs,
        postings=postings,
        source=texts.source,
        model_id=model_id,
        neighbour_cosine=neighbour_cosine(cvs),
    )


def perturbed(
    rng: np.random.Generator, base: FloatArray, picks: npt.NDArray[np.int64], sigma: float
) -> FloatArray:
    """``base[picks]`` plus Gaussian noise of ``sigma`` per dimension, renormalised."""
    rows = base[picks] + rng.standard_normal((len(picks), base.shape[1]), dtype=np.float32) * sigma
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows.astype(np.float32, copy=False)


def clustered_matrix(
    rng: np.random.Generator, base: FloatArray, rows: int, sigma: float
) -> FloatArray:
    """The real vectors, then perturbed copies of them in turn (row r copies ``r % len(base)``)."""
    matrix = np.empty((rows, base.shape[1]), dtype=np.float32)
    keep = min(rows, base.shape[0])
    matrix[:keep] = base[:keep]
    for start in range(keep, rows, BLOCK_ROWS):
        stop = min(rows, start + BLOCK_ROWS)
        picks = np.arange(start, stop, dtype=np.int64) % base.shape[0]
        matrix[start:stop] = perturbed(rng, base, picks, sigma)
    return matrix


def exact_top_k(matrix: FloatArray, queries: FloatArray, k: int) -> Truth:
    """Exact top-k of every query over ``matrix``, in float64, block by block."""
    queries64 = queries.astype(np.float64).T
    best_rows = np.zeros((queries.shape[0], 0), dtype=np.int64)
    best_scores = np.zeros((queries.shape[0], 0), dtype=np.float64)
    for start in range(0, matrix.shape[0], BLOCK_ROWS):
        scores = (matrix[start : start + BLOCK_ROWS].astype(np.float64) @ queries64).T
        keep = min(k, scores.shape[1])
        part = np.argpartition(-scores, keep - 1, axis=1)[:, :keep]
        best_rows = np.concatenate([best_rows, part + start], axis=1)
        best_scores = np.concatenate([best_scores, np.take_along_axis(scores, part, 1)], axis=1)
        if best_rows.shape[1] > k:
            order = np.lexsort((best_rows, -best_scores), axis=1)[:, :k]
            best_rows = np.take_along_axis(best_rows, order, 1)
            best_scores = np.take_along_axis(best_scores, order, 1)
    order = np.lexsort((best_rows, -best_scores), axis=1)
    return Truth(np.take_along_axis(best_rows, order, 1), np.take_along_axis(best_scores, order, 1))


def tie_aware_recall(
    found: npt.NDArray[np.int64],
    matrix: FloatArray,
    query: FloatArray,
    kth_score: float,
    k: int,
) -> float:
    """Share of k found rows whose exact score reaches the k-th exact score (ties counted)."""
    rows = found[:k]
    if rows.shape[0] == 0:
        return 0.0
    exact = matrix[rows].astype(np.float64) @ query.astype(np.float64)
    return float(min(k, int(np.sum(exact >= kth_score - TIE_TOLERANCE))) / k)


def unit_vectors(rng: np.random.Generator, rows: int, dimension: int) -> np.ndarray:
    """``rows`` random float32 unit vectors, built in blocks to bound peak memory."""
    matrix = np.empty((rows, dimension), dtype=np.float32)
    for start in range(0, rows, 100_000):
        block = rng.standard_normal((min(100_000, rows - start), dimension), dtype=np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        matrix[start : start + block.shape[0]] = block
    return matrix


def near_queries(rng: np.random.Generator, matrix: np.ndarray, count: int) -> np.ndarray:
    """Perturbed candidates (noise 0.05 per dimension), renormalised."""
    picks = rng.integers(0, matrix.shape[0], count)
    noise = rng.standard_normal((count, matrix.shape[1]), dtype=np.float32) * 0.05
    queries = matrix[picks] + noise
    return queries / np.linalg.norm(queries, axis=1, keepdims=True)


def random_workload(
    rng: np.random.Generator, size: int, count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Random unit vectors; queries are perturbed candidates (one true neighbour each)."""
    matrix = unit_vectors(rng, size, RANDOM_DIMENSION)
    return matrix, near_queries(rng, matrix, count)
