"""Job titles found in a text: every ESCO preferred and alternative label, whole words only.

A label of several words ("sous chef", "airline pilot") points at the occupations that carry it.
A single word that ends a label ("chef", "pilot", "teacher", "manager") points at its whole
family: every occupation with a label ending in that word, so "teacher" votes for the teaching
occupations and "manager" spreads over so many that it says little. Single words shorter than
four letters are left out. Overlapping hits keep the longest. Pure Python: no Django.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from matching.core.skills.types import EscoOccupation

MIN_SINGLE_WORD = 4
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise_title(text: str) -> str:
    """Lower case, runs of anything but letters and digits as one space, padded with spaces."""
    return f" {_NON_WORD.sub(' ', text.lower()).strip()} "


@dataclass(frozen=True, slots=True)
class TitleHit:
    """One label found in a text: its normalised form, its offset and the occupation rows."""

    term: str
    start: int
    rows: tuple[int, ...]


class TitleLexicon:
    """An Aho-Corasick automaton over the labels, compiled once per index."""

    def __init__(self, terms: dict[str, tuple[int, ...]]) -> None:
        """Compile ``terms`` (normalised label -> occupation rows)."""
        self._automaton = ahocorasick.Automaton()
        for term, rows in terms.items():
            self._automaton.add_word(f" {term} ", (term, rows))
        self.size = len(terms)
        if terms:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[TitleHit]:
        """The labels in ``text``, longest first where they overlap, in reading order.

        Offsets are in the normalised text (``normalise_title``), which keeps the order of words.
        """
        if not self.size:
            return []
        folded = normalise_title(text)
        found = []
        for last, (term, rows) in self._automaton.iter(folded):
            start = last - len(term)
            found.append((start, start + len(term), term, rows))
        found.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
        chosen: list[TitleHit] = []
        end_of_last = -1
        for start, end, term, rows in found:
            if start >= end_of_last:
                chosen.append(TitleHit(term, start, rows))
                end_of_last = end
        return chosen


def build_title_lexicon(occupations: Sequence[EscoOccupation]) -> TitleLexicon:
    """Every label of ``occupations`` mapped to its occupation rows (see the module docstring)."""
    exact: dict[str, set[int]] = defaultdict(set)
    by_head: dict[str, set[int]] = defaultdict(set)
    for row, occupation in enumerate(occupations):
        for label in (occupation.label, *occupation.alt_labels):
            term = normalise_title(label).strip()
            if term:
                exact[term].add(row)
                by_head[term.rsplit(" ", 1)[-1]].add(row)
    terms = {term: tuple(sorted(rows)) for term, rows in exact.items() if " " in term}
    for head, rows in by_head.items():
        if len(head) >= MIN_SINGLE_WORD and head.isalpha():
            terms[head] = tuple(sorted(rows | exact.get(head, set())))
    return TitleLexicon(terms)
