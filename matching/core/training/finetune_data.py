"""Training examples for encoder fine-tuning, built from labelled pairs (no torch here).

- ``cosine``: every (job, resume) pair with its label scaled to [0, 1] (CosineSimilarityLoss).
- ``mnrl``: (job, best-fit resume) pairs only (the top label); the other resumes of the batch are
  the negatives (MultipleNegativesRankingLoss), so a batch never holds the same job twice.
- ``triplet``: (job, better resume, worse resume) from the same job, with a margin that is fixed
  or, with ``adaptive``, proportional to the label difference.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from matching.core.evaluation.evaluation import graded, relevance_threshold
from matching.core.types import LabelledPair

LossName = Literal["cosine", "mnrl", "triplet"]
LOSS_NAMES: tuple[LossName, ...] = ("cosine", "mnrl", "triplet")
DEFAULT_MARGIN = 0.3
NO_EXAMPLES = "the {loss} loss found no training examples in {n_pairs} pairs ({reason})"
REASONS = {
    "cosine": "no pairs",
    "mnrl": "no relevant pair with the top label",
    "triplet": "no job with two different labels",
}


@dataclass(frozen=True, slots=True)
class TrainingExample:
    """Texts of one example (2 for cosine and mnrl, 3 for triplet) and its target value."""

    texts: tuple[str, ...]
    target: float


def build_examples(
    pairs: Sequence[LabelledPair],
    loss: LossName,
    *,
    adaptive: bool = False,
    margin: float = DEFAULT_MARGIN,
    max_examples: int | None = None,
    seed: int = 0,
) -> list[TrainingExample]:
    """Examples for ``loss`` from labelled pairs, shuffled and capped at ``max_examples``.

    Args:
        pairs: Training pairs (never the held-out jobs).
        loss: ``"cosine"``, ``"mnrl"`` or ``"triplet"``.
        adaptive: Triplet margin = ``margin`` x (label difference / label range).
        margin: The fixed triplet margin (cosine distance).
        max_examples: Keep at most this many (a random subset, fixed by ``seed``).
        seed: Shuffling seed.

    Returns:
        The examples; for ``mnrl``, ordered so that no batch repeats a job.

    Raises:
        ValueError: When the loss finds no example in the pairs.
    """
    grades = graded([pair.label for pair in pairs])
    if loss == "cosine":
        top = max(grades, default=1.0) or 1.0
        examples = [
            TrainingExample((pair.job, pair.resume), grade / top)
            for pair, grade in zip(pairs, grades, strict=True)
        ]
    elif loss == "mnrl":
        best = max(grades, default=0.0)
        threshold = relevance_threshold([pair.label for pair in pairs])
        examples = [
            TrainingExample((pair.job, pair.resume), 1.0)
            for pair, grade in zip(pairs, grades, strict=True)
            if grade == best and pair.label > threshold
        ]
    else:
        examples = _triplets(pairs, grades, adaptive=adaptive, margin=margin)
    if not examples:
        raise ValueError(NO_EXAMPLES.format(loss=loss, n_pairs=len(pairs), reason=REASONS[loss]))
    rng = random.Random(seed)  # noqa: S311 - sampling, not security
    rng.shuffle(examples)
    return examples[:max_examples] if max_examples else examples


def _triplets(
    pairs: Sequence[LabelledPair], grades: Sequence[float], *, adaptive: bool, margin: float
) -> list[TrainingExample]:
    by_job: dict[str, list[tuple[float, str]]] = defaultdict(list)
    jobs: dict[str, str] = {}
    for pair, grade in zip(pairs, grades, strict=True):
        by_job[pair.job_id].append((grade, pair.resume))
        jobs[pair.job_id] = pair.job
    span = ((max(grades) - min(grades)) or 1.0) if grades else 1.0
    examples = []
    for job_id, members in by_job.items():
        for better_grade, better in members:
            for worse_grade, worse in members:
                if better_grade > worse_grade:
                    scale = (better_grade - worse_grade) / span if adaptive else 1.0
                    examples.append(TrainingExample((jobs[job_id], better, worse), margin * scale))
    return examples


def distinct_anchor_batches(
    examples: Sequence[TrainingExample], batch_size: int
) -> list[list[TrainingExample]]:
    """Cut examples into batches in which no anchor (job text) appears twice.

    In-batch negatives are only negatives when each anchor is in the batch once.
    """
    batches: list[list[TrainingExample]] = []
    pending = list(examples)
    while pending:
        batch: list[TrainingExample] = []
        anchors: set[str] = set()
        rest = []
        for example in pending:
            if len(batch) < batch_size and example.texts[0] not in anchors:
                batch.append(example)
                anchors.add(example.texts[0])
            else:
                rest.append(example)
        batches.append(batch)
        pending = rest
    return batches
