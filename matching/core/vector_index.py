"""Stage-1 vector indexes: the exact BLAS scan, or a FAISS index for large sets.

All search L2-normalised float32 vectors by inner product (cosine) and return ``TopK`` in
row space, best first, ties by row (score desc, then row). The exact scan is the default; at
``ann_threshold`` vectors and above, ``auto`` switches to ``faiss-pq-refine``: a 4-bit PQ
fast-scan picks ``k_factor`` times the rows wanted and fp16 codes re-score them. Together the
codes take 0.54 of float32's memory, and at 1M random vectors on 2 cores it measured
recall@50 0.997 in a fifth of the fp16 flat scan's time (``docs/evaluation/ranking.md``).
``faiss-fp16`` (flat scan over fp16 codes, half the memory, recall 0.998) and ``faiss-sq8``
(8-bit codes, a quarter of the memory, recall 0.98) remain selectable.

Filters (a boolean mask of allowed rows) are pushed into the flat scans with an
``IDSelectorBitmap``. The PQ fast-scan takes no selector, so ``faiss-pq-refine`` over-fetches
and drops filtered-out rows when most rows are allowed, and otherwise (or when too few
survive) scans its fp16 codes with the bitmap. No index returns a filtered-out row, and each
returns ``k`` rows whenever ``k`` rows are allowed.

Built indexes are cached in-process (``IndexCache``) by (model id, kind, count, dimension,
version), where the version is the caller's (e.g. the newest embedding's update time) or a hash
of the vectors' bytes. A hash key cannot go stale: any changed, added or removed vector gives a
new key, and old indexes fall out of the small LRU.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any, Literal, Protocol, cast, get_args

import numpy as np
import numpy.typing as npt

from matching.core.retrieval import DIMENSION_MISMATCH, K_INVALID, TopK, top_k
from matching.core.types import FloatArray

IndexKind = Literal["exact", "faiss-fp16", "faiss-sq8", "faiss-pq-refine"]
IndexSetting = Literal["auto", "exact", "faiss-fp16", "faiss-sq8", "faiss-pq-refine"]
ApproximateKind = Literal["faiss-fp16", "faiss-sq8", "faiss-pq-refine"]

DEFAULT_ANN_THRESHOLD = 200_000
AUTO_APPROXIMATE: ApproximateKind = "faiss-pq-refine"
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
DEFAULT_CACHE_SIZE = 2
MIN_SHARD_ROWS = 50_000

INDEX_SETTING_UNKNOWN = "Unknown index {value!r}: expected one of {choices}."
THRESHOLD_INVALID = "ann_threshold must be >= 0, got {value}."
MASK_MISMATCH = "Mask has {mask} rows; the index holds {size}."
MATRIX_NOT_2D = "Vectors must be a 2-d (n, d) array, got shape {shape}."


@dataclass(frozen=True, slots=True)
class IndexConfig:
    """Which index stage 1 uses: ``auto`` picks the exact scan below ``ann_threshold`` vectors."""

    kind: IndexSetting = "auto"
    ann_threshold: int = DEFAULT_ANN_THRESHOLD

    def __post_init__(self) -> None:
        parse_index_setting(self.kind)
        if self.ann_threshold < 0:
            raise ValueError(THRESHOLD_INVALID.format(value=self.ann_threshold))


def parse_index_setting(value: str) -> IndexSetting:
    """``value`` as an index setting (e.g. from MATCHING_INDEX).

    Raises:
        ValueError: When it names no index.
    """
    choices = get_args(IndexSetting)
    if value not in choices:
        raise ValueError(INDEX_SETTING_UNKNOWN.format(value=value, choices=", ".join(choices)))
    return cast(IndexSetting, value)


def choose_kind(size: int, config: IndexConfig) -> IndexKind:
    """The index for ``size`` vectors: the configured one, or by threshold under ``auto``."""
    if config.kind != "auto":
        return config.kind
    return AUTO_APPROXIMATE if size and size >= config.ann_threshold else "exact"


class VectorIndex(Protocol):
    """Top-k inner-product search over a fixed set of unit vectors (rows)."""

    @property
    def kind(self) -> IndexKind: ...

    @property
    def size(self) -> int: ...

    @property
    def nbytes(self) -> int:
        """Bytes of the searched vectors or codes (not counting Python overhead)."""
        ...

    def search(
        self, query: FloatArray, k: int, *, mask: npt.NDArray[np.bool_] | None = None
    ) -> TopK:
        """The best ``k`` rows for ``query`` (unit vector), best first; False rows never appear."""
        ...


class ExactIndex:
    """The exact scan: one float32 BLAS matrix-vector product per query (``retrieval.top_k``)."""

    __slots__ = ("_matrix",)

    def __init__(self, matrix: FloatArray) -> None:
        self._matrix = _as_matrix(matrix)

    @property
    def kind(self) -> IndexKind:
        return "exact"

    @property
    def size(self) -> int:
        return int(self._matrix.shape[0])

    @property
    def nbytes(self) -> int:
        return int(self._matrix.nbytes)

    def search(
        self, query: FloatArray, k: int, *, mask: npt.NDArray[np.bool_] | None = None
    ) -> TopK:
        _check_mask(mask, self.size)
        return top_k(self._matrix, query, k, mask=mask)


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
        vectors = _as_matrix(matrix)
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
        _check_mask(mask, self.size)
        allowed = self.size if mask is None else int(np.count_nonzero(mask))
        if allowed == 0:
            return _empty()
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


def build_index(matrix: FloatArray, kind: IndexKind) -> VectorIndex:
    """A fresh index of ``kind`` over ``matrix`` (rows are L2-normalised float32 vectors)."""
    if kind == "exact":
        return ExactIndex(matrix)
    return FaissScalarIndex(matrix, kind)


def fingerprint(matrix: FloatArray) -> str:
    """A content hash of the vectors (shape, dtype and bytes) for cache keys."""
    vectors = np.ascontiguousarray(matrix)
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(f"{vectors.shape}:{vectors.dtype.str}".encode())
    digest.update(vectors.data)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class IndexKey:
    """What a built index depends on."""

    model_id: str
    kind: IndexKind
    size: int
    dimension: int
    version: str


class IndexCache:
    """Built approximate indexes, least recently used out first; exact scans are not cached.

    One per process (each web worker holds its own). The lock makes concurrent requests for
    the same vectors build once.
    """

    def __init__(self, maxsize: int = DEFAULT_CACHE_SIZE) -> None:
        self._maxsize = maxsize
        self._entries: OrderedDict[IndexKey, VectorIndex] = OrderedDict()
        self._lock = threading.Lock()
        self.builds = 0

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def get_or_build(
        self,
        matrix: FloatArray,
        *,
        model_id: str,
        config: IndexConfig,
        version: str | None = None,
    ) -> VectorIndex:
        """The index ``config`` picks for ``matrix``, built once per embedding set.

        Args:
            matrix: ``(n, d)`` L2-normalised float32 vectors, row ``i`` = candidate ``i``.
            model_id: The encoder (and pooling) that produced the vectors.
            config: Index kind and size threshold.
            version: A cheap caller-side version of the vectors (e.g. the newest embedding's
                update time); when None the vectors' bytes are hashed, which never goes stale.
        """
        vectors = _as_matrix(matrix)
        kind = choose_kind(vectors.shape[0], config)
        if kind == "exact":
            return ExactIndex(vectors)
        content = fingerprint(vectors) if version is None else version
        key = IndexKey(model_id, kind, int(vectors.shape[0]), int(vectors.shape[1]), content)
        with self._lock:
            index = self._entries.get(key)
            if index is None:
                index = build_index(vectors, kind)
                self.builds += 1
                self._entries[key] = index
                while len(self._entries) > self._maxsize:
                    self._entries.popitem(last=False)
            self._entries.move_to_end(key)
            return index


DEFAULT_INDEX_CACHE = IndexCache()


def _as_matrix(matrix: FloatArray) -> FloatArray:
    if matrix.ndim != 2:
        raise ValueError(MATRIX_NOT_2D.format(shape=matrix.shape))
    return np.ascontiguousarray(matrix, dtype=np.float32)


def _check_mask(mask: npt.NDArray[np.bool_] | None, size: int) -> None:
    if mask is not None and mask.shape != (size,):
        raise ValueError(MASK_MISMATCH.format(mask=mask.shape[0], size=size))


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


def _empty() -> TopK:
    return TopK(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


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
