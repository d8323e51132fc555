"""Pure numpy similarity functions over L2-normalised float32 vectors."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from matching.core.types import FloatArray

Matrix = npt.NDArray[np.float64]

SHAPE_MISMATCH = "Vectors have dimension {left} and {right}; they must match."


def cosine_matrix(left: FloatArray, right: FloatArray) -> FloatArray:
    """Cosine similarity of every row of ``left`` with every row of ``right``.

    Args:
        left: ``(n, d)`` unit vectors.
        right: ``(m, d)`` unit vectors.

    Returns:
        ``(n, m)`` float32 matrix (a dot product, since rows are unit length).

    Raises:
        ValueError: When the dimensions differ.
    """
    if left.shape[1] != right.shape[1]:
        raise ValueError(SHAPE_MISMATCH.format(left=left.shape[1], right=right.shape[1]))
    return np.asarray(left @ right.T, dtype=np.float32)


def paired_cosine(left: FloatArray, right: FloatArray) -> FloatArray:
    """Cosine similarity of row ``i`` of ``left`` with row ``i`` of ``right``.

    Raises:
        ValueError: When the dimensions differ.
    """
    if left.shape[1] != right.shape[1]:
        raise ValueError(SHAPE_MISMATCH.format(left=left.shape[1], right=right.shape[1]))
    return np.einsum("ij,ij->i", left, right).astype(np.float32)


def cosine_to_score(cosine: FloatArray, *, low: float = 0.0, high: float = 0.8) -> FloatArray:
    """Map cosines linearly from ``[low, high]`` to ``[0, 100]``, clipped."""
    scaled = (np.asarray(cosine, dtype=np.float32) - low) / (high - low) * 100.0
    return np.clip(scaled, 0.0, 100.0).astype(np.float32)


def softmax(logits: Matrix) -> Matrix:
    """Row-wise softmax, stable for large logits."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    weights = np.exp(shifted)
    return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)
