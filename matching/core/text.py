"""Small text helpers for explainable matching: normalisation, phrase search, keywords.

The base layer of ``matching.core``: it imports no other part of it. Skill labels found in a
text are ``matching.core.skills.canonical.canonical_skills``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

TOKEN_PATTERN = re.compile(r"[a-z0-9][a-z0-9+#]*(?:\.[a-z0-9]+)*")
_STOPWORD_TEXT = """
a about above after all also an and any are as at be been being both but by can could did do
does each etc for from had has have having he her here his how i if in into is it its job jobs
may me more most must my no not of on one or other our out over own per please role same she
should so some such than that the their them then there these they this those through to too
under up us very was we were what when where which while who will with within would you your
work working team teams experience years year including new company position candidate
candidates ability strong skills skill knowledge requirements required preferred responsible
responsibilities opportunity apply application time well looking based using use best across
provide provides ensure help join plus day days full part level related relevant equivalent
minimum degree benefits salary location report monster null none caption src http https www
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
MIN_KEYWORD_LENGTH = 3


def normalise(text: str) -> str:
    """Lower-case ``text`` and collapse punctuation (except ``+ # .``) and spaces to one space."""
    lowered = re.sub(r"[^\w+#.]+", " ", text.lower())
    return " ".join(lowered.replace("_", " ").split())


def tokens(text: str) -> list[str]:
    """Lower-case word tokens that keep ``c++``, ``c#``, ``node.js`` whole."""
    return [token.rstrip(".") for token in TOKEN_PATTERN.findall(text.lower())]


def contains_phrase(normalised_text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``normalised_text`` (from ``normalise``) as whole words."""
    target = normalise(phrase)
    if not target:
        return False
    pattern = rf"(?<![\w+#]){re.escape(target)}(?![\w+#])"
    return re.search(pattern, normalised_text) is not None


def top_keywords(text: str, limit: int = 15) -> tuple[str, ...]:
    """The most frequent content words of ``text`` (ties in order of first mention).

    Args:
        text: A vacancy posting or any text.
        limit: How many keywords to return at most.

    Returns:
        Lower-case keywords, most frequent first.
    """
    words = [
        word
        for word in tokens(text)
        if len(word) >= MIN_KEYWORD_LENGTH
        and word not in STOPWORDS
        and not word.isdigit()
        and not word.endswith((".com", ".org", ".net"))
    ]
    counts = Counter(words)
    first_seen = {word: index for index, word in reversed(list(enumerate(words)))}
    ranked = sorted(counts, key=lambda word: (-counts[word], first_seen[word]))
    return tuple(ranked[:limit])


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """Items without blanks and without case-insensitive duplicates, first spelling kept."""
    seen: dict[str, str] = {}
    for item in items:
        key = normalise(item)
        if key and key not in seen:
            seen[key] = item.strip()
    return tuple(seen.values())
