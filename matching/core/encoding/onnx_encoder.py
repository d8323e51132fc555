"""An int8 ONNX Runtime copy of a local sentence-transformers model.

The folder's transformer is exported once with ``torch.onnx`` and its matrix products are
quantised to int8 per output channel (ONNX Runtime dynamic quantisation); the file is cached
under a name that carries the weights' fingerprint, so a changed model is exported again.
Tokenisation, windows and pooling are the sentence-transformers ones, so chunking is unchanged.
Measured on the eval CVs: cosine 0.993 to fp32 and about 2.4x fp32's speed on 2 CPU cores
(``docs/evaluation/matching.md``). Embedding matrices stay float32: quantising them costs
quality and buys no speed (a lookup is no product).
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from matching.core.encoding.encoder import (
    MODEL_PATH_MISSING,
    POOLING_UNKNOWN,
    PRECISION_SEPARATOR,
    TokenizerEncoderAttributes,
    default_model_path,
    folder_fingerprint,
    l2_normalise,
    length_sorted_order,
)
from matching.core.types import FloatArray, Pooling, TextKind

INT8 = "int8"
MODEL_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# Modules an exported transformer plus numpy pooling reproduces exactly.
SUPPORTED_MODULES = frozenset({"Transformer", "Pooling", "Normalize"})
UNSUPPORTED_LAYOUT = (
    "int8 needs a model of transformer + pooling (+ normalise); {path} also has {modules}. "
    "Use MATCHING_PRECISION=fp32 for it."
)
CPU_ONLY = "int8 runs on the CPU through ONNX Runtime; use fp32 or bf16 on {device}."
DEFAULT_CACHE_DIR = Path(tempfile.gettempdir()) / "fairmatch-onnx"


def transformer_folder(model_path: Path) -> Path:
    """The folder holding the transformer weights, checking the module layout on the way.

    Raises:
        ValueError: When the model has modules (a Dense layer, say) beyond transformer,
            pooling and normalise.
    """
    modules_file = model_path / "modules.json"
    if not modules_file.is_file():  # a plain Hugging Face folder: the transformer itself
        return model_path
    modules = json.loads(modules_file.read_text(encoding="utf-8"))
    kinds = {str(module["type"]).rsplit(".", 1)[-1]: module for module in modules}
    extra = sorted(set(kinds) - SUPPORTED_MODULES)
    if extra:
        raise ValueError(UNSUPPORTED_LAYOUT.format(path=model_path, modules=", ".join(extra)))
    return model_path / str(kinds.get("Transformer", {}).get("path", ""))


def max_sequence_length(model_path: Path, tokenizer: Any) -> int:
    """The window sentence-transformers uses: its config's ``max_seq_length``, else the
    tokenizer's limit (capped at 512, as some tokenizers report a huge sentinel)."""
    config = model_path / "sentence_bert_config.json"
    if config.is_file():
        value = json.loads(config.read_text(encoding="utf-8")).get("max_seq_length")
        if value:
            return int(value)
    return int(min(getattr(tokenizer, "model_max_length", 512), 512))


def int8_model_file(model_path: Path, cache_dir: Path) -> Path:
    """Where the int8 copy of ``model_path`` is cached (its name carries the fingerprint)."""
    return cache_dir / f"{model_path.name}-{folder_fingerprint(model_path)}-int8.onnx"


def export_int8_model(
    model_path: Path, cache_dir: Path, *, trust_remote_code: bool = False
) -> Path:
    """Export and quantise ``model_path`` once; later calls return the cached file.

    Concurrent callers (two workers starting together) each write a temporary file and
    rename it into place, so a reader never sees half a model.
    """
    target = int8_model_file(model_path, cache_dir)
    if target.is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as scratch:
        fp32_file = Path(scratch) / "model-fp32.onnx"
        _export_fp32(transformer_folder(model_path), fp32_file, trust_remote_code)
        int8_file = Path(scratch) / "model-int8.onnx"
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(
            fp32_file,
            int8_file,
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
        )
        os.replace(int8_file, target)
    return target


