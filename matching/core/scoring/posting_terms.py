"""The terms a CV is matched on for one vacancy: required and preferred skills with their
centrality weights, and the posting's keywords (skills, tools and certifications it names).

A vacancy's own lists (what a recruiter entered) win; a posting known only by its text gets
them from ``matching.core.scoring.requirements`` over the taxonomy in use. Keywords are never
free words of the posting (no stop-words, places or dates): they are its canonical skills and
named certifications.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from matching.core.scoring.requirements import PostingRequirements, read_requirements
from matching.core.skills.matcher import SkillMatcher, default_matcher
from matching.core.text import STOPWORDS, normalise, unique

if TYPE_CHECKING:
    from matching.core.scoring.feature_types import VacancyFacts

MatcherProvider = Callable[[], SkillMatcher]
_provider: list[MatcherProvider] = []
MAX_KEYWORDS = 15


def use_taxonomy(provider: MatcherProvider | None) -> None:
    """Read postings with ``provider()``'s matcher (the taxonomy in use); None: the packaged one.

    Set once by the Django app (``matching.apps``) to the imported or official ESCO taxonomy.
    """
    _provider.clear()
    if provider is not None:
        _provider.append(provider)
    _cached_requirements.cache_clear()


def taxonomy_matcher() -> SkillMatcher:
    """The matcher of the taxonomy in use."""
    return _provider[0]() if _provider else default_matcher()


@dataclass(frozen=True, slots=True)
class PostingTerms:
    """The terms of one vacancy and the weight of each (1 when nothing says more)."""

    required: tuple[str, ...]
    preferred: tuple[str, ...]
    keywords: tuple[str, ...]
    derived_from_text: bool
    weights: tuple[tuple[str, float], ...]
    requirements: PostingRequirements

    def weight(self, term: str) -> float:
        """The centrality weight of ``term``."""
        return dict(self.weights).get(term, 1.0)


@lru_cache(maxsize=1024)
def _cached_requirements(text: str, essential: frozenset[str]) -> PostingRequirements:
    return read_requirements(text, matcher=taxonomy_matcher(), essential=essential)


def posting_requirements(text: str, essential: frozenset[str] = frozenset()) -> PostingRequirements:
    """The requirements of a posting text, cached per (text, essential skills)."""
    return _cached_requirements(text, essential)


def _usable(label: str) -> bool:
    folded = normalise(label)
    return bool(folded) and folded not in STOPWORDS and not folded.isdigit()


@lru_cache(maxsize=1024)
def posting_terms(vacancy: VacancyFacts) -> PostingTerms:
    """Required, preferred and keyword terms of ``vacancy`` with centrality weights."""
    requirements = posting_requirements(vacancy.text, frozenset(vacancy.essential_skills))
    read = {item.label.lower(): item.weight for item in requirements.required}
    read |= {item.label.lower(): item.weight for item in requirements.preferred}
    listed_required, listed_preferred = (
        unique(vacancy.required_skills),
        unique(vacancy.preferred_skills),
    )
    derived = not listed_required and not vacancy.keywords and bool(vacancy.text.strip())
    if derived:
        required = tuple(item.label for item in requirements.required if _usable(item.label))
        preferred = listed_preferred or tuple(
            item.label for item in requirements.preferred if _usable(item.label)
        )
    else:
        required, preferred = listed_required, listed_preferred
    keywords = (
        unique(vacancy.keywords)
        or unique([*required, *preferred, *requirements.certifications])[:MAX_KEYWORDS]
    )
    weights = tuple((term, read.get(term.lower(), 1.0)) for term in unique([*required, *preferred]))
    return PostingTerms(required, preferred, keywords, derived, weights, requirements)
