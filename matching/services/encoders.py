"""The configured encoder, loaded once per process, and the database embedding store."""

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from django.conf import settings

from matching.core.encoder import (
    EmbeddingKey,
    Encoder,
    load_encoder,
)
from matching.core.types import FloatArray
from matching.models import EmbeddingRecord


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """The encoder named by MATCHING_MODEL_PATH (default: the bundled all-MiniLM-L6-v2)."""
    return load_encoder(
        settings.MATCHING_MODEL_PATH or None,
        device=settings.MATCHING_DEVICE or None,
        batch_size=settings.MATCHING_BATCH_SIZE,
        pooling=settings.MATCHING_POOLING,
        trust_remote_code=settings.MATCHING_TRUST_REMOTE_CODE,
    )


class DatabaseEmbeddingStore:
    """Embeddings keyed by (model id, kind, text sha256) in EmbeddingRecord rows."""

    def get_many(self, keys: Iterable[EmbeddingKey]) -> dict[EmbeddingKey, FloatArray]:
        wanted = list(keys)
        if not wanted:
            return {}
        by_hash: dict[tuple[str, str, str], EmbeddingKey] = {
            (key.model_id, key.kind, key.text_sha256): key for key in wanted
        }
        rows = EmbeddingRecord.objects.filter(
            model_id__in={key.model_id for key in wanted},
            text_sha256__in={key.text_sha256 for key in wanted},
        ).only("model_id", "kind", "text_sha256", "vector")
        found: dict[EmbeddingKey, FloatArray] = {}
        for row in rows:
            key = by_hash.get((row.model_id, row.kind, row.text_sha256))
            if key is not None:
                found[key] = np.frombuffer(bytes(row.vector), dtype="<f4").copy()
        return found

    def put_many(self, vectors: dict[EmbeddingKey, FloatArray]) -> None:
        rows = [
            EmbeddingRecord(
                model_id=key.model_id,
                kind=key.kind,
                text_sha256=key.text_sha256,
                dimension=int(vector.shape[0]),
                vector=np.asarray(vector, dtype="<f4").tobytes(),
            )
            for key, vector in vectors.items()
        ]
        EmbeddingRecord.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
