"""FAISS indexes for stage 1 (see ``vector_index`` for when they are used).

Scalar-quantised flat scans (``faiss-fp16``, ``faiss-sq8``) and a 4-bit PQ fast-scan whose
candidates are re-scored with fp16 codes (``faiss-pq-refine``). Rows are cut into contiguous
shards searched in parallel; filters go into the flat scans as an ``IDSelectorBitmap`` and, for
the PQ, by over-fetching (or an fp16 bitmap scan when few rows are allowed).
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.core.retrieval.retrieval import DIMENSION_MISMATCH, K_INVALID, TopK
from matching.core.retrieval.vector_index import (
    AUTO_APPROXIMATE,
    ApproximateKind,
    IndexKind,
    as_matrix,
    check_mask,
    empty_top_k,
)
from matching.core.types import FloatArray

# Fetch a few rows past k so rows tied at the k-th score are cut by row, not by FAISS's heap.
TIE_MARGIN = 8
SQ8_TRAINING_ROWS = 100_000
# PQ fast-scan: one 4-bit sub-quantiser per 3 dimensions (128 at 384-d, 64 bytes a row),
# trained on an even sample; k_factor times the rows wanted are re-scored with fp16 codes.
# At 1M random vectors in 2 shards k_factor 256 gave recall@50 0.999 (128: 0.995).
PQ_DIMENSIONS_PER_CODE = 3
PQ_TRAINING_ROWS = 50_000
PQ_MIN_ROWS = 1_000  # below this the PQ has too little to learn from: fp16 scan only
PQ_K_FACTOR = 256
# With a filter, over-fetch in the PQ when at least this share of a shard's rows is allowed
# (fetch / share, times the slack); otherwise scan the fp16 codes with the bitmap.
OVERFETCH_MIN_SHARE = 0.5
OVERFETCH_SLACK = 1.5
MIN_SHARD_ROWS = 50_000


class FaissScalarIndex:
    """FAISS over scalar-quantised codes: flat scans (fp16, 8-bit) or PQ re-scored by fp16.

    FAISS spreads a batch of queries over threads but scans for one query on one thread, so
    the rows are cut into contiguous shards searched in parallel (FAISS releases the GIL) and
    merged: one query then uses every core, as the BLAS scan does.
    """

    __slots__ = ("_bases", "_dimension", "_flat", "_k_factor", "_kind", "_offsets", "_shards")

    def __init__(
        self,
        matrix: FloatArray,
        kind: ApproximateKind = AUTO_APPROXIMATE,
        *,
        shards: int | None = None,
        k_factor: int = PQ_K_FACTOR,
    ) -> None:
        faiss = _faiss()
        vectors = as_matrix(matrix)
        self._kind: ApproximateKind = kind
        self._dimension = int(vectors.shape[1])
        self._k_factor = k_factor
        count = shards or _default_shards(vectors.shape[0], faiss.omp_get_max_threads())
        bounds = np.linspace(0, vectors.shape[0], count + 1).astype(np.int64)
        self._offsets = bounds[:-1]
        pq = _trained_pq(vectors) if kind == "faiss-pq-refine" else None
        built = [self._shard(vectors, int(a), int(b), pq) for a, b in pairwise(bounds)]
        # IndexRefine does not own its parts: these lists keep them alive.
        self._shards = [search for search, _, _ in built]
        self._flat = [flat for _, flat, _ in built]
        self._bases = [base for _, _, base in built]

    def _shard(self, vectors: FloatArray, start: int, end: int, pq: Any) -> tuple[Any, Any, Any]:
        """(index searched, its flat scalar-quantised codes, its PQ fast-scan or None)."""
        faiss = _faiss()
        quantiser = (
            faiss.ScalarQuantizer.QT_8bit
            if self._kind == "faiss-sq8"
            else faiss.ScalarQuantizer.QT_fp16
        )
        flat = faiss.IndexScalarQuantizer(self._dimension, quantiser, faiss.METRIC_INNER_PRODUCT)
        if vectors.shape[0] and not flat.is_trained:
            # 8-bit codes learn each dimension's range: every shard learns it from the same
            # even sample of all rows, so scores from different shards compare.
            step = max(1, vectors.shape[0] // SQ8_TRAINING_ROWS)
            flat.train(np.ascontiguousarray(vectors[::step]))
        if pq is None:
            if end > start:
                flat.add(vectors[start:end])
            return flat, flat, None
        # Every shard copies the one trained PQ, so scores from different shards compare.
        base = faiss.clone_index(pq)
        refined = faiss.IndexRefine(base, flat)
        if end > start:
            refined.add(vectors[start:end])  # adds to both
        return refined, flat, base

    @property
    def kind(self) -> IndexKind:
        return self._kind

    @property
    def size(self) -> int:
        return sum(int(flat.ntotal) for flat in self._flat)

    @property
    def shards(self) -> int:
        return len(self._shards)

    @property
    def nbytes(self) -> int:
        parts = [*self._flat, *(base for base in self._bases if base is not None)]
        return sum(int(part.sa_code_size()) * int(part.ntotal) for part in parts)

    def search(
        self, query: FloatArray, k: int, *, mask: npt.NDArray[np.bool_] | None = None
    ) -> TopK:
        if k <= 0:
            raise ValueError(K_INVALID.format(k=k))
        if query.shape[0] != self._dimension:
            raise ValueError(DIMENSION_MISMATCH.format(query=query.shape[0], index=self._dimension))
        check_mask(mask, self.size)
        allowed = self.size if mask is None else int(np.count_nonzero(mask))
        if allowed == 0:
            return empty_top_k()
        queries = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        fetch = k + TIE_MARGIN
        jobs = range(len(self._shards))
        if len(self._shards) == 1:
            parts = [self._search_shard(0, queries, fetch, mask)]
        else:
            parts = list(_pool().map(lambda i: self._search_shard(i, queries, fetch, mask), jobs))
        rows = np.concatenate([part[0] for part in parts])
        scores = np.concatenate([part[1] for part in parts])
        order = np.lexsort((rows, -scores))[:k]
        return TopK(rows[order], scores[order])

    def _search_shard(
        self,
        number: int,
        queries: FloatArray,
        fetch: int,
        mask: npt.NDArray[np.bool_] | None,
    ) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """One shard's best rows (as global rows) and scores, unsorted across shards."""
        offset, size = int(self._offsets[number]), int(self._flat[number].ntotal)
        window = None if mask is None else mask[offset : offset + size]
        if size == 0:
            rows, scores = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        elif self._bases[number] is None:
            rows, scores = self._scan_flat(number, queries, fetch, window)
        else:
            rows, scores = self._scan_refined(number, queries, fetch, window)
        return rows + offset, scores

    def _scan_flat(
        self,
        number: int,
        queries: FloatArray,
        fetch: int,
        window: npt.NDArray[np.bool_] | None,
    ) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """A flat scan of the shard's codes; a filter goes into the scan as a bitmap."""
        faiss = _faiss()
        flat = self._flat[number]
        size = int(flat.ntotal)
        params, bitmap = None, None
        if window is not None:
            # The bitmap must outlive the search: FAISS keeps only a pointer to it.
            bitmap = np.packbits(window, bitorder="little")
            params = faiss.SearchParameters(
                sel=faiss.IDSelectorBitmap(size, faiss.swig_ptr(bitmap))
            )
        scores, rows = flat.search(queries, min(fetch, size), params=params)
        del bitmap
        return _found(rows, scores)

    def _scan_refined(
        self,
        number: int,
        queries: FloatArray,
        fetch: int,
        window: npt.NDArray[np.bool_] | None,
    ) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """PQ fast-scan candidates re-scored with fp16 codes.

        The fast-scan takes no selector: a filter over-fetches and drops filtered-out rows
        when most rows are allowed; otherwise, or when too few survive, the fp16 codes are
        scanned with the bitmap, so the shard still returns every allowed row it should.
        """
        size = int(self._flat[number].ntotal)
        want = min(fetch, size)
        allowed = size
        if window is not None:
            allowed = int(np.count_nonzero(window))
            share = allowed / size
            if share < OVERFETCH_MIN_SHARE:
                return self._scan_flat(number, queries, fetch, window)
            want = min(size, math.ceil(fetch / share * OVERFETCH_SLACK))
        # Small shards: never ask the PQ for (many) more rows than the shard holds.
        k_factor = max(1, min(self._k_factor, size // want))
        params = _faiss().IndexRefineSearchParameters(k_factor=k_factor)
        found_scores, found_rows = self._shards[number].search(queries, want, params=params)
        rows, scores = _found(found_rows, found_scores)
        if window is None:
            return rows, scores
        keep = window[rows]
        if np.count_nonzero(keep) < min(fetch, allowed):
            return self._scan_flat(number, queries, fetch, window)
        return rows[keep][:fetch], scores[keep][:fetch]


def _found(
    rows: npt.NDArray[np.int64], scores: FloatArray
) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """The first query's rows and scores, without FAISS's -1 pads (fewer rows than asked)."""
    found = rows[0] >= 0
    return rows[0][found].astype(np.int64), scores[0][found].astype(np.float32)


def _trained_pq(vectors: FloatArray) -> Any:
    """An empty 4-bit PQ fast-scan trained on an even sample, or None for too few rows."""
    rows, dimension = int(vectors.shape[0]), int(vectors.shape[1])
    if rows < PQ_MIN_ROWS:
        return None
    faiss = _faiss()
    codes = _pq_codes(dimension)
    pq = faiss.index_factory(dimension, f"PQ{codes}x4fs", faiss.METRIC_INNER_PRODUCT)
    # 128 tiny k-means (16 centroids in 3 dimensions) are all fork/join overhead under OpenMP:
    # one thread trained 20k rows in 2.5 s where two took 113 s on the loaded 2-core machine.
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        pq.train(np.ascontiguousarray(vectors[:: max(1, rows // PQ_TRAINING_ROWS)]))
    finally:
        faiss.omp_set_num_threads(threads)
    return pq


def _pq_codes(dimension: int) -> int:
    """Sub-quantisers for ``dimension``: about one per 3 dimensions, dividing it evenly."""
    target = max(1, dimension // PQ_DIMENSIONS_PER_CODE)
    return max(m for m in range(1, target + 1) if dimension % m == 0)


def _default_shards(rows: int, threads: int) -> int:
    """One shard per thread, none under ``MIN_SHARD_ROWS`` rows (threads cost more there)."""
    return max(1, min(threads, rows // MIN_SHARD_ROWS))


@lru_cache(maxsize=1)
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(thread_name_prefix="vector-index")


def _faiss() -> Any:
    """FAISS, imported on first use: the exact path never loads it."""
    import faiss

    return faiss
