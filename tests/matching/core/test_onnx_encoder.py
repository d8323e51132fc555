"""int8 ONNX encoder: close to fp32, same windows, exported once, never mixed with fp32 caches."""

import json
from pathlib import Path

import numpy as np
import pytest

from matching.core.encoding import onnx_encoder
from matching.core.encoding.chunking import encode_documents
from matching.core.encoding.embedding_store import InMemoryEmbeddingStore
from matching.core.encoding.encoder import Encoder, check_precision, default_model_path, weights_id
from matching.core.encoding.onnx_encoder import (
    OnnxInt8Encoder,
    int8_model_file,
    pool_tokens,
    transformer_folder,
)
from matching.core.encoding.registry import load_encoder
from matching.core.encoding.sentence_transformer import SentenceTransformerEncoder

TEXTS = [
    "Senior Python developer: 6 years building Django REST APIs on PostgreSQL, Docker, CI/CD.",
    "Registered nurse with eight years on surgical wards; triage, wound care, medication rounds.",
    "Accountant (CPA). Month-end close, IFRS reporting, SAP FI, audits and tax filings.",
    "Warehouse team lead: forklift certified, inventory counts, shipping and receiving, safety.",
    "We are hiring a data engineer to build Spark and Airflow pipelines on AWS (S3, Redshift).",
]
SENTENCE = "Maintained Kubernetes clusters and wrote Terraform modules for the payments team. "


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx")


@pytest.fixture(scope="module")
def fp32() -> Encoder:
    return load_encoder()


@pytest.fixture(scope="module")
def fp32_before_export() -> np.ndarray:
    # A fresh fp32 model's vectors, taken before anything is exported in this process.
    return SentenceTransformerEncoder().encode(TEXTS)


@pytest.fixture(scope="module")
def int8(cache_dir: Path, fp32_before_export: np.ndarray) -> OnnxInt8Encoder:
    del fp32_before_export
    return OnnxInt8Encoder(cache_dir=cache_dir)


def test_int8_vectors_are_unit_float32_and_close_to_fp32(
    fp32: Encoder, int8: OnnxInt8Encoder
) -> None:
    reference, reduced = fp32.encode(TEXTS), int8.encode(TEXTS)

    assert reduced.dtype == np.float32
    assert np.linalg.norm(reduced, axis=1) == pytest.approx([1.0] * len(TEXTS), abs=1e-5)
    cosines = np.einsum("ij,ij->i", reference, reduced)
    assert cosines.min() >= 0.98
    assert not np.array_equal(reference, reduced)  # int8 really ran


def test_exporting_leaves_the_fp32_model_untouched(
    fp32_before_export: np.ndarray, int8: OnnxInt8Encoder
) -> None:
    assert int8.model_file.is_file()
    after = SentenceTransformerEncoder().encode(TEXTS)
    np.testing.assert_allclose(after, fp32_before_export, atol=1e-5)


def test_windows_are_the_fp32_ones_and_a_20000_character_cv_is_fully_used(
    fp32: Encoder, int8: OnnxInt8Encoder
) -> None:
    long_cv = (SENTENCE * 300)[:20_000]
    ending = long_cv[:-200] + " Fluent in Portuguese; certified scuba diving instructor."

    assert int8.max_tokens == fp32.max_tokens == 254
    assert int8.token_spans(long_cv) == fp32.token_spans(long_cv)
    reduced = encode_documents([long_cv, ending], int8)
    reference = encode_documents([long_cv], fp32)
    assert reduced.chunk_counts[0] == reference.chunk_counts[0] > 15
    assert float(reduced.vectors[0] @ reference.vectors[0]) >= 0.98
    assert not np.allclose(reduced.vectors[0], reduced.vectors[1])  # the last words count


def test_precision_is_part_of_the_model_id_and_cache_key(
    fp32: Encoder, int8: OnnxInt8Encoder
) -> None:
    store = InMemoryEmbeddingStore()
    encode_documents(TEXTS[:2], fp32, store=store)
    again = encode_documents(TEXTS[:2], int8, store=store)

    assert int8.precision == "int8"
    assert int8.device == "cpu"
    assert int8.model_id == f"{fp32.model_id}@int8"
    assert weights_id(int8.model_id) == fp32.model_id
    assert again.cache_hits == 0
    assert len(store) == 4


