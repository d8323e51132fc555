"""Optional stage-2 reranking with a local cross-encoder that reads a vacancy and a CV together.

A cross-encoder sees at most ``max_seq_length`` tokens of both texts at once. So that no part of
a CV is dropped, the CV is cut into overlapping windows of the model's own tokens, sized to fit
beside the vacancy; every window is scored and the CV scores as its best window. The vacancy
itself gets at most half of the model's window: when it is longer, only its beginning is read,
and the result says so (``job_truncated``) instead of hiding it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from matching.core.encoding.chunking import DEFAULT_OVERLAP, token_windows
from matching.core.encoding.encoder import folder_fingerprint, pick_device

CROSS_ENCODER_MISSING = "Cross-encoder folder {path} does not exist (set a local model folder)."
MIN_CV_WINDOW = 32
# Text cut at token offsets can re-tokenise a token or two longer at the cuts: keep a margin.
RETOKENISE_MARGIN = 4


class PairModel(Protocol):
    """What reranking needs from a cross-encoder: its tokenizer, window and pair scores."""

    tokenizer: Any
    max_seq_length: int

    def predict(self, inputs: Sequence[tuple[str, str]], **kwargs: Any) -> Any:
        """One relevance score (or a row of class scores) per (vacancy, CV) pair."""


@dataclass(frozen=True, slots=True)
class RerankScore:
    """A CV's cross-encoder score for one vacancy: its best window among ``n_windows``."""

    score: float
    best_window: int
    n_windows: int
    job_truncated: bool


class CrossEncoderReranker:
    """Scores (vacancy, CV) pairs with a local sentence-transformers CrossEncoder."""

    def __init__(
        self,
        model: PairModel,
        *,
        model_id: str,
        batch_size: int = 16,
        overlap: int = DEFAULT_OVERLAP,
    ) -> None:
        self.model = model
        self.model_id = model_id
        self.batch_size = batch_size
        self.overlap = overlap

    @classmethod
    def from_folder(
        cls, path: str | Path, *, device: str | None = None, batch_size: int = 16
    ) -> CrossEncoderReranker:
        """Load a local cross-encoder folder; nothing is ever downloaded."""
        from sentence_transformers import CrossEncoder  # heavy: only when one is configured

        folder = Path(path)
        if not folder.is_dir():
            raise FileNotFoundError(CROSS_ENCODER_MISSING.format(path=folder))
        model = CrossEncoder(str(folder), device=pick_device(device), local_files_only=True)
        return cls(model, model_id=cls.folder_model_id(folder), batch_size=batch_size)

    @staticmethod
    def folder_model_id(path: str | Path) -> str:
        """The id a folder's cross-encoder has once loaded, read without loading it."""
        folder = Path(path)
        return f"cross-encoder:{folder.name}:{folder_fingerprint(folder)}"

    def score(self, job_text: str, resume_texts: Sequence[str]) -> list[RerankScore]:
        """Score every CV against one vacancy; each CV is read in full, window by window."""
        if not resume_texts:
            return []
        job, job_truncated, cv_window = self._fit_job(job_text)
        pairs: list[tuple[str, str]] = []
        owners: list[int] = []
        for index, text in enumerate(resume_texts):
            for window in self._cv_windows(text, cv_window):
                pairs.append((job, window))
                owners.append(index)
        raw = self.model.predict(pairs, batch_size=self.batch_size, show_progress_bar=False)
        values = _relevance(np.asarray(raw, dtype=np.float64))
        best: dict[int, tuple[float, int]] = {}
        counts: dict[int, int] = {}
        for owner, value in zip(owners, values, strict=True):
            position = counts.get(owner, 0)
            counts[owner] = position + 1
            if owner not in best or value > best[owner][0]:
                best[owner] = (float(value), position)
        return [
            RerankScore(
                score=round(best[index][0], 6),
                best_window=best[index][1],
                n_windows=counts[index],
                job_truncated=job_truncated,
            )
            for index in range(len(resume_texts))
        ]

    def _fit_job(self, job_text: str) -> tuple[str, bool, int]:
        tokenizer = self.model.tokenizer
        special = tokenizer.num_special_tokens_to_add(pair=True)
        budget = self.model.max_seq_length - special - RETOKENISE_MARGIN
        spans = _token_spans(tokenizer, job_text)
        job_budget = budget // 2
        truncated = len(spans) > job_budget
        job = job_text[: spans[job_budget - 1][1]] if truncated else job_text
        used = min(len(spans), job_budget)
        return job, truncated, max(budget - used, MIN_CV_WINDOW)

    def _cv_windows(self, text: str, window: int) -> list[str]:
        spans = _token_spans(self.model.tokenizer, text)
        overlap = min(self.overlap, window // 2)
        windows = token_windows(len(spans), window, overlap)
        if windows == [(0, 0)]:
            return [text]
        return [text[spans[start][0] : spans[end - 1][1]] for start, end in windows]


def _token_spans(tokenizer: Any, text: str) -> list[tuple[int, int]]:
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    return [(int(start), int(end)) for start, end in encoded["offset_mapping"]]


def _relevance(raw: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """One score per pair: the value itself, or the last (relevant) class of a class row."""
    if raw.ndim == 2:
        return raw[:, -1]
    return raw
