"""Whole-document embeddings: overlapping token windows, pooled, so no part of a text is dropped.

sentence-transformers truncates silently at ``max_seq_length``; a CV's skills are often past the
first 256 tokens. Here every document is cut into windows of the model's own tokens (with
overlap), every window is encoded, and the window vectors are pooled into one unit vector.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

import numpy as np

from matching.core.encoding.embedding_store import EmbeddingStore, embedding_key
from matching.core.encoding.encoder import Encoder, l2_normalise
from matching.core.types import DocumentEmbeddings, FloatArray, TextChunk, TextKind

ChunkPooling = Literal["mean", "max", "first"]

WINDOW_TOO_SMALL = "Window size must be positive, got {window}."
OVERLAP_INVALID = "Overlap must be in [0, window), got overlap={overlap} for window={window}."
CHUNK_POOLING_UNKNOWN = "Unknown chunk pooling {pooling!r}: expected mean, max or first."
DEFAULT_OVERLAP = 32

ProgressCallback = Callable[[int, int], None]


def token_windows(n_tokens: int, window: int, overlap: int) -> list[tuple[int, int]]:
    """Split ``range(n_tokens)`` into windows of ``window`` tokens that overlap by ``overlap``.

    Args:
        n_tokens: Number of tokens in the document.
        window: Tokens per window.
        overlap: Tokens shared by consecutive windows.

    Returns:
        ``(start, end)`` token ranges covering every token; ``[(0, 0)]`` for an empty text.

    Raises:
        ValueError: When ``window`` or ``overlap`` is out of range.
    """
    if window <= 0:
        raise ValueError(WINDOW_TOO_SMALL.format(window=window))
    if not 0 <= overlap < window:
        raise ValueError(OVERLAP_INVALID.format(overlap=overlap, window=window))
    if n_tokens <= window:
        return [(0, n_tokens)]
    step = window - overlap
    windows = []
    start = 0
    while True:
        end = min(start + window, n_tokens)
        windows.append((start, end))
        if end == n_tokens:
            return windows
        start += step


def chunk_text(text: str, encoder: Encoder, *, overlap: int = DEFAULT_OVERLAP) -> list[TextChunk]:
    """Cut ``text`` into overlapping windows of the encoder's tokens.

    Args:
        text: The document.
        encoder: Supplies the tokenizer (``token_spans``) and window size (``max_tokens``).
        overlap: Tokens shared by consecutive windows (capped below the window size).

    Returns:
        The windows in reading order; one chunk holding the whole text when it fits.
    """
    spans = encoder.token_spans(text)
    window = encoder.max_tokens
    if len(spans) <= window:
        return [TextChunk(text, 0, len(text), 0, len(spans))]
    chunks = []
    for start, end in token_windows(len(spans), window, min(overlap, window - 1)):
        start_char, end_char = spans[start][0], spans[end - 1][1]
        chunks.append(TextChunk(text[start_char:end_char], start_char, end_char, start, end))
    return chunks


def pool_chunks(vectors: FloatArray, pooling: ChunkPooling = "mean") -> FloatArray:
    """Pool a document's chunk vectors into one unit vector.

    Raises:
        ValueError: When ``pooling`` is unknown.
    """
    if pooling == "mean":
        pooled = vectors.mean(axis=0)
    elif pooling == "max":
        pooled = vectors.max(axis=0)
    elif pooling == "first":
        pooled = vectors[0]
    else:
        raise ValueError(CHUNK_POOLING_UNKNOWN.format(pooling=pooling))
    return l2_normalise(pooled.reshape(1, -1))[0]


def encode_documents(
    texts: Sequence[str],
    encoder: Encoder,
    *,
    kind: TextKind = "passage",
    pooling: ChunkPooling = "mean",
    overlap: int = DEFAULT_OVERLAP,
    store: EmbeddingStore | None = None,
    on_progress: ProgressCallback | None = None,
) -> DocumentEmbeddings:
    """Encode whole documents: each distinct text once, every token of it, cached by hash.

    Args:
        texts: Documents of any length (duplicates are encoded once).
        encoder: The sentence encoder.
        kind: ``"query"`` or ``"passage"`` form for asymmetric models.
        pooling: How a document's chunk vectors are combined.
        overlap: Tokens shared by consecutive windows.
        store: Optional cache keyed by (model and chunking settings, kind, sha256 of the text).
        on_progress: Called with (documents done, documents total).

    Returns:
        One pooled unit vector per input text, with the chunk count of each.
    """
    model_id = f"{encoder.model_id}|chunks:{pooling}:{overlap}"
    unique = list(dict.fromkeys(texts))
    keys = [embedding_key(model_id, kind, text) for text in unique]
    cached = store.get_many(keys) if store is not None else {}
    missing = [text for text, key in zip(unique, keys, strict=True) if key not in cached]
    fresh, counts = _encode_chunked(missing, encoder, kind, pooling, overlap, on_progress)
    if store is not None and fresh:
        store.put_many({embedding_key(model_id, kind, text): fresh[text] for text in missing})
    by_text = {
        text: cached[key] if key in cached else fresh[text]
        for text, key in zip(unique, keys, strict=True)
    }
    vectors = np.stack([by_text[text] for text in texts]) if texts else _empty(encoder)
    return DocumentEmbeddings(
        vectors=vectors.astype(np.float32, copy=False),
        chunk_counts=tuple(counts.get(text, 0) for text in texts),
        cache_hits=len(cached),
    )


def _encode_chunked(
    texts: Sequence[str],
    encoder: Encoder,
    kind: TextKind,
    pooling: ChunkPooling,
    overlap: int,
    on_progress: ProgressCallback | None,
) -> tuple[dict[str, FloatArray], dict[str, int]]:
    """Chunk every text, encode all chunks in length-sorted batches, pool per text."""
    chunked = [chunk_text(text, encoder, overlap=overlap) for text in texts]
    owners = [index for index, chunks in enumerate(chunked) for _ in chunks]
    chunk_texts = [chunk.text for chunks in chunked for chunk in chunks]
    vectors = _encode_in_parts(chunk_texts, encoder, kind, owners, len(texts), on_progress)
    bounds = np.cumsum([0] + [len(chunks) for chunks in chunked])
    pooled = {
        text: pool_chunks(vectors[bounds[index] : bounds[index + 1]], pooling)
        for index, text in enumerate(texts)
    }
    return pooled, {text: len(chunks) for text, chunks in zip(texts, chunked, strict=True)}


def _encode_in_parts(
    chunk_texts: list[str],
    encoder: Encoder,
    kind: TextKind,
    owners: list[int],
    n_documents: int,
    on_progress: ProgressCallback | None,
    part_size: int = 256,
) -> FloatArray:
    """Encode chunks in parts so progress can be reported between them."""
    if not chunk_texts:
        return _empty(encoder)
    parts = []
    for start in range(0, len(chunk_texts), part_size):
        parts.append(encoder.encode(chunk_texts[start : start + part_size], kind=kind))
        if on_progress is not None:
            done = owners[min(start + part_size, len(owners)) - 1] + 1
            on_progress(done if start + part_size < len(owners) else n_documents, n_documents)
    return np.concatenate(parts).astype(np.float32, copy=False)


def _empty(encoder: Encoder) -> FloatArray:
    return np.zeros((0, encoder.dimension), dtype=np.float32)
