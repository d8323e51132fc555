"""What a posting asks, read from its own text: weighted skills, years, degree, certifications.

Skills are the canonical skills of the taxonomy in use (``matching.core.skills.matcher``); each
gets a centrality weight: 1, plus 1 when it is named in the posting's requirements part (after
"Requirements", "Qualifications", "What you need"...) or in a sentence that asks for it
("required", "must", "proficient in"), plus 0.5 per further mention (at most 1), plus 1 when it
is essential for the posting's ESCO occupation. A skill named only in a "nice to have / a plus /
preferred" sentence is preferred, not required. Years: "3-5 years", "5+ years", "at least two
years of experience" (a figure about the company, "over the past 15 years", is not a
requirement); per skill: "5+ years of Spring".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from matching.core.scoring.credentials import asked_degree, certifications_in
from matching.core.skills.matcher import SkillMatcher, extract_skills
from matching.core.skills.types import SkillMatch

MAX_REQUIRED = 15
MAX_PREFERRED = 10
SECTION_BONUS = 1.0
MENTION_BONUS = 0.5
MAX_MENTION_BONUS = 1.0
ESSENTIAL_BONUS = 1.0
MAX_REQUIREMENT_YEARS = 30.0
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15,
}  # fmt: skip
_N = r"(\d{1,2}(?:\.\d)?|" + "|".join(_WORDS) + r")"
_YEARS = re.compile(
    rf"(?P<lead>at\s+least|minimum(?:\s+of)?|min\.?|a\s+minimum\s+of)?\s*(?<![\w.]){_N}"
    rf"\s*(?P<plus>\+|plus)?\s*(?:(?:-|–|to)\s*{_N}\s*)?\+?\s*(?:years?|yrs?)\b'?"
    r"(?P<tail>(?:\s+\w+){0,5})",
    re.IGNORECASE,
)
_NOT_A_REQUIREMENT = re.compile(r"(?:past|last|nearly|almost|over\s+the|for)\s*$", re.I)
_REQUIREMENTS_START = re.compile(
    r"requirements|qualifications|what you(?:'ll| will)? need|must[- ]haves?|you have|"
    r"you bring|skills and experience|required skills|who you are|about you|profile",
    re.IGNORECASE,
)
_REQUIREMENTS_END = re.compile(
    r"benefits|what we offer|what's in it|we offer|about us|about the company|perks|"
    r"responsibilities|what you will be doing|duties|salary|compensation",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"required|requirement|must|essential|proficien|expert|strong|solid|experience (?:with|in)|"
    r"knowledge of|demonstrated|mandatory|need",
    re.IGNORECASE,
)
_PREFERRED = re.compile(
    r"nice to have|a plus|preferred|preferably|bonus|desired|desirable|advantage|helpful|ideally",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?;\n•*]+")


@dataclass(frozen=True, slots=True)
class WeightedSkill:
    """A skill the posting asks for and how central it is (weight >= 1)."""

    label: str
    weight: float
    mentions: int
    in_requirements: bool
    essential: bool = False


@dataclass(frozen=True, slots=True)
class PostingRequirements:
    """Everything a posting asks that a CV can show or miss."""

    required: tuple[WeightedSkill, ...]
    preferred: tuple[WeightedSkill, ...]
    min_years: float | None
    max_years: float | None
    skill_years: tuple[tuple[str, float], ...]
    degree: str | None
    certifications: tuple[str, ...]


def _number(token: str) -> float:
    return float(_WORDS.get(token.lower(), 0) or token)


def posting_years(text: str) -> tuple[float | None, float | None]:
    """The posting's years of experience as ``(min, max)``; ``(None, None)`` when unstated."""
    lows, highs = [], []
    for match in _YEARS.finditer(text):
        before = text[max(0, match.start() - 14) : match.start()]
        tail = match.group("tail") or ""
        asked = (
            match.group("lead")
            or match.group("plus")
            or match.group(4)
            or re.match(r"\s+(?:of|in|with|as|on)\b", tail)
            or re.search(r"experience", tail, re.I)
        )
        if not asked or _NOT_A_REQUIREMENT.search(before):
            continue
        low = _number(match.group(2))
        if 0 < low <= MAX_REQUIREMENT_YEARS:
            lows.append(low)
            if match.group(4):
                highs.append(_number(match.group(4)))
    if not lows:
        return None, None
    return min(lows), (max(highs) if highs else None)


