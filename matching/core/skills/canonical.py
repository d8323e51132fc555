"""Canonical skill labels found in a text (the ESCO extractor, cached per text).

It falls back to an empty result where the extractor's package is absent, so callers then rely
on plain phrase matching.
"""

from __future__ import annotations

from functools import lru_cache

from matching.core.text import unique


@lru_cache(maxsize=2048)
def canonical_skills(text: str, limit: int | None = None) -> tuple[str, ...]:
    """Canonical (ESCO or curated) skill labels found in ``text``, in order of first mention.

    Cached per text (a CV is read by the parser and by the standardised embedding). Returns an
    empty tuple when the skill extractor is not installed.
    """
    try:
        from matching.core.skills.matcher import extract_skills
    except ImportError:
        return ()
    labels = unique(match.label for match in extract_skills(text))
    return labels if limit is None else labels[:limit]
