"""The matching vocabulary: ESCO labels plus curated aliases, as prioritised surface terms."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matching.core.skills.normalise import lower_same_length, normalise_term
from matching.core.skills.types import EscoSkill, SkillAlias

ALIAS_PRIORITY = 0
PREFERRED_PRIORITY = 1
ALT_PRIORITY = 2
STRIPPED_PRIORITY = 3
SHORT_TERM_LENGTH = 2
FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)
RARE_WORD_SKILLS = 20
_WORD = re.compile(r"[^\W_]+")
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)\s*$")

# ESCO labels that are also everyday English words: matched only with ESCO's capitalisation
# ("Swift", "Eclipse"), and dropped where ESCO writes them in lower case. One-word labels in
# capitals ("LESS", "SPARK") also match only in capitals.
AMBIGUOUS_WORDS = frozenset(
    {
        "absorb", "access", "ada", "alice", "assembly", "basic", "blender", "chef", "dart",
        "delphi", "eclipse", "go", "hive", "jade", "julia", "logo", "opera", "oracle", "outlook",
        "pig", "puppet", "ruby", "rust", "salt", "scratch", "sketch", "spark", "swift", "teams",
        "unity", "word",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Target:
    """A canonical skill that terms resolve to."""

    label: str
    uri: str
    is_technology: bool


@dataclass(frozen=True, slots=True)
class Term:
    """One normalised surface form of a target.

    ``cased`` is the exact-case form a match must have, or ``""`` when any case matches.
    """

    key: str
    target: int
    priority: int
    cased: str = ""
    needs_context: bool = False


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Targets and the terms that find them, keyed by normalised lower-case form."""

    targets: tuple[Target, ...]
    terms: dict[str, tuple[Term, ...]]


def _is_short(key: str) -> bool:
    """At most two letters or digits, as in "R", "C#", "Go" (punctuation aside)."""
    return len(key) <= SHORT_TERM_LENGTH or (
        len(key) <= 2 * SHORT_TERM_LENGTH
        and sum(char.isalnum() for char in key) <= SHORT_TERM_LENGTH
    )


def _is_specific(key: str, cased: str, *, is_preferred: bool, word_skills: Counter[str]) -> bool:
    """Drop forms that name no skill on their own.

    Forms starting or ending with a function word are cut fragments ("and procedures"). A
    one-word alternative label that is a common word in the taxonomy ("Board", "equipment",
    "data": in the texts of more than ``RARE_WORD_SKILLS`` skills) is a broader term and finds
    far more than its skill, unlike rare words ("refactoring"), acronyms and product names.
    """
    words = key.split()
    if not words or words[0] in FUNCTION_WORDS or words[-1] in FUNCTION_WORDS:
        return False
    if len(words) > 1 or is_preferred or word_skills[key] <= RARE_WORD_SKILLS:
        return True
    return any(char.isupper() or char.isdigit() for char in cased[1:])


def _word_skills(skills: Sequence[EscoSkill]) -> Counter[str]:
    """In how many skills' labels and descriptions each word occurs."""
    counts: Counter[str] = Counter()
    for skill in skills:
        text = " ".join((skill.preferred_label, *skill.alt_labels, skill.description))
        counts.update(set(_WORD.findall(text.lower())))
    return counts


def _esco_labels(skill: EscoSkill) -> list[tuple[str, int, bool]]:
    """(label, priority, whether it names the skill itself) for every usable label."""
    labels = [(skill.preferred_label, PREFERRED_PRIORITY, True)]
    labels += [(label, ALT_PRIORITY, False) for label in skill.alt_labels]
    stripped = [
        (_PARENTHETICAL.sub("", label), STRIPPED_PRIORITY, is_preferred)
        for label, _, is_preferred in labels
        if label.endswith(")")
    ]
    return labels + [item for item in stripped if item[0]]


def _esco_terms(skill: EscoSkill, target: int, word_skills: Counter[str]) -> Iterable[Term]:
    for label, priority, is_preferred in _esco_labels(skill):
        cased = normalise_term(label, keep_case=True)
        key = lower_same_length(cased)
        if not _is_specific(key, cased, is_preferred=is_preferred, word_skills=word_skills):
            continue
        if _is_short(key):
            yield Term(key, target, priority, cased, needs_context=True)
        elif key in AMBIGUOUS_WORDS or (cased.isupper() and " " not in cased):
            if cased != key:
                yield Term(key, target, priority, cased)
        else:
            yield Term(key, target, priority)


def _alias_terms(alias: SkillAlias, target: int) -> Iterable[Term]:
    for term in alias.terms:
        yield Term(normalise_term(term), target, ALIAS_PRIORITY)
    for term in alias.case_sensitive_terms:
        yield Term(
            normalise_term(term), target, ALIAS_PRIORITY, normalise_term(term, keep_case=True)
        )
    for term in alias.context_terms:
        cased = normalise_term(term, keep_case=True)
        yield Term(normalise_term(term), target, ALIAS_PRIORITY, cased, needs_context=True)


def _keep_best(terms: Iterable[Term]) -> dict[str, tuple[Term, ...]]:
    by_key: dict[str, dict[tuple[int, str], Term]] = {}
    for term in terms:
        if not term.key or term.key in FUNCTION_WORDS:
            continue
        claims = by_key.setdefault(term.key, {})
        known = claims.get((term.target, term.cased))
        if known is None or term.priority < known.priority:
            claims[(term.target, term.cased)] = term
    best = {}
    for key, candidates in by_key.items():
        top = min(term.priority for term in candidates.values())
        kept = tuple(term for term in candidates.values() if term.priority == top)
        if top == ALIAS_PRIORITY or len({term.target for term in kept}) == 1:
            best[key] = kept
    return best


def build_vocabulary(skills: Sequence[EscoSkill], aliases: Sequence[SkillAlias]) -> Vocabulary:
    """Merge ESCO skills and curated aliases into one vocabulary.

    An alias whose URI is an ESCO skill's relabels that skill. For a surface form claimed by
    several skills only the highest priority claims survive: alias, then ESCO preferred label,
    then alternative label, then a label without its parenthetical ("Python" for "Python
    (computer programming)"). A form that several ESCO skills claim at the same priority is
    ambiguous and dropped (aliases settle the ones that matter, such as "ML").

    Args:
        skills: ESCO skills from either source.
        aliases: curated aliases (``matching.core.skills.aliases.ALIASES``).

    Returns:
        The vocabulary.
    """
    by_uri = {alias.uri: alias for alias in aliases}
    targets: list[Target] = []
    terms: list[Term] = []
    index_of: dict[str, int] = {}
    word_skills = _word_skills(skills)
    for skill in skills:
        alias = by_uri.get(skill.uri)
        label = alias.label if alias is not None else skill.preferred_label
        is_technology = alias is not None and alias.category == "technology"
        index_of[skill.uri] = len(targets)
        targets.append(Target(label, skill.uri, is_technology))
        terms.extend(_esco_terms(skill, index_of[skill.uri], word_skills))
    for alias in aliases:
        if alias.uri not in index_of:
            index_of[alias.uri] = len(targets)
            targets.append(Target(alias.label, alias.uri, alias.category == "technology"))
        terms.extend(_alias_terms(alias, index_of[alias.uri]))
    return Vocabulary(tuple(targets), _keep_best(terms))
