"""A sentence-transformers model read from a local folder (fp32 or bf16, torch)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from matching.core.encoding.encoder import (
    MODEL_PATH_MISSING,
    POOLING_MODES,
    POOLING_UNKNOWN,
    PRECISION_SEPARATOR,
    TORCH_PRECISION_ONLY,
    Precision,
    TokenizerEncoderAttributes,
    check_precision,
    default_model_path,
    folder_fingerprint,
    l2_normalise,
    length_sorted_order,
    pick_device,
)
from matching.core.types import FloatArray, Pooling, TextKind


class SentenceTransformerEncoder(TokenizerEncoderAttributes):
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
        if pooling not in POOLING_MODES:
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
        self._tokenizer = self._model.tokenizer
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
    def precision(self) -> Precision:
        """``"fp32"`` or ``"bf16"``."""
        return self._precision

    @property
    def device(self) -> str:
        """Where the model runs, e.g. ``"cpu"`` or ``"cuda:0"``."""
        return str(self._model.device)

    @property
    def model(self) -> Any:
        """The underlying ``SentenceTransformer`` (for truncating baselines)."""
        return self._model

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
