"""Stage-1 retrieval: exact and FAISS vector indexes, the index cache, top-k and the
cross-encoder re-ranker.

Public names: ``__all__``; those in ``_LAZY`` load on first use (``matching.core.lazy_exports``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matching.core.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from matching.core.retrieval.index_cache import DEFAULT_INDEX_CACHE, IndexCache, build_index
    from matching.core.retrieval.reranker import CrossEncoderReranker
    from matching.core.retrieval.retrieval import TopK, top_k
    from matching.core.retrieval.vector_index import (
        ExactIndex,
        IndexConfig,
        VectorIndex,
        parse_index_setting,
    )

# Public name -> the module that defines it (imported on first access).
_LAZY: dict[str, str] = {
    "CrossEncoderReranker": "matching.core.retrieval.reranker",
    "DEFAULT_INDEX_CACHE": "matching.core.retrieval.index_cache",
    "ExactIndex": "matching.core.retrieval.vector_index",
    "IndexCache": "matching.core.retrieval.index_cache",
    "IndexConfig": "matching.core.retrieval.vector_index",
    "TopK": "matching.core.retrieval.retrieval",
    "VectorIndex": "matching.core.retrieval.vector_index",
    "build_index": "matching.core.retrieval.index_cache",
    "parse_index_setting": "matching.core.retrieval.vector_index",
    "top_k": "matching.core.retrieval.retrieval",
}


__all__ = [
    "CrossEncoderReranker",
    "DEFAULT_INDEX_CACHE",
    "ExactIndex",
    "IndexCache",
    "IndexConfig",
    "TopK",
    "VectorIndex",
    "build_index",
    "parse_index_setting",
    "top_k",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
