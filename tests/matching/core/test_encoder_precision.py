"""bf16 weights: embeddings stay float32, unit length, ~equal to fp32, and never share a cache."""

import numpy as np
import pytest

from matching.core.encoding.chunking import encode_documents
from matching.core.encoding.embedding_store import InMemoryEmbeddingStore
from matching.core.encoding.encoder import Encoder, weights_id
from matching.core.encoding.registry import load_encoder
from matching.core.encoding.sentence_transformer import SentenceTransformerEncoder

TEXTS = [
    "Senior Python developer: 6 years building Django REST APIs on PostgreSQL, Docker, CI/CD.",
    "Registered nurse with eight years on surgical wards; triage, wound care, medication rounds.",
    "Accountant (CPA). Month-end close, IFRS reporting, SAP FI, audits and tax filings.",
    "Warehouse team lead: forklift certified, inventory counts, shipping and receiving, safety.",
    "We are hiring a data engineer to build Spark and Airflow pipelines on AWS (S3, Redshift).",
]


@pytest.fixture(scope="module")
def fp32() -> Encoder:
    return load_encoder()


@pytest.fixture(scope="module")
def bf16() -> Encoder:
    return load_encoder(precision="bf16")


def test_bf16_vectors_are_unit_float32_and_match_fp32(fp32: Encoder, bf16: Encoder) -> None:
    reference, reduced = fp32.encode(TEXTS), bf16.encode(TEXTS)

    assert reduced.dtype == np.float32
    assert np.linalg.norm(reduced, axis=1) == pytest.approx([1.0] * len(TEXTS), abs=1e-5)
    cosines = np.einsum("ij,ij->i", reference, reduced)
    assert cosines.min() >= 0.999
    # bf16 really ran: the vectors are close, not identical.
    assert not np.array_equal(reference, reduced)


def test_precision_is_part_of_the_model_id_and_cache_key(fp32: Encoder, bf16: Encoder) -> None:
    store = InMemoryEmbeddingStore()
    encode_documents(TEXTS[:2], fp32, store=store)
    again = encode_documents(TEXTS[:2], bf16, store=store)

    assert isinstance(bf16, SentenceTransformerEncoder)
    assert bf16.precision == "bf16"
    assert bf16.model_id == f"{fp32.model_id}@bf16"
    assert weights_id(bf16.model_id) == weights_id(fp32.model_id) == fp32.model_id
    assert again.cache_hits == 0
    assert len(store) == 4


def test_an_unknown_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="fp32, bf16"):
        SentenceTransformerEncoder(precision="int4")  # type: ignore[arg-type]
