"""How much of a vacancy's terms a CV shows: a weighted share, with the terms on each side.

Terms are matched on the CV's skills (its parser's and those the taxonomy in use finds in its
text) or, as whole words, on its normalised text. Weights are the terms' centrality
(``matching.core.scoring.posting_terms``): a central skill missed costs more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from matching.core.scoring.posting_terms import taxonomy_matcher
from matching.core.skills.matcher import extract_skills
from matching.core.text import contains_phrase, normalise


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A 0-100 weighted share of the vacancy's terms found in the CV, with both sides' terms.

    ``missing_weights`` are the centrality weights of ``missing`` (same order) and
    ``total_weight`` their sum over every term, so closing one gap adds its weight's share.
    """

    score: float
    matched: tuple[str, ...]
    missing: tuple[str, ...]
    derived_from_text: bool = False
    missing_weights: tuple[float, ...] = ()
    total_weight: float = 0.0


@lru_cache(maxsize=4096)
def cv_taxonomy_skills(text: str) -> frozenset[str]:
    """A CV's skills under the taxonomy the postings are read with (normalised labels)."""
    return frozenset(normalise(match.label) for match in extract_skills(text, taxonomy_matcher()))


def match_terms(
    terms: tuple[str, ...],
    resume_text: str,
    resume_skills: set[str] | frozenset[str],
    derived_from_text: bool = False,
    weight: Callable[[str], float] | None = None,
) -> TermMatch:
    """Weighted share of ``terms`` in the CV's skills or (as whole words) in its text.

    An empty term list scores 100: the vacancy asks for nothing the CV could miss.
    """
    weigh = weight or (lambda _term: 1.0)
    matched = tuple(
        term
        for term in terms
        if normalise(term) in resume_skills or contains_phrase(resume_text, term)
    )
    missing = tuple(term for term in terms if term not in matched)
    total = sum(weigh(term) for term in terms)
    found = sum(weigh(term) for term in matched)
    score = 100.0 * found / total if terms else 100.0
    missing_weights = tuple(weigh(term) for term in missing)
    return TermMatch(round(score, 2), matched, missing, derived_from_text, missing_weights, total)
