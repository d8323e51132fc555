"""Fine-tune a local sentence-transformers model on labelled pairs, in a plain torch loop.

The model is read from a local folder (never downloaded) and the result is written as a local
folder that ``load_encoder`` (``MATCHING_MODEL_PATH``) reads. Losses are those of
sentence-transformers: ``CosineSimilarityLoss``, ``MultipleNegativesRankingLoss`` and
``TripletLoss`` (cosine distance), the last with an optional per-triplet adaptive margin.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from sentence_transformers import SentenceTransformer, losses
from sentence_transformers.losses import TripletDistanceMetric, TripletLoss
from torch import Tensor

from matching.core.encoding.chunking import encode_documents
from matching.core.encoding.encoder import Encoder, pick_device
from matching.core.evaluation.evaluation import evaluate_ranking
from matching.core.training.finetune_data import (
    LossName,
    TrainingExample,
    distinct_anchor_batches,
)
from matching.core.types import LabelledPair

ProgressCallback = Callable[[int, int], None]
CHECKPOINTS = "checkpoints"
STATE_FILE = "training_state.pt"


@dataclass(frozen=True, slots=True)
class FinetuneConfig:
    """Fine-tuning settings; the defaults run in about a minute on two CPU cores."""

    loss: LossName = "cosine"
    epochs: int = 1
    batch_size: int = 16
    learning_rate: float = 2e-5
    max_seq_length: int = 128
    seed: int = 0
    device: str | None = None


def finetune_model(
    model_path: Path,
    examples: Sequence[TrainingExample],
    out_dir: Path,
    config: FinetuneConfig,
    *,
    on_progress: ProgressCallback | None = None,
    resume: bool = False,
) -> list[float]:
    """Train the model at ``model_path`` on ``examples`` and save it to ``out_dir``.

    Args:
        model_path: Local sentence-transformers folder to start from.
        examples: Built by ``finetune_data.build_examples`` for ``config.loss``.
        out_dir: Folder written with the fine-tuned model (and ``checkpoints/epoch-N`` when
            training more than one epoch: the model, plus optimizer and RNG state).
        config: Loss, epochs, batch size, learning rate, sequence length, seed, device.
        on_progress: Called with (steps done, steps total).
        resume: Continue from the latest ``checkpoints/epoch-N`` under ``out_dir`` (a fresh
            start when there is none).

    Returns:
        The mean training loss of each epoch (the resumed ones included).
    """
    torch.manual_seed(config.seed)
    checkpoint = latest_checkpoint(out_dir) if resume else None
    model = _load(checkpoint or model_path, config)
    window = model.max_seq_length
    model.max_seq_length = config.max_seq_length
    loss = _loss(model, config.loss)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate)
    epoch_losses: list[float] = []
    if checkpoint is not None:
        epoch_losses = _restore(checkpoint, optimizer)
    batches = _batches(examples, config)
    total = len(batches) * config.epochs
    model.train()
    for epoch in range(len(epoch_losses), config.epochs):
        values = []
        for step, batch in enumerate(batches, start=1):
            value = loss(_features(model, batch), _targets(batch, model.device))
            value.backward()
            optimizer.step()
            optimizer.zero_grad()
            values.append(float(value.detach()))
            if on_progress is not None:
                on_progress(epoch * len(batches) + step, total)
        epoch_losses.append(sum(values) / max(len(values), 1))
        if config.epochs > 1:
            path = out_dir / CHECKPOINTS / f"epoch-{epoch + 1}"
            _save(model, path, window)
            _save_state(path, optimizer, epoch_losses)
    model.eval()
    _save(model, out_dir, window)
    return epoch_losses


def latest_checkpoint(out_dir: Path) -> Path | None:
    """The ``checkpoints/epoch-N`` folder with the highest N that holds a training state."""
    found = [
        (int(match.group(1)), path)
        for path in (out_dir / CHECKPOINTS).glob("epoch-*")
        if (match := re.fullmatch(r"epoch-(\d+)", path.name)) and (path / STATE_FILE).is_file()
    ]
    return max(found)[1] if found else None


def _save_state(path: Path, optimizer: torch.optim.Optimizer, epoch_losses: list[float]) -> None:
    """Optimizer and RNG state next to the checkpoint's weights (tensors and numbers only)."""
    state = {
        "epoch": len(epoch_losses),
        "epoch_losses": list(epoch_losses),
        "optimizer": optimizer.state_dict(),
        "torch_rng": torch.get_rng_state(),
        "cuda_rng": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
    }
    torch.save(state, path / STATE_FILE)


