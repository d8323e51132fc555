"""Cache keys of embeddings and the store interface (memory here; Django persists them)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from matching.core.types import FloatArray, TextKind


@dataclass(frozen=True, slots=True)
class EmbeddingKey:
    """Cache key of one vector: the model (and chunking settings), the text form, its hash."""

    model_id: str
    kind: TextKind
    text_sha256: str


def embedding_key(model_id: str, kind: TextKind, text: str) -> EmbeddingKey:
    """Build the cache key of ``text`` encoded by ``model_id`` as ``kind``."""
    return EmbeddingKey(model_id, kind, hashlib.sha256(text.encode("utf-8")).hexdigest())


class EmbeddingStore(Protocol):
    """Where vectors are kept between calls (memory here; the Django layer persists them)."""

    def get_many(self, keys: Iterable[EmbeddingKey]) -> dict[EmbeddingKey, FloatArray]:
        """Return the stored vectors among ``keys`` (missing keys are absent)."""
        ...

    def put_many(self, vectors: dict[EmbeddingKey, FloatArray]) -> None:
        """Store vectors."""
        ...


class InMemoryEmbeddingStore:
    """A dict-backed ``EmbeddingStore`` that counts hits and misses."""

    def __init__(self) -> None:
        self._vectors: dict[EmbeddingKey, FloatArray] = {}
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._vectors)

    def get_many(self, keys: Iterable[EmbeddingKey]) -> dict[EmbeddingKey, FloatArray]:
        """Return the stored vectors among ``keys`` and update the hit counters."""
        found: dict[EmbeddingKey, FloatArray] = {}
        for key in keys:
            vector = self._vectors.get(key)
            if vector is None:
                self.misses += 1
            else:
                self.hits += 1
                found[key] = vector
        return found

    def put_many(self, vectors: dict[EmbeddingKey, FloatArray]) -> None:
        """Store vectors."""
        self._vectors.update(vectors)
