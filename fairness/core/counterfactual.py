"""Audit-study counterfactuals of a CV: a name line from another gender and origin group, and
pronouns and gendered titles swapped; then a summary of how much the scores moved.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from fairness.core.counterfactual_lexicon import (
    FAMILY_NAMES,
    FIRST_NAMES,
    FUNCTION_WORDS,
    GENDERS,
    NOT_NAME_WORDS,
    ORIGINS,
    TO_FEMALE,
    TO_MALE,
    Gender,
    Origin,
)

__all__ = [
    "GENDERS",
    "NAMES",
    "ORIGINS",
    "CounterfactualSummary",
    "CounterfactualVariant",
    "NameSpec",
    "ScoreDelta",
    "SwapSummary",
    "counterfactual_variants",
    "find_name_line",
    "set_name_line",
    "summarise_deltas",
    "swap_gender_terms",
]


@dataclass(frozen=True, slots=True)
class NameSpec:
    """A full name standing for one gender and origin group."""

    first: str
    last: str
    gender: Gender
    origin: Origin

    @property
    def full(self) -> str:
        """First and family name."""
        return f"{self.first} {self.last}"

    @property
    def swap(self) -> str:
        """The group label, e.g. ``"african_female"``."""
        return f"{self.origin}_{self.gender}"


NAMES: Final[dict[str, tuple[NameSpec, ...]]] = {
    f"{origin}_{gender}": tuple(
        NameSpec(first=first, last=last, gender=gender, origin=origin)
        for first, last in zip(FIRST_NAMES[origin, gender], FAMILY_NAMES[origin], strict=True)
    )
    for origin in ORIGINS
    for gender in GENDERS
}

_NAME_TOKEN = re.compile(r"^[A-Z][A-Za-z'\-]*\.?$|^[A-Z]{2,}$")
_NAME_FIELD = re.compile(r"^(\s*(?:full\s+)?name\s*[:\-]\s*)(\S.*?)\s*$", re.IGNORECASE)
_HEAD_LINES: Final = 3
ERROR_UNKNOWN_SWAP: Final = "unknown counterfactual group {swap!r}; choose from {choices}"


def find_name_line(text: str) -> tuple[int, str] | None:
    """Find a line that holds the candidate's name among the first non-blank lines.

    Returns:
        ``(line index, name)`` for a ``Name: ...`` field or a line of 2-4 capitalised words that
        are no heading or job word (``"Education Details"``, ``"Java Developer"`` are not names);
        ``None`` when the CV has no such line.
    """
    lines = text.split("\n")
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        field = _NAME_FIELD.match(line)
        if field:
            return index, field.group(2)
        tokens = line.split()
        if 2 <= len(tokens) <= 4 and all(_looks_like_name(token) for token in tokens):
            return index, line.strip()
        seen += 1
        if seen >= _HEAD_LINES:
            break
    return None


def _looks_like_name(token: str) -> bool:
    return bool(_NAME_TOKEN.match(token)) and token.lower().strip(".") not in NOT_NAME_WORDS


def set_name_line(text: str, name: str) -> tuple[str, Literal["added", "replaced"]]:
    """Replace the CV's name line (or ``Name:`` field value) with ``name``, or add one on top."""
    found = find_name_line(text)
    if found is None:
        return f"{name}\n{text}", "added"
    index, _ = found
    lines = text.split("\n")
    field = _NAME_FIELD.match(lines[index])
    if field:
        lines[index] = field.group(1) + name
    else:
        indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
        lines[index] = indent + name
    return "\n".join(lines), "replaced"


_WORD_AFTER = re.compile(r"\s*([A-Za-z][A-Za-z'\-]*)?")
_MALE_TITLE = re.compile(r"\bMr(?=\.?\s+[A-Z])")
_FEMALE_TITLE = re.compile(r"\b(?:Mrs|Ms|Miss)(?=\.?\s+[A-Z])")


