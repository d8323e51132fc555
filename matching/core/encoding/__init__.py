"""Encoders: the ``Encoder`` interface, its variants, the registry that picks one, chunked
encoding of whole documents and the embedding cache keys.

Public names: ``__all__``; those in ``_LAZY`` load on first use (``matching.core.lazy_exports``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matching.core.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from matching.core.encoding.chunking import encode_documents
    from matching.core.encoding.e5_encoder import E5Encoder
    from matching.core.encoding.embedding_store import (
        EmbeddingKey,
        EmbeddingStore,
        InMemoryEmbeddingStore,
        embedding_key,
    )
    from matching.core.encoding.encoder import (
        PRECISION_UNKNOWN,
        Encoder,
        Precision,
        check_precision,
        default_model_path,
        l2_normalise,
        weights_id,
    )
    from matching.core.encoding.onnx_encoder import OnnxInt8Encoder
    from matching.core.encoding.registry import encoder_id, load_encoder
    from matching.core.encoding.sentence_transformer import SentenceTransformerEncoder

# Public name -> the module that defines it (imported on first access).
_LAZY: dict[str, str] = {
    "E5Encoder": "matching.core.encoding.e5_encoder",
    "EmbeddingKey": "matching.core.encoding.embedding_store",
    "EmbeddingStore": "matching.core.encoding.embedding_store",
    "Encoder": "matching.core.encoding.encoder",
    "InMemoryEmbeddingStore": "matching.core.encoding.embedding_store",
    "OnnxInt8Encoder": "matching.core.encoding.onnx_encoder",
    "PRECISION_UNKNOWN": "matching.core.encoding.encoder",
    "Precision": "matching.core.encoding.encoder",
    "SentenceTransformerEncoder": "matching.core.encoding.sentence_transformer",
    "check_precision": "matching.core.encoding.encoder",
    "default_model_path": "matching.core.encoding.encoder",
    "embedding_key": "matching.core.encoding.embedding_store",
    "encode_documents": "matching.core.encoding.chunking",
    "encoder_id": "matching.core.encoding.registry",
    "l2_normalise": "matching.core.encoding.encoder",
    "load_encoder": "matching.core.encoding.registry",
    "weights_id": "matching.core.encoding.encoder",
}


__all__ = [
    "E5Encoder",
    "EmbeddingKey",
    "EmbeddingStore",
    "Encoder",
    "InMemoryEmbeddingStore",
    "OnnxInt8Encoder",
    "PRECISION_UNKNOWN",
    "Precision",
    "SentenceTransformerEncoder",
    "check_precision",
    "default_model_path",
    "embedding_key",
    "encode_documents",
    "encoder_id",
    "l2_normalise",
    "load_encoder",
    "weights_id",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
