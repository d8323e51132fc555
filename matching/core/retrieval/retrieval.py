"""Stage-1 retrieval: exact top-k over stored unit vectors with one BLAS product."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.core.types import FloatArray

K_INVALID = "k must be positive, got {k}."
DIMENSION_MISMATCH = "Query has dimension {query}; the index holds dimension {index}."


@dataclass(frozen=True, slots=True)
class TopK:
    """Row indices of the best matches, best first, with their cosine similarities."""

    indices: npt.NDArray[np.int64]
    scores: FloatArray


def top_k(
    matrix: FloatArray, query: FloatArray, k: int, *, mask: npt.NDArray[np.bool_] | None = None
) -> TopK:
    """Exact top-``k`` rows of ``matrix`` by dot product with ``query``.

    Args:
        matrix: ``(n, d)`` float32 unit vectors (the candidates).
        query: ``(d,)`` unit vector (the vacancy).
        k: How many rows to return (fewer when ``n`` is smaller).
        mask: Optional ``(n,)`` booleans; rows that are False are never returned (filters).

    Returns:
        The best rows, best first (ties broken by row index).

    Raises:
        ValueError: When ``k`` is not positive or the dimensions differ.
    """
    if k <= 0:
        raise ValueError(K_INVALID.format(k=k))
    if matrix.shape[1] != query.shape[0]:
        raise ValueError(DIMENSION_MISMATCH.format(query=query.shape[0], index=matrix.shape[1]))
    scores = matrix @ query.astype(matrix.dtype, copy=False)
    if mask is None:
        return _best(scores, np.arange(scores.shape[0]), k)
    candidates = np.flatnonzero(mask)
    return _best(scores[candidates], candidates, k)


def _best(scores: FloatArray, candidates: npt.NDArray[np.int64], k: int) -> TopK:
    """The ``k`` best of ``scores`` (aligned with ``candidates``), best first, ties by row."""
    keep = min(k, scores.shape[0])
    if keep == 0:
        return TopK(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    part = np.argpartition(-scores, keep - 1)[:keep]
    order = part[np.lexsort((candidates[part], -scores[part]))]
    return TopK(candidates[order].astype(np.int64), scores[order].astype(np.float32))


def recall_at_k(found: npt.NDArray[np.int64], exact: npt.NDArray[np.int64]) -> float:
    """Share of the exact top-k rows that an approximate search also returned."""
    if exact.shape[0] == 0:
        return 1.0
    return float(np.intersect1d(found, exact).shape[0] / exact.shape[0])
