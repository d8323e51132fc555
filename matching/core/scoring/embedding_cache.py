"""An embedding store kept in one ``.npz`` file, so training and evaluation runs reuse vectors.

Only for offline commands (``train_ats_score``, ``evaluate_sensitivity --cache``): the product
keeps its vectors in the database (``matching.services.encoders.DatabaseEmbeddingStore``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from matching.core.encoding.embedding_store import EmbeddingKey, InMemoryEmbeddingStore

SEPARATOR = "::"


class NpzEmbeddingStore(InMemoryEmbeddingStore):
    """The in-memory store, loaded from and saved to ``path``."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        if self.path.is_file():
            with np.load(self.path) as saved:
                for name in saved.files:
                    model_id, kind, digest = name.split(SEPARATOR)
                    key = EmbeddingKey(model_id, kind, digest)
                    self._vectors[key] = saved[name]

    def save(self) -> None:
        """Write every vector to ``path`` (folders are created)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        arrays = {
            SEPARATOR.join((k.model_id, k.kind, k.text_sha256)): v for k, v in self._vectors.items()
        }
        temporary = self.path.with_suffix(".tmp.npz")
        np.savez(temporary, **arrays)  # type: ignore[arg-type]  # keys are array names
        temporary.replace(self.path)
