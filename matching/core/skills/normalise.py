"""Case, accent and punctuation folding that keeps a map back to the original offsets."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

KEPT_PUNCTUATION = "+#."
_TABLE_END = 0x3000
_SPACE_RUNS = re.compile(r" {2,}")


def _fold_char(char: str) -> str:
    if char in KEPT_PUNCTUATION:
        return char
    if not char.isalnum():
        return " "
    base = unicodedata.normalize("NFKD", char)[:1]
    folded = base if base.isascii() and base.isalnum() else char
    return folded if len(folded.lower()) == 1 else folded.lower()[:1]


def _build_table() -> dict[int, str]:
    table = {}
    for code in range(_TABLE_END):
        char = chr(code)
        folded = _fold_char(char)
        if folded != char:
            table[code] = folded
    return table


_FOLD = _build_table()


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """A text folded for matching, with the way back to the original offsets.

    ``cased`` keeps the letter case (for case-sensitive terms such as ``"R"``); ``lowered`` is
    the same text in lower case. Both have accents folded, punctuation other than ``+ # .``
    turned into spaces, and runs of spaces collapsed into one.
    """

    cased: str
    lowered: str
    breaks: tuple[int, ...]
    shifts: tuple[int, ...]

    def to_original(self, position: int) -> int:
        """Map a position in ``lowered`` back to the original text."""
        index = bisect.bisect_right(self.breaks, position) - 1
        return position + self.shifts[index]


def lower_same_length(folded: str) -> str:
    """Lower-case ``folded`` without changing its length (offsets must stay valid)."""
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(char.lower()[:1] for char in folded)


def normalise_text(text: str) -> NormalisedText:
    """Fold ``text`` for matching and keep the offset map back to it.

    Args:
        text: any text, such as a CV.

    Returns:
        The folded text (see ``NormalisedText``).
    """
    folded = text.translate(_FOLD)
    lowered = lower_same_length(folded)
    breaks, shifts = [0], [0]
    cased_parts, lowered_parts = [], []
    last, removed = 0, 0
    for run in _SPACE_RUNS.finditer(lowered):
        cased_parts.append(folded[last : run.start() + 1])
        lowered_parts.append(lowered[last : run.start() + 1])
        removed += run.end() - run.start() - 1
        last = run.end()
        breaks.append(run.end() - removed)
        shifts.append(removed)
    if last == 0:
        return NormalisedText(folded, lowered, (0,), (0,))
    cased_parts.append(folded[last:])
    lowered_parts.append(lowered[last:])
    return NormalisedText(
        "".join(cased_parts), "".join(lowered_parts), tuple(breaks), tuple(shifts)
    )


def normalise_term(term: str, keep_case: bool = False) -> str:
    """Fold a skill label or alias the way ``normalise_text`` folds texts, then strip it.

    Args:
        term: a label such as ``"React.js"`` or ``"b-tech"``.
        keep_case: keep the letter case (for case-sensitive terms).

    Returns:
        The folded term, e.g. ``"react.js"`` or ``"b tech"``.
    """
    folded = term.translate(_FOLD)
    if not keep_case:
        folded = lower_same_length(folded)
    return " ".join(folded.split()).rstrip(".")
