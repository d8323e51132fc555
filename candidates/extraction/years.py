"""Years of experience a CV states in words: per skill ("Java - 60 months", "5 years of
Spring", the Kaggle-style "PYTHON- Exprience - 109 months" rows) and in total ("8+ years of
experience", "experience of 6 years", "over ten years in banking").

Dated positions are read by ``candidates.extraction.experience``; this module reads what CVs
without dates say, which is the usual case in plain-text CV dumps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20,
}  # fmt: skip
_NUMBER = r"(?:\d{1,3}(?:[.,]\d)?|" + "|".join(WORD_NUMBERS) + r")"
_YEARS_UNIT = r"(?:years?|yrs?\.?)"
_MONTHS_UNIT = r"(?:months?|mos?\.?)"
LESS_THAN_A_YEAR_MONTHS = 6.0
MAX_YEARS = 50.0
MAX_SKILL_WORDS = 8
_SKILL_NAME = r"[A-Za-z][\w+#./&' -]{0,48}?"
# `(?=[\dotfsen])` below: a figure starts with a digit or a number word's first letter; the
# lookahead fails fast elsewhere (the same matches in less time).
# "PYTHON- Exprience - 109 months", "Sql Dba- Exprience - Less than 1 year months"
_ROW = re.compile(
    r"(?:^|(?<=[|\n]))[ \t]*(?P<skill>[^\n|]{1,80}?)\s*-\s*Ex(?:p|e)ri?e?nce\s*-\s*"
    r"(?:(?P<months>\d{1,3})|(?P<less>less\s+than\s+1\s+year))\s*months?",
    re.IGNORECASE,
)
# "Java - 60 months", "Spring: 5 years", "Docker (2 yrs)" at the start of a line or item
_SKILL_FIRST = re.compile(
    rf"(?:^|[\n,;:•*|])[ \t]*(?P<skill>{_SKILL_NAME})[ \t]*(?:-|–|:|\()[ \t]*"
    rf"(?P<n>{_NUMBER})[ \t]*\+?[ \t]*(?P<unit>{_YEARS_UNIT}|{_MONTHS_UNIT})\)?",
    re.IGNORECASE,
)
# "5 years of Spring", "3+ years of experience in Java", "2 yrs experience with React"
_YEARS_FIRST = re.compile(
    rf"(?<![\w.])(?=[\dotfsen])(?P<n>{_NUMBER})[ \t]*\+?[ \t]*"
    rf"(?P<unit>{_YEARS_UNIT}|{_MONTHS_UNIT})'?[ \t]+"
    r"(?:of[ \t]+)?(?:(?:hands[- ]on|professional|working|work|industry|relevant|solid)[ \t]+)?"
    r"(?:(?:experience|exp\.?)[ \t]+(?:in|with|on|using|of)|in|with|of)[ \t]+(?:the[ \t]+)?"
    r"(?P<skill>[A-Za-z][\w+#.]*(?:[ /][A-Za-z][\w+#.]*){0,2})",
    re.IGNORECASE,
)
# "8+ years of experience", "experience of 6 years", "over ten years in", "for 3 years"
_TOTAL = (
    re.compile(
        rf"(?<![\w.])(?=[\dotfsen])(?P<n>{_NUMBER})\s*\+?\s*{_YEARS_UNIT}'?\s*"
        rf"(?:and\s+(?P<m>\d{{1,2}})\s*"
        rf"{_MONTHS_UNIT}\s*)?(?:of\s+)?(?:\w+\s+){{0,3}}?(?:experience|exp\b)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?:experience|exp\.?)[\s:–-]*(?:of|is|over|around|about|nearly)?\s*(?:over\s+)?"
        rf"(?P<n>{_NUMBER})\s*\+?\s*{_YEARS_UNIT}(?:\s*(?:and\s+)?(?P<m>\d{{1,2}})\s*{_MONTHS_UNIT})?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?:over|more\s+than|nearly|almost|around|about)\s+(?P<n>{_NUMBER})\s*\+?\s*"
        rf"{_YEARS_UNIT}\s+(?:of\s+)?(?:in|with|as|at|across)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\bfor\s+(?:the\s+)?(?:last\s+|past\s+)?(?:over\s+|about\s+)?(?P<n>{_NUMBER})\s*\+?\s*"
        rf"{_YEARS_UNIT}(?:\s*(?:and\s+)?(?P<m>\d{{1,2}})\s*{_MONTHS_UNIT})?(?![\w-])",
        re.IGNORECASE,
    ),
)
_NOT_SKILLS = frozenset(
    [
        "experience",
        "exp",
        "total",
        "overall",
        "work",
        "working",
        "professional",
        "relevant",
        "age",
        "duration",
        "period",
        "industry",
        "the",
        "a",
        "an",
        "and",
        "my",
        "over",
        "about",
        "nearly",
        "more",
        "description",
        "role",
        "company",
    ]
)


@dataclass(frozen=True, slots=True)
class SkillYears:
    """Years of experience a CV states for one skill, as written there."""

    skill: str
    years: float


def number(token: str) -> float:
    """A figure written in digits ("2.5", "3,5") or as a word ("two")."""
    word = token.lower()
    return float(WORD_NUMBERS[word]) if word in WORD_NUMBERS else float(word.replace(",", "."))


def _years(value: float, unit: str) -> float:
    return value / 12.0 if unit.lower().startswith("m") else value


def _skill_label(raw: str) -> str | None:
    label = " ".join(raw.strip(" -–:(*•").split())
    words = label.lower().split()
    if not words or len(label) < 1 or all(word in _NOT_SKILLS for word in words):
        return None
    if len(words) > MAX_SKILL_WORDS or words[0] in _NOT_SKILLS or "exprience" in words:
        return None
    return label


def skill_years(text: str) -> tuple[SkillYears, ...]:
    """Every skill the CV gives a duration for, the largest figure per skill (case-folded)."""
    found: dict[str, SkillYears] = {}

    def keep(raw: str, years: float) -> None:
        label = _skill_label(raw)
        if label is None or not 0 <= years <= MAX_YEARS:
            return
        key = label.lower()
        if key not in found or years > found[key].years:
            found[key] = SkillYears(label, round(years, 2))

    for match in _ROW.finditer(text):
        months = LESS_THAN_A_YEAR_MONTHS if match.group("less") else float(match.group("months"))
        keep(match.group("skill"), months / 12.0)
    for pattern in (_SKILL_FIRST, _YEARS_FIRST):
        for match in pattern.finditer(text):
            keep(match.group("skill"), _years(number(match.group("n")), match.group("unit")))
    return tuple(found.values())


def stated_total_years(text: str) -> float:
    """The largest total the CV states ("8+ years of experience"), 0 when it states none."""
    figures = []
    for pattern in _TOTAL:
        for match in pattern.finditer(text):
            value = number(match.group("n"))
            months = match.groupdict().get("m")
            figures.append(value + (float(months) / 12.0 if months else 0.0))
    return round(max((f for f in figures if 0 < f <= MAX_YEARS), default=0.0), 1)


def stated_years(text: str, per_skill: tuple[SkillYears, ...] | None = None) -> float:
    """Years a CV states without dates: its stated total, else its longest per-skill figure.

    `per_skill` is `skill_years(text)` when the caller has it already (it is the costly part).
    """
    total = stated_total_years(text)
    if total:
        return total
    figures = skill_years(text) if per_skill is None else per_skill
    longest = max((item.years for item in figures), default=0.0)
    return round(longest, 1)