def _restore(checkpoint: Path, optimizer: torch.optim.Optimizer) -> list[float]:
    """Load optimizer and RNG state (``weights_only``: no arbitrary objects are unpickled)."""
    state = torch.load(checkpoint / STATE_FILE, map_location="cpu", weights_only=True)
    optimizer.load_state_dict(state["optimizer"])
    torch.set_rng_state(state["torch_rng"])
    if state["cuda_rng"] and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda_rng"])
    return [float(value) for value in state["epoch_losses"]]


def _save(model: SentenceTransformer, path: Path, window: int | None) -> None:
    """Save with the model's own window (training may use a shorter one, for speed)."""
    training_window = model.max_seq_length
    model.max_seq_length = window
    model.save(str(path))
    model.max_seq_length = training_window


def _load(model_path: Path, config: FinetuneConfig) -> SentenceTransformer:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return SentenceTransformer(
        str(model_path), device=pick_device(config.device), local_files_only=True
    )


def _loss(model: SentenceTransformer, name: LossName) -> torch.nn.Module:
    if name == "cosine":
        return losses.CosineSimilarityLoss(model)
    if name == "mnrl":
        return losses.MultipleNegativesRankingLoss(model)
    return AdaptiveMarginTripletLoss(model)


def _batches(examples: Sequence[TrainingExample], config: FinetuneConfig) -> list[Any]:
    if config.loss == "mnrl":
        return distinct_anchor_batches(examples, config.batch_size)
    size = config.batch_size
    return [list(examples[start : start + size]) for start in range(0, len(examples), size)]


def _features(model: Any, batch: Sequence[TrainingExample]) -> list[dict[str, Any]]:
    columns = list(zip(*(example.texts for example in batch), strict=True))
    features = []
    for column in columns:
        encoded = model.preprocess(list(column))
        features.append(
            {
                key: value.to(model.device) if isinstance(value, Tensor) else value
                for key, value in encoded.items()
            }
        )
    return features


def _targets(batch: Sequence[TrainingExample], device: torch.device) -> Tensor:
    return torch.tensor([example.target for example in batch], dtype=torch.float32, device=device)


class AdaptiveMarginTripletLoss(TripletLoss):  # type: ignore[misc]
    """``TripletLoss`` with cosine distance and one margin per triplet (the example's target).

    With a fixed margin every target is the same; with ``--adaptive-margin`` a triplet whose
    resumes differ more in relevance must be separated by more.
    """

    def __init__(self, model: SentenceTransformer) -> None:
        super().__init__(model, distance_metric=TripletDistanceMetric.COSINE)

    def compute_loss_from_embeddings(self, embeddings: list[Tensor], labels: Tensor) -> Tensor:
        """Mean of ``relu(d(anchor, positive) - d(anchor, negative) + margin)``."""
        anchor, positive, negative = embeddings
        positive_distance = self.distance_metric(anchor, positive)
        negative_distance = self.distance_metric(anchor, negative)
        return torch.relu(positive_distance - negative_distance + labels).mean()


def cosine_scores(encoder: Encoder, pairs: Sequence[LabelledPair]) -> list[float]:
    """Whole-document cosine of every pair's resume and job (chunked, as the engine encodes)."""
    resumes = encode_documents([pair.resume for pair in pairs], encoder).vectors
    jobs = encode_documents([pair.job for pair in pairs], encoder).vectors
    return [float(value) for value in np.einsum("ij,ij->i", resumes, jobs)]


def cosine_ranking_metrics(
    encoder: Encoder | None,
    pairs: Sequence[LabelledPair],
    *,
    k: int = 10,
    scores: Sequence[float] | None = None,
) -> dict[str, float]:
    """NDCG/MRR/MAP@k of ranking each job's resumes by whole-document cosine with ``encoder``.

    Args:
        encoder: The (base or fine-tuned) encoder (unused when ``scores`` are given).
        pairs: Held-out labelled pairs.
        k: Cut-off.
        scores: The pairs' cosines when already computed (``cosine_scores``).

    Returns:
        ``{"ndcg@k": .., "mrr@k": .., "map@k": ..}`` rounded to 4 decimals.
    """
    if scores is None:
        if encoder is None:
            raise ValueError("cosine_ranking_metrics needs an encoder or the scores")
        scores = cosine_scores(encoder, pairs)
    cosines = list(scores)
    result = evaluate_ranking(
        cosines,
        [pair.label for pair in pairs],
        [pair.job_id for pair in pairs],
        k=k,
    )
    return {name: round(result[name], 4) for name in (f"ndcg@{k}", f"mrr@{k}", f"map@{k}")}
