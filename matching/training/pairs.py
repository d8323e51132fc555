"""Labelled pairs for training commands: a pairs file (contract format) or the database."""

from pathlib import Path

from matching.core.evaluation import read_pairs
from matching.core.types import LabelledPair
from matching.training.dataset import training_pairs_build


def labelled_pairs_load(
    path: Path | None, *, three_class: bool = False, text: str = "raw"
) -> list[LabelledPair]:
    """Pairs read from ``path``, or built from the database's application outcomes.

    Raises:
        ValueError: When the file is missing or malformed.
    """
    if path is not None:
        return read_pairs(path)
    return [
        LabelledPair(
            id=pair.id,
            resume=pair.resume_text(text),
            job=pair.job_text(text),
            job_id=pair.job_id,
            label=float(pair.label),
        )
        for pair in training_pairs_build(three_class=three_class)
    ]