def _export_fp32(folder: Path, out_file: Path, trust_remote_code: bool) -> None:
    """Trace the transformer (eager attention, so the padding mask stays dynamic) to ONNX."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(
        str(folder), local_files_only=True, trust_remote_code=trust_remote_code
    )
    model = AutoModel.from_pretrained(
        str(folder),
        local_files_only=True,
        trust_remote_code=trust_remote_code,
        attn_implementation="eager",
    ).eval()
    names = [name for name in MODEL_INPUTS if name in tokenizer.model_input_names]
    # Two texts of different lengths: the traced graph must handle padding.
    sample = tokenizer(["a short text", "a somewhat longer sample text"], padding=True)
    inputs = tuple(torch.tensor(sample[name]) for name in names)

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, *tensors: Any) -> Any:
            return self.inner(**dict(zip(names, tensors, strict=True))).last_hidden_state

    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    # The tracer warns about shape checks that are constant for self-attention (query and key
    # lengths are always equal here); the int8 test compares real outputs instead.
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(),
            inputs,
            str(out_file),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )


class OnnxInt8Encoder(TokenizerEncoderAttributes):
    """The ``Encoder`` protocol over an int8 ONNX copy of a sentence-transformers folder.

    Args:
        model_path: Local sentence-transformers folder; ``None`` means the packaged MiniLM.
        cache_dir: Where the int8 file is kept (exported there on first use).
        device: Only ``None`` or ``"cpu"``.
        batch_size: Texts per forward pass.
        pooling: ``"mean"`` (default), ``"max"`` or ``"cls"``.
        trust_remote_code: Run model code shipped in the folder while exporting (opt-in).

    Raises:
        FileNotFoundError: When ``model_path`` does not exist.
        ValueError: For an unknown pooling, a GPU device or an unsupported module layout.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        cache_dir: str | Path | None = None,
        device: str | None = None,
        batch_size: int = 32,
        pooling: Pooling = "mean",
        trust_remote_code: bool = False,
    ) -> None:
        path = Path(model_path) if model_path else default_model_path()
        if not path.is_dir():
            raise FileNotFoundError(MODEL_PATH_MISSING.format(path=path))
        if pooling not in ("mean", "max", "cls"):
            raise ValueError(POOLING_UNKNOWN.format(pooling=pooling))
        if device not in (None, "", "cpu"):
            raise ValueError(CPU_ONLY.format(device=device))
        folder = transformer_folder(path)
        model_file = export_int8_model(
            path,
            Path(cache_dir) if cache_dir else DEFAULT_CACHE_DIR,
            trust_remote_code=trust_remote_code,
        )
        import onnxruntime
        from transformers import AutoTokenizer

        self._tokenizer = AutoTokenizer.from_pretrained(
            str(folder), local_files_only=True, trust_remote_code=trust_remote_code
        )
        self._session = onnxruntime.InferenceSession(
            str(model_file), providers=["CPUExecutionProvider"]
        )
        self._inputs = [node.name for node in self._session.get_inputs()]
        self._window = max_sequence_length(path, self._tokenizer)
        self._max_tokens = self._window - 2  # as SentenceTransformerEncoder
        self._pooling = pooling
        self._batch_size = batch_size
        self._dimension = int(self._session.get_outputs()[0].shape[-1])
        # The fp32 id with ``@int8``: caches and score versions never mix the two.
        self._model_id = (
            f"{path.name}:{folder_fingerprint(path)}:{pooling}{PRECISION_SEPARATOR}{INT8}"
        )
        self.model_file = model_file

    @property
    def precision(self) -> str:
        """``"int8"``."""
        return INT8

    @property
    def device(self) -> str:
        """Always ``"cpu"``."""
        return "cpu"

    def encode(self, texts: Sequence[str], *, kind: TextKind = "passage") -> FloatArray:
        """Encode texts, longest first in batches, into L2-normalised float32 rows."""
        del kind
        result = np.zeros((len(texts), self._dimension), dtype=np.float32)
        order = length_sorted_order(texts)
        for start in range(0, len(order), self._batch_size):
            rows = order[start : start + self._batch_size]
            batch = self._tokenizer(
                [texts[row] for row in rows],
                padding=True,
                truncation=True,
                max_length=self._window,
                return_tensors="np",
            )
            feed = {name: np.asarray(batch[name], dtype=np.int64) for name in self._inputs}
            hidden = self._session.run(None, feed)[0]
            result[rows] = pool_tokens(hidden, feed["attention_mask"], self._pooling)
        return l2_normalise(result)


def pool_tokens(hidden: Any, attention_mask: Any, pooling: Pooling) -> FloatArray:
    """Pool ``(batch, tokens, dim)`` states over real tokens, as sentence-transformers does."""
    states = np.asarray(hidden, dtype=np.float32)
    mask = np.asarray(attention_mask, dtype=np.float32)[..., None]
    if pooling == "cls":
        return states[:, 0].astype(np.float32)
    if pooling == "max":
        return np.where(mask > 0, states, -1e9).max(axis=1).astype(np.float32)
    summed = (states * mask).sum(axis=1)
    return (summed / np.maximum(mask.sum(axis=1), 1e-9)).astype(np.float32)
