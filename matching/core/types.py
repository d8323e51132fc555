"""Frozen value types shared by the embedding side of the matching core."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

TextKind = Literal["query", "passage"]
Pooling = Literal["mean", "max", "cls"]

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class TextChunk:
    """One token window of a document.

    Attributes:
        text: The characters the window covers.
        start_char: Offset of the first character in the source text.
        end_char: Offset one past the last character in the source text.
        start_token: Index of the first token of the window.
        end_token: Index one past the last token of the window.
    """

    text: str
    start_char: int
    end_char: int
    start_token: int
    end_token: int


@dataclass(frozen=True, slots=True)
class DocumentEmbeddings:
    """Pooled document vectors with the number of chunks each document was split into.

    Attributes:
        vectors: ``(n_documents, dimension)`` L2-normalised float32 matrix.
        chunk_counts: Number of token windows encoded for each document (0 when cached).
        cache_hits: How many documents came from the embedding store.
    """

    vectors: FloatArray
    chunk_counts: tuple[int, ...]
    cache_hits: int


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """A resume-job pair with a graded relevance label (the contract's pairs format)."""

    id: str
    resume: str
    job: str
    job_id: str
    label: float
