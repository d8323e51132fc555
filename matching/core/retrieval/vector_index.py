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

This module holds the kinds, the settings and the exact scan; ``faiss_index`` the FAISS kinds
(it imports this module, never the reverse); ``index_cache`` builds the kind a setting picks and
caches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, cast, get_args

import numpy as np
import numpy.typing as npt

from matching.core.retrieval.retrieval import TopK, top_k
from matching.core.types import FloatArray

IndexKind = Literal["exact", "faiss-fp16", "faiss-sq8", "faiss-pq-refine"]
IndexSetting = Literal["auto", "exact", "faiss-fp16", "faiss-sq8", "faiss-pq-refine"]
ApproximateKind = Literal["faiss-fp16", "faiss-sq8", "faiss-pq-refine"]

DEFAULT_ANN_THRESHOLD = 200_000
AUTO_APPROXIMATE: ApproximateKind = "faiss-pq-refine"

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
        self._matrix = as_matrix(matrix)

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
        check_mask(mask, self.size)
        return top_k(self._matrix, query, k, mask=mask)


def as_matrix(matrix: FloatArray) -> FloatArray:
    if matrix.ndim != 2:
        raise ValueError(MATRIX_NOT_2D.format(shape=matrix.shape))
    return np.ascontiguousarray(matrix, dtype=np.float32)


def check_mask(mask: npt.NDArray[np.bool_] | None, size: int) -> None:
    if mask is not None and mask.shape != (size,):
        raise ValueError(MASK_MISMATCH.format(mask=mask.shape[0], size=size))


def empty_top_k() -> TopK:
    return TopK(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
