"""Token windows, whole-document coverage, chunk pooling and the embedding cache."""

import hashlib
import re
from collections.abc import Sequence

import numpy as np
import pytest

from matching.core.encoding.chunking import chunk_text, encode_documents, pool_chunks, token_windows
from matching.core.encoding.embedding_store import InMemoryEmbeddingStore
from matching.core.encoding.encoder import Encoder
from matching.core.encoding.registry import load_encoder
from matching.core.types import FloatArray, TextKind


class WordEncoder:
    """A fast stand-in: one token per word, vectors from a hash of the text, calls recorded."""

    dimension = 8
    model_id = "word-encoder"
    max_tokens = 5

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        return [match.span() for match in re.finditer(r"\S+", text)]

    def encode(self, texts: Sequence[str], *, kind: TextKind = "passage") -> FloatArray:
        self.encoded.extend(texts)
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:8], np.uint8) for t in texts]
        matrix = np.asarray(rows, dtype=np.float32).reshape(len(texts), 8) + 1.0
        normalised: FloatArray = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
        return normalised


@pytest.fixture(scope="session")
def minilm() -> Encoder:
    return load_encoder()


def test_token_windows_overlap_and_reach_the_end() -> None:
    assert token_windows(10, 4, 1) == [(0, 4), (3, 7), (6, 10)]
    assert token_windows(3, 4, 1) == [(0, 3)]
    assert token_windows(0, 4, 1) == [(0, 0)]


@pytest.mark.parametrize(("window", "overlap"), [(0, 0), (4, 4), (4, -1)])
def test_token_windows_reject_bad_sizes(window: int, overlap: int) -> None:
    with pytest.raises(ValueError, match="must be"):
        token_windows(10, window, overlap)


def test_chunk_text_splits_on_tokens_with_offsets() -> None:
    chunks = chunk_text("a b c d e f g h", WordEncoder(), overlap=2)

    assert [chunk.text for chunk in chunks] == ["a b c d e", "d e f g h"]
    assert [(chunk.start_token, chunk.end_token) for chunk in chunks] == [(0, 5), (3, 8)]
    assert [(chunk.start_char, chunk.end_char) for chunk in chunks] == [(0, 9), (6, 15)]


def test_a_20000_character_cv_is_fully_covered(minilm: Encoder) -> None:
    sentence = "Built Django and PostgreSQL services, led Kubernetes migrations at Acme. "
    text = (sentence * 300)[:20_000]
    spans = minilm.token_spans(text)

    chunks = chunk_text(text, minilm)

    covered: set[int] = set()
    for chunk in chunks:
        assert chunk.end_token - chunk.start_token <= minilm.max_tokens
        covered.update(range(chunk.start_token, chunk.end_token))
    assert covered == set(range(len(spans)))
    assert chunks[0].start_char == 0
    assert chunks[-1].end_char == spans[-1][1]
    assert len(chunks) == len(token_windows(len(spans), minilm.max_tokens, 32))
    assert len(chunks) > 15


def test_encode_documents_records_chunk_counts_and_encodes_every_chunk(minilm: Encoder) -> None:
    long_text = "Python developer with Django experience. " * 200
    result = encode_documents(["Short CV.", long_text], minilm)

    assert result.vectors.shape == (2, 384)
    assert result.vectors.dtype == np.float32
    assert np.linalg.norm(result.vectors, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)
    assert result.chunk_counts[0] == 1
    assert result.chunk_counts[1] == len(chunk_text(long_text, minilm))


def test_duplicates_are_encoded_once() -> None:
    encoder = WordEncoder()

    result = encode_documents(["one two", "one two", "three"], encoder)

    assert encoder.encoded == ["one two", "three"]
    assert np.array_equal(result.vectors[0], result.vectors[1])


def test_the_store_serves_unchanged_text_without_encoding_it_again() -> None:
    encoder = WordEncoder()
    store = InMemoryEmbeddingStore()
    first = encode_documents(["a b c d e f g", "h"], encoder, store=store)
    encoder.encoded.clear()

    second = encode_documents(["a b c d e f g", "h", "new"], encoder, store=store)

    assert encoder.encoded == ["new"]
    assert second.cache_hits == 2
    assert store.hits == 2
    assert len(store) == 3
    assert np.array_equal(first.vectors, second.vectors[:2])
    assert second.chunk_counts == (0, 0, 1)


def test_pool_chunks_mean_max_first() -> None:
    vectors = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)

    assert pool_chunks(vectors, "mean") == pytest.approx([2**-0.5, 2**-0.5])
    assert pool_chunks(vectors, "max") == pytest.approx([2**-0.5, 2**-0.5])
    assert pool_chunks(vectors, "first") == pytest.approx([1.0, 0.0])
    with pytest.raises(ValueError, match="Unknown chunk pooling"):
        pool_chunks(vectors, "median")  # type: ignore[arg-type]


def test_progress_is_reported_up_to_the_document_count() -> None:
    calls: list[tuple[int, int]] = []

    encode_documents(["a", "b c", "d"], WordEncoder(), on_progress=lambda *call: calls.append(call))

    assert calls[-1] == (3, 3)
