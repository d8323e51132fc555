"""Plan and score a counterfactual audit: every CV and its variants against every job."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from fairness.core.counterfactual import ScoreDelta, counterfactual_variants

__all__ = [
    "CounterfactualPlan",
    "PlannedDelta",
    "TextRecord",
    "Scorer",
    "deltas_from_scores",
    "plan_counterfactual_pairs",
    "read_text_records",
    "score_in_batches",
]

TEXT_KEYS: Final = ("text", "description", "resume", "job")

ERROR_FILE_MISSING: Final = "{kind} file {path} does not exist or is not a file"
ERROR_BAD_LINE: Final = (
    '{kind} file {path}, line {line}: expected a JSON object with a non-empty "text" string'
)
ERROR_EMPTY: Final = "{kind} file {path} has no records"
ERROR_SCORE_COUNT: Final = "the scorer returned {got} scores for {expected} pairs"
ERROR_SCORE_VALUE: Final = "the scorer returned {value!r}; expected a finite number"

Scorer = Callable[[list[str], list[str]], Sequence[float]]


@dataclass(frozen=True, slots=True)
class TextRecord:
    """One CV or job text with its id."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class PlannedDelta:
    """Which scored pairs give one delta: the variant's pair minus the original's pair.

    ``variant_pair`` is ``None`` when the variant's text equals the original's (delta 0, the
    pair is not scored twice).
    """

    resume_id: str
    job_id: str
    swap: str
    original_pair: int
    variant_pair: int | None


@dataclass(frozen=True, slots=True)
class CounterfactualPlan:
    """The (CV text, job text) pairs to score and how they combine into deltas."""

    resume_texts: tuple[str, ...]
    job_texts: tuple[str, ...]
    deltas: tuple[PlannedDelta, ...]


def read_text_records(path: str | Path, *, kind: str) -> tuple[TextRecord, ...]:
    """Read a JSONL file of ``{"id", "text"}`` objects (``description`` also accepted).

    Raises:
        ValueError: A one-line message for a missing file, a line that is not an object with a
            text, or a file with no record.
    """
    file_path = Path(path)
    if not file_path.is_file():
        raise ValueError(ERROR_FILE_MISSING.format(kind=kind, path=file_path))
    records = []
    with file_path.open(encoding="utf-8-sig") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            records.append(_record(line, kind=kind, path=file_path, line_number=line_number))
    if not records:
        raise ValueError(ERROR_EMPTY.format(kind=kind, path=file_path))
    return tuple(records)


def _record(line: str, *, kind: str, path: Path, line_number: int) -> TextRecord:
    error = ERROR_BAD_LINE.format(kind=kind, path=path, line=line_number)
    try:
        data = json.loads(line)
    except json.JSONDecodeError as decode_error:
        raise ValueError(error) from decode_error
    if not isinstance(data, dict):
        raise ValueError(error)
    text = next((data[key] for key in TEXT_KEYS if isinstance(data.get(key), str)), "")
    if not text.strip():
        raise ValueError(error)
    return TextRecord(id=str(data.get("id", f"line{line_number}")), text=text)


def plan_counterfactual_pairs(
    resumes: Sequence[TextRecord], jobs: Sequence[TextRecord], *, swaps: Sequence[str] | None = None
) -> CounterfactualPlan:
    """Pair every CV and each of its changed variants with every job.

    Args:
        resumes: The CVs; the i-th gets the i-th name of each group's list.
        jobs: The jobs to score against.
        swaps: Counterfactual groups (all eight by default).

    Returns:
        The pairs to score once each, and the plan that turns their scores into deltas.
    """
    resume_texts: list[str] = []
    job_texts: list[str] = []
    planned: list[PlannedDelta] = []

    def add_pair(resume_text: str, job_text: str) -> int:
        resume_texts.append(resume_text)
        job_texts.append(job_text)
        return len(resume_texts) - 1

    for index, resume in enumerate(resumes):
        variants = counterfactual_variants(resume.text, index=index, swaps=swaps)
        for job in jobs:
            original = add_pair(resume.text, job.text)
            for variant in variants:
                variant_pair = add_pair(variant.text, job.text) if variant.changed else None
                planned.append(
                    PlannedDelta(
                        resume_id=resume.id,
                        job_id=job.id,
                        swap=variant.swap,
                        original_pair=original,
                        variant_pair=variant_pair,
                    )
                )
    return CounterfactualPlan(tuple(resume_texts), tuple(job_texts), tuple(planned))


def score_in_batches(
    scorer: Scorer,
    plan: CounterfactualPlan,
    *,
    batch_size: int = 256,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[float]:
    """Score every planned pair with ``scorer`` (0-100 per pair), ``batch_size`` pairs a call.

    Raises:
        ValueError: If the scorer returns the wrong number of scores or a non-finite one.
    """
    total = len(plan.resume_texts)
    scores: list[float] = []
    for start in range(0, total, batch_size):
        stop = min(start + batch_size, total)
        batch = list(scorer(list(plan.resume_texts[start:stop]), list(plan.job_texts[start:stop])))
        if len(batch) != stop - start:
            raise ValueError(ERROR_SCORE_COUNT.format(got=len(batch), expected=stop - start))
        for value in batch:
            if not math.isfinite(float(value)):
                raise ValueError(ERROR_SCORE_VALUE.format(value=value))
        scores += [float(value) for value in batch]
        if on_progress is not None:
            on_progress(stop, total)
    return scores


def deltas_from_scores(plan: CounterfactualPlan, scores: Sequence[float]) -> list[ScoreDelta]:
    """Turn the pairs' scores into one delta (variant minus original) per planned variant."""
    return [
        ScoreDelta(
            swap=item.swap,
            delta=0.0
            if item.variant_pair is None
            else scores[item.variant_pair] - scores[item.original_pair],
            changed=item.variant_pair is not None,
            resume_id=item.resume_id,
            job_id=item.job_id,
        )
        for item in plan.deltas
    ]
