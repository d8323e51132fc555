"""Best-matching experience windows: how close the CV's closest passages come to the posting.

Both texts are cut into passages of ``WINDOW_WORDS`` words (``WINDOW_STRIDE`` apart); each CV
passage takes its best cosine to any posting passage, and the window fit is the mean of the
``TOP_K`` best of those (fewer when the CV is shorter). A CV that answers the posting's
responsibilities in a few places scores high even when the rest of it is about other things,
which a whole-document mean cannot show.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from matching.core.encoding.chunking import encode_documents
from matching.core.encoding.embedding_store import EmbeddingStore
from matching.core.encoding.encoder import Encoder

WINDOW_WORDS = 60
WINDOW_STRIDE = 40
TOP_K = 3
MAX_WINDOWS = 40


def passages(text: str, words: int = WINDOW_WORDS, stride: int = WINDOW_STRIDE) -> list[str]:
    """Overlapping word windows of ``text`` (at most ``MAX_WINDOWS``; the text itself if short)."""
    tokens = text.split()
    if len(tokens) <= words:
        return [" ".join(tokens)] if tokens else [""]
    starts = range(0, max(len(tokens) - words, 0) + stride, stride)
    windows = [" ".join(tokens[start : start + words]) for start in starts]
    return windows[:MAX_WINDOWS]


def top_k_mean(cosines: npt.NDArray[np.float32], k: int = TOP_K) -> float:
    """Mean of the ``k`` best per-CV-passage cosines (rows: CV passages; columns: posting)."""
    best = np.sort(cosines.max(axis=1))[::-1]
    return float(best[:k].mean())


def window_fits(
    resumes: Sequence[str],
    jobs: Sequence[str],
    encoder: Encoder,
    store: EmbeddingStore | None = None,
) -> npt.NDArray[np.float64]:
    """The window fit of every (redacted resume, job) pair, each distinct text cut once."""
    distinct = list(dict.fromkeys([*resumes, *jobs]))
    cut = {text: passages(text) for text in distinct}
    flat = list(dict.fromkeys(p for text in distinct for p in cut[text]))
    vectors = encode_documents(flat, encoder, store=store).vectors
    row = {passage: index for index, passage in enumerate(flat)}
    matrices = {text: vectors[[row[p] for p in cut[text]]] for text in distinct}
    cache: dict[tuple[str, str], float] = {}
    fits = np.empty(len(resumes), dtype=np.float64)
    for index, (resume, job) in enumerate(zip(resumes, jobs, strict=True)):
        key = (resume, job)
        if key not in cache:
            cache[key] = top_k_mean(matrices[resume] @ matrices[job].T)
        fits[index] = cache[key]
    return fits