def test_the_export_is_cached_and_reused(
    cache_dir: Path, int8: OnnxInt8Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_second_export(*args: object) -> None:
        raise AssertionError("exported twice")

    monkeypatch.setattr(onnx_encoder, "_export_fp32", no_second_export)
    modified = int8.model_file.stat().st_mtime_ns
    again = OnnxInt8Encoder(cache_dir=cache_dir)

    assert again.model_file == int8.model_file == int8_model_file(default_model_path(), cache_dir)
    assert again.model_file.stat().st_mtime_ns == modified
    assert [path.name for path in cache_dir.iterdir()] == [int8.model_file.name]
    np.testing.assert_array_equal(again.encode(TEXTS[:1]), int8.encode(TEXTS[:1]))


def test_load_encoder_builds_int8_in_the_given_folder(cache_dir: Path) -> None:
    encoder = load_encoder(precision="int8", onnx_cache_dir=str(cache_dir))

    assert isinstance(encoder, OnnxInt8Encoder)
    assert encoder.model_file.parent == cache_dir


def test_changed_weights_get_a_new_export_file(tmp_path: Path) -> None:
    model = tmp_path / "my-model"
    model.mkdir()
    (model / "model.safetensors").write_bytes(b"x" * 10)
    first = int8_model_file(model, tmp_path)
    (model / "model.safetensors").write_bytes(b"x" * 11)

    assert int8_model_file(model, tmp_path) != first
    assert first.name.startswith("my-model-")
    assert first.name.endswith("-int8.onnx")


def test_a_model_with_a_dense_layer_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {
            "idx": 1,
            "name": "1",
            "path": "1_Pooling",
            "type": "sentence_transformers.models.Pooling",
        },
        {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
    ]
    (tmp_path / "modules.json").write_text(json.dumps(modules))

    with pytest.raises(ValueError, match="Dense.*MATCHING_PRECISION=fp32"):
        OnnxInt8Encoder(tmp_path, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_the_transformer_folder_follows_modules_json(tmp_path: Path) -> None:
    assert transformer_folder(default_model_path()) == default_model_path()
    assert transformer_folder(tmp_path) == tmp_path  # a plain Hugging Face folder
    modules = [{"idx": 0, "path": "0_Transformer", "type": "sentence_transformers.Transformer"}]
    (tmp_path / "modules.json").write_text(json.dumps(modules))
    assert transformer_folder(tmp_path) == tmp_path / "0_Transformer"


@pytest.mark.parametrize("device", ["cuda", "mps", "cuda:0"])
def test_int8_refuses_accelerators(device: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=f"CPU.*fp32 or bf16 on {device}"):
        OnnxInt8Encoder(device=device, cache_dir=tmp_path)


def test_missing_model_folder_and_unknown_pooling(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="never downloaded"):
        OnnxInt8Encoder(tmp_path / "absent", cache_dir=tmp_path)
    with pytest.raises(ValueError, match="mean, max, cls"):
        OnnxInt8Encoder(cache_dir=tmp_path, pooling="sum")  # type: ignore[arg-type]


def test_int8_is_a_precision_but_not_a_torch_one() -> None:
    assert check_precision("int8") == "int8"
    with pytest.raises(ValueError, match="OnnxInt8Encoder"):
        SentenceTransformerEncoder(precision="int8")


def test_pooling_ignores_padding() -> None:
    hidden = np.array([[[1.0, 4.0], [3.0, 0.0], [100.0, 100.0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0]])

    np.testing.assert_allclose(pool_tokens(hidden, mask, "mean"), [[2.0, 2.0]])
    np.testing.assert_allclose(pool_tokens(hidden, mask, "max"), [[3.0, 4.0]])
    np.testing.assert_allclose(pool_tokens(hidden, mask, "cls"), [[1.0, 4.0]])
