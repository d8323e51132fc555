"""Stage-1 index for the ranking service: the kind and threshold come from settings."""

from django.conf import settings

from matching.core.retrieval.index_cache import DEFAULT_INDEX_CACHE
from matching.core.retrieval.vector_index import IndexConfig, VectorIndex, parse_index_setting
from matching.core.types import FloatArray


def index_config() -> IndexConfig:
    """MATCHING_INDEX (auto|exact|faiss-fp16|faiss-sq8|faiss-pq-refine), MATCHING_ANN_THRESHOLD."""
    return IndexConfig(
        kind=parse_index_setting(settings.MATCHING_INDEX),
        ann_threshold=settings.MATCHING_ANN_THRESHOLD,
    )


def stage_one_index(matrix: FloatArray, *, model_id: str) -> VectorIndex:
    """The stage-1 index over a pool's vectors, built once per embedding set in this process.

    Keyed by a hash of the vectors, so a changed pool or re-encoded CV gets a fresh index.
    """
    return DEFAULT_INDEX_CACHE.get_or_build(matrix, model_id=model_id, config=index_config())
