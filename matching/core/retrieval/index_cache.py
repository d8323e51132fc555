"""Building the index a setting picks, and caching built indexes in-process.

Built indexes are cached (``IndexCache``) by (model id, kind, count, dimension, version), where
the version is the caller's (e.g. the newest embedding's update time) or a hash of the vectors'
bytes. A hash key cannot go stale: any changed, added or removed vector gives a new key, and old
indexes fall out of the small LRU. This is the one module that knows every index kind, so
``vector_index`` never imports ``faiss_index``.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from matching.core.retrieval.vector_index import (
    ExactIndex,
    IndexConfig,
    IndexKind,
    VectorIndex,
    as_matrix,
    choose_kind,
)
from matching.core.types import FloatArray

DEFAULT_CACHE_SIZE = 2


def build_index(matrix: FloatArray, kind: IndexKind) -> VectorIndex:
    """A fresh index of ``kind`` over ``matrix`` (rows are L2-normalised float32 vectors)."""
    if kind == "exact":
        return ExactIndex(matrix)
    from matching.core.retrieval.faiss_index import FaissScalarIndex  # FAISS only when asked for

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
        vectors = as_matrix(matrix)
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