def _match_case(source: str, replacement: str) -> str:
    if len(source) > 1 and source.isupper():
        return replacement.upper()
    if source[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _is_followed_by_noun(text: str, end: int) -> bool:
    match = _WORD_AFTER.match(text, end)
    word = match.group(1) if match else None
    return word is not None and word.lower() not in FUNCTION_WORDS


def swap_gender_terms(text: str, target: Gender) -> tuple[str, int]:
    """Rewrite gendered pronouns, titles and nouns towards ``target``, preserving case.

    Only whole words change (``"the"`` and ``"Chester"`` are untouched). Ambiguous forms follow
    the next word: ``his`` becomes ``her`` before a noun and ``hers`` otherwise; ``her`` becomes
    ``his`` before a noun and ``him`` otherwise. ``Mr``/``Mrs``/``Ms``/``Miss`` change only as a
    title before a capitalised name, so ``MS Excel`` and ``50 ms`` stay.

    Returns:
        The rewritten text and the number of replacements.
    """
    table = TO_FEMALE if target == "female" else TO_MALE
    ambiguous = ("his",) if target == "female" else ("her",)
    words = sorted([*table, *ambiguous], key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(words) + r")\b", re.IGNORECASE)
    count = 0

    def replace_word(match: re.Match[str]) -> str:
        nonlocal count
        source = match.group(0)
        lower = source.lower()
        if lower == "his":
            new = "her" if _is_followed_by_noun(text, match.end()) else "hers"
        elif lower == "her":
            new = "his" if _is_followed_by_noun(text, match.end()) else "him"
        else:
            new = table[lower]
        count += 1
        return _match_case(source, new)

    swapped = pattern.sub(replace_word, text)
    if target == "female":
        swapped, titles = _MALE_TITLE.subn("Ms", swapped)
    else:
        swapped, titles = _FEMALE_TITLE.subn("Mr", swapped)
    return swapped, count + titles


@dataclass(frozen=True, slots=True)
class CounterfactualVariant:
    """One counterfactual CV: the group it stands for and whether its text really changed."""

    swap: str
    name: str
    text: str
    changed: bool
    name_line: Literal["added", "replaced"]
    term_replacements: int


def counterfactual_variants(
    text: str, *, index: int = 0, swaps: Sequence[str] | None = None
) -> tuple[CounterfactualVariant, ...]:
    """One variant of a CV per gender and origin group (or per group in ``swaps``).

    Args:
        text: The CV text.
        index: Picks the name within each group's list (pass the CV's position, so CVs of a
            batch get different names).
        swaps: Group labels such as ``"arabic_male"``; all eight by default.

    Returns:
        Variants with the group's name line and pronouns/titles swapped to its gender.
    """
    variants = []
    for swap in swaps or NAMES:
        if swap not in NAMES:
            raise ValueError(ERROR_UNKNOWN_SWAP.format(swap=swap, choices=", ".join(NAMES)))
        names = NAMES[swap]
        name = names[index % len(names)]
        named, action = set_name_line(text, name.full)
        swapped, replacements = swap_gender_terms(named, name.gender)
        variants.append(
            CounterfactualVariant(
                swap=swap,
                name=name.full,
                text=swapped,
                changed=swapped != text,
                name_line=action,
                term_replacements=replacements,
            )
        )
    return tuple(variants)


@dataclass(frozen=True, slots=True)
class ScoreDelta:
    """Score of a counterfactual minus the score of the original, for one CV-job pair."""

    swap: str
    delta: float
    changed: bool
    resume_id: str = ""
    job_id: str = ""


@dataclass(frozen=True, slots=True)
class SwapSummary:
    """Score changes for one group of counterfactuals."""

    n: int
    n_changed: int
    mean_delta: float
    mean_abs_delta: float
    max_abs_delta: float


@dataclass(frozen=True, slots=True)
class CounterfactualSummary:
    """The distribution of score changes, overall and per group (score points, 0-100)."""

    n: int
    n_changed: int
    mean_abs_delta: float
    p95_abs_delta: float
    max_abs_delta: float
    by_swap: Mapping[str, SwapSummary]
    max_mean_abs_delta: float | None = None

    @property
    def is_flagged(self) -> bool:
        """Whether the mean absolute change exceeds the configured maximum."""
        limit = self.max_mean_abs_delta
        return limit is not None and self.mean_abs_delta > limit

    def to_dict(self) -> dict[str, object]:
        """The ``counterfactual_audit --json`` shape (plus ``flagged`` and its limit)."""
        return {
            "n": self.n,
            "n_changed": self.n_changed,
            "mean_abs_delta": self.mean_abs_delta,
            "p95_abs_delta": self.p95_abs_delta,
            "max_abs_delta": self.max_abs_delta,
            "by_swap": {
                swap: {
                    "n": summary.n,
                    "n_changed": summary.n_changed,
                    "mean_delta": summary.mean_delta,
                    "mean_abs_delta": summary.mean_abs_delta,
                    "max_abs_delta": summary.max_abs_delta,
                }
                for swap, summary in self.by_swap.items()
            },
            "max_mean_abs_delta": self.max_mean_abs_delta,
            "flagged": self.is_flagged,
        }


def _swap_summary(deltas: Sequence[ScoreDelta]) -> SwapSummary:
    values = np.array([delta.delta for delta in deltas], dtype=float)
    return SwapSummary(
        n=len(deltas),
        n_changed=sum(delta.changed for delta in deltas),
        mean_delta=float(values.mean()),
        mean_abs_delta=float(np.abs(values).mean()),
        max_abs_delta=float(np.abs(values).max()),
    )


def summarise_deltas(
    deltas: Sequence[ScoreDelta], *, max_mean_abs_delta: float | None = None
) -> CounterfactualSummary:
    """Summarise score changes: counts, mean/p95/max absolute change, and per group.

    Args:
        deltas: One per (CV, job, counterfactual group); unchanged texts count with their delta
            (0 when the scorer is deterministic).
        max_mean_abs_delta: Flag the audit when the mean absolute change exceeds this.

    Returns:
        A ``CounterfactualSummary``; every figure is 0 when there is no delta.
    """
    if not deltas:
        return CounterfactualSummary(0, 0, 0.0, 0.0, 0.0, {}, max_mean_abs_delta)
    absolute = np.abs(np.array([delta.delta for delta in deltas], dtype=float))
    groups: dict[str, list[ScoreDelta]] = {}
    for delta in deltas:
        groups.setdefault(delta.swap, []).append(delta)
    return CounterfactualSummary(
        n=len(deltas),
        n_changed=sum(delta.changed for delta in deltas),
        mean_abs_delta=float(absolute.mean()),
        p95_abs_delta=float(np.percentile(absolute, 95)),
        max_abs_delta=float(absolute.max()),
        by_swap={swap: _swap_summary(group) for swap, group in sorted(groups.items())},
        max_mean_abs_delta=max_mean_abs_delta,
    )
