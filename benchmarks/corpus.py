"""Real CV and posting texts for the benchmarks, read in place from ../shared/data.

- eval resumes (85, ``eval/resumes.jsonl``) and postings (167, ``eval/jobs.jsonl``);
- livecareer-dev resumes (240 born-digital PDFs), their text extracted with the product's
  ``candidates.extraction.extract.extract_text`` (about 20 ms a PDF).

``distinct_cvs`` makes more distinct CV texts than exist when a load needs them, from real text
only: the real CVs first, as they are, then each further CV interleaves the lines of two different
real CVs (alternating lines, cut to the shorter one's line count), so every text, and every chunk
window of it, is new to the encoder while its words, lengths and layout stay those of real CVs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from candidates.extraction.extract import extract_text

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
EVAL_DIR = SHARED_DATA / "eval"
LIVECAREER_DIR = SHARED_DATA / "livecareer-dev"
SHARED_ABSENT = (
    "NOTICE: ../shared/data/eval is absent: the real CVs and postings cannot be read, "
    "so this run falls back to synthetic data (its figures say nothing about real text)."
)

TOO_FEW_DISTINCT = "only {made} distinct CV texts can be made, {asked} asked"


@dataclass(frozen=True, slots=True)
class RealTexts:
    """Real CV texts (eval resumes, then livecareer PDFs) and posting texts, with their origin."""

    cvs: tuple[str, ...]
    postings: tuple[str, ...]
    source: str


def shared_present() -> bool:
    """Whether the eval resumes and postings are there to read."""
    return (EVAL_DIR / "resumes.jsonl").is_file() and (EVAL_DIR / "jobs.jsonl").is_file()


def jsonl_texts(path: Path) -> list[str]:
    """The ``text`` of every line of a JSONL file of the contract's formats."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def livecareer_texts(limit: int | None = None) -> list[str]:
    """Text of the livecareer-dev PDFs (all, or the first ``limit``), by the product's extractor."""
    index = LIVECAREER_DIR / "dev.jsonl"
    if not index.is_file():
        return []
    with index.open(encoding="utf-8") as lines:
        files = [json.loads(line)["file"] for line in lines if line.strip()]
    return [extract_text((LIVECAREER_DIR / name).read_bytes()).text for name in files[:limit]]


def real_texts(
    *, max_cvs: int | None = None, max_postings: int | None = None, pdfs: bool = True
) -> RealTexts | None:
    """The real texts, or None when ../shared is absent; ``max_*`` cut them for small runs."""
    if not shared_present():
        return None
    cvs = jsonl_texts(EVAL_DIR / "resumes.jsonl")
    source = f"../shared/data/eval resumes.jsonl ({len(cvs)} CVs)"
    if pdfs and (max_cvs is None or max_cvs > len(cvs)):
        extra = livecareer_texts(None if max_cvs is None else max_cvs - len(cvs))
        cvs += extra
        source += f" + livecareer-dev PDFs ({len(extra)} CVs, text by extract_text)"
    postings = jsonl_texts(EVAL_DIR / "jobs.jsonl")[:max_postings]
    source += f"; postings: eval jobs.jsonl ({len(postings)})"
    unique = tuple(dict.fromkeys(cvs[:max_cvs]))
    return RealTexts(cvs=unique, postings=tuple(postings), source=source)


def _interleaved(first: str, second: str) -> str:
    """Alternate the lines of two real CVs, as many of each as the shorter one has."""
    left, right = first.splitlines(), second.splitlines()
    lines = [line for pair in zip(left, right, strict=False) for line in pair]
    return "\n".join(lines)


def _pairs(count: int) -> Iterator[tuple[int, int]]:
    """(a, b) index pairs, a != b, spread so that consecutive CVs mix different sources."""
    for offset in range(1, count):
        for first in range(count):
            yield first, (first + offset) % count


def distinct_cvs(real: tuple[str, ...], count: int) -> tuple[list[str], int]:
    """``count`` distinct CV texts: the real ones, then line-interleaved pairs of real ones.

    Returns:
        The texts and how many of them are real CVs as they are.
    """
    texts = list(dict.fromkeys(real))[:count]
    seen = set(texts)
    for first, second in _pairs(len(real)):
        if len(texts) >= count:
            break
        text = _interleaved(real[first], real[second])
        if text not in seen and text.strip():
            seen.add(text)
            texts.append(text)
    if len(texts) < count:
        raise ValueError(TOO_FEW_DISTINCT.format(made=len(texts), asked=count))
    return texts, min(count, len(dict.fromkeys(real)))