def requirement_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the posting's requirements part(s)."""
    spans = []
    for start in _REQUIREMENTS_START.finditer(text):
        end = _REQUIREMENTS_END.search(text, start.end())
        spans.append((start.start(), end.start() if end else len(text)))
    return spans


def _sentence_kinds(text: str) -> list[tuple[int, int, bool, bool]]:
    return [
        (m.start(), m.end(), bool(_ASKING.search(m.group())), bool(_PREFERRED.search(m.group())))
        for m in _SENTENCE.finditer(text)
    ]


def _weigh(
    match: SkillMatch,
    spans: list[tuple[int, int]],
    sentences: list[tuple[int, int, bool, bool]],
    essential: bool,
) -> tuple[WeightedSkill, bool]:
    inside = any(lo <= s < hi for s, _ in match.spans for lo, hi in spans)
    asked = preferred_only = False
    kinds = [k for s, _ in match.spans for k in sentences if k[0] <= s < k[1]]
    asked = any(k[2] and not k[3] for k in kinds)
    preferred_only = bool(kinds) and all(k[3] for k in kinds)
    mentions = len(match.spans)
    weight = 1.0 + (SECTION_BONUS if inside or asked else 0.0)
    weight += min(MENTION_BONUS * (mentions - 1), MAX_MENTION_BONUS)
    weight += ESSENTIAL_BONUS if essential else 0.0
    return WeightedSkill(match.label, weight, mentions, inside or asked, essential), preferred_only


def read_requirements(
    text: str,
    *,
    matcher: SkillMatcher | None = None,
    essential: Collection[str] = (),
) -> PostingRequirements:
    """Read ``text``'s requirements; ``essential`` holds the ESCO URIs of the skills that are
    essential for the posting's occupation (ESCO relations)."""
    spans = requirement_spans(text)
    sentences = _sentence_kinds(text)
    wanted = set(essential)
    required: list[WeightedSkill] = []
    preferred: list[WeightedSkill] = []
    for match in extract_skills(text, matcher):
        skill, preferred_only = _weigh(match, spans, sentences, match.uri in wanted)
        (preferred if preferred_only and not skill.essential else required).append(skill)
    required.sort(key=lambda item: -item.weight)
    preferred.sort(key=lambda item: -item.weight)
    low, high = posting_years(text)
    return PostingRequirements(
        required=tuple(required[:MAX_REQUIRED]),
        preferred=tuple(preferred[:MAX_PREFERRED]),
        min_years=low,
        max_years=high,
        skill_years=_skill_years(text, matcher),
        degree=asked_degree(text),
        certifications=certifications_in(text),
    )


@lru_cache(maxsize=1024)
def cached_requirements(text: str) -> PostingRequirements:
    """``read_requirements`` with the taxonomy in use, cached per posting text."""
    return read_requirements(text)


def _skill_years(text: str, matcher: SkillMatcher | None) -> tuple[tuple[str, float], ...]:
    """Per-skill years the posting asks ("5+ years of Spring"), canonical labels."""
    try:
        from candidates.extraction.years import skill_years
    except ImportError:
        return ()
    found: dict[str, float] = {}
    for item in skill_years(text):
        for match in extract_skills(item.skill, matcher):
            found[match.label] = max(found.get(match.label, 0.0), item.years)
    return tuple(found.items())


def canonical_skill_years(
    pairs: tuple[tuple[str, float], ...], matcher: SkillMatcher | None = None
) -> dict[str, float]:
    """A CV's per-skill years keyed by lower-cased canonical label (and by the label as written)."""
    found: dict[str, float] = {}
    for label, years in pairs:
        keys = {label.lower(), *(m.label.lower() for m in extract_skills(label, matcher))}
        for key in keys:
            found[key] = max(found.get(key, 0.0), years)
    return found
