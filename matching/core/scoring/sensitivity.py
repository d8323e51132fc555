"""Controlled variants of a CV for one posting, and how far the score moves under each.

* ``skills_removed``: every mention of the posting's required skills deleted from the CV (the
  skill matcher's spans, aliases included, and the labels as whole words);
* ``experience_cut``: every date range the CV parser reads shrunk to its start and every
  duration ("N years", "N yrs", "N months", "two years", "109 months" rows) set to at most a
  third of the posting's minimum, never raised, so the CV shows fewer years than the posting
  asks (only for postings that state a minimum);
* ``section_added``: an unrelated "Interests" section appended;
* ``identity_swapped``: the name swapped (a name line added when there is none, and every other
  mention of the old name replaced), pronouns and gendered titles swapped.
A variant identical to the original is skipped (nothing to measure). Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from matching.core.scoring.bulk import text_vacancy_facts
from matching.core.scoring.features import _vacancy_terms
from matching.core.scoring.identity import swap_identity
from matching.core.skills.matcher import extract_skills

VARIANTS = ("skills_removed", "experience_cut", "section_added", "identity_swapped")
DROP_VARIANTS = VARIANTS[:3]
UNRELATED_SECTION = (
    "\n\nInterests\nHiking in the mountains, playing chess at a local club, amateur "
    "astronomy and baking bread for friends on weekends.\n"
)
_YEAR_RANGE = re.compile(
    r"((?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+|\d{1,2}[/.-])?"
    r"((?:19|20)\d\d))(\s*(?:-|–|—|to|until|till)\s*)"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+|\d{1,2}[/.-])?"
    r"(?:(?:19|20)\d\d|present|current|now|today|date|till\s+date)",
    re.IGNORECASE,
)
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20,
}  # fmt: skip
# Every duration the CV parser reads (``candidates.extraction.years``): digits or words, years
# or months, "+" allowed, glued to the next word as in "43 monthsCompany"; "less than 1 year"
# (read as 6 months) is a duration too.
_NUMBER = r"\d{1,3}(?:[.,]\d)?|" + "|".join(WORD_NUMBERS)
_UNIT = r"years?|months?|(?:yrs?|mos?)\.?(?![a-z])"
_DURATION = re.compile(
    r"(?P<less>less\s+than\s+1\s+year(?P<row>\s*months?)?)"
    rf"|(?<![\w.])(?P<n>{_NUMBER})(?P<gap>\s*\+?\s*)(?P<unit>{_UNIT})",
    re.IGNORECASE,
)
LESS_THAN_A_YEAR = 0.5
CUT_SHARE = 1.0 / 3.0


def _parser_ranges() -> re.Pattern[str] | None:
    """The CV parser's own date ranges (so every range it counts is shrunk), if installed."""
    try:
        from candidates.extraction.experience import DATE_RANGE
    except ImportError:  # pragma: no cover - the engine without the CV parser
        return None
    return DATE_RANGE


def required_skills(job: str) -> tuple[str, ...]:
    """The posting's required skills as the score reads them."""
    required, _, _, _ = _vacancy_terms(text_vacancy_facts(job))
    return required


def remove_skills(text: str, skills: Sequence[str]) -> str:
    """``text`` without any mention of ``skills`` (matcher spans, then whole-word labels)."""
    wanted = {skill.lower() for skill in skills}
    spans = sorted(
        span
        for match in extract_skills(text)
        if match.label.lower() in wanted
        for span in match.spans
    )
    pieces, cursor = [], 0
    for start, end in spans:
        if start >= cursor:
            pieces.append(text[cursor:start])
            cursor = end
    result = "".join(pieces) + text[cursor:]
    for skill in sorted(skills, key=len, reverse=True):
        result = re.sub(rf"(?<!\w){re.escape(skill)}(?!\w)", "", result, flags=re.IGNORECASE)
    return result


def cut_experience(text: str, min_years: float) -> str:
    """Date ranges collapsed to their start, every duration cut to at most a third of
    ``min_years`` (one decimal, in the unit it is written in; a shorter one is kept)."""
    target = max(round(min_years * CUT_SHARE, 1), 0.1)
    collapsed = _collapse_ranges(text)
    return _DURATION.sub(lambda match: _cut_duration(match, target), collapsed)


def _collapse_ranges(text: str) -> str:
    ranges = _parser_ranges()
    if ranges is None:
        return _YEAR_RANGE.sub(lambda m: f"{m.group(1)}{m.group(3)}{m.group(1)}", text)

    def start_only(match: re.Match[str]) -> str:
        start = match.group("since") or match.group("onwards") or match.group("start")
        return f"{start} - {start}"

    return ranges.sub(start_only, text)


def _cut_duration(match: re.Match[str], target_years: float) -> str:
    if match.group("less"):  # read as half a year; never an unreadable "less than 0.3 year"
        if target_years >= LESS_THAN_A_YEAR:
            return match.group(0)
        months = _figure(_months(target_years))
        return f"{months}{match.group('row')}" if match.group("row") else f"{months} months"
    token, unit = match.group("n"), match.group("unit")
    value = float(WORD_NUMBERS.get(token.lower(), 0)) or float(token.replace(",", "."))
    in_months = unit.lower().startswith("m")
    years = value / 12.0 if in_months else value
    if years <= target_years:
        return match.group(0)
    shown = _months(target_years) if in_months else target_years
    return f"{_figure(shown)}{match.group('gap')}{unit}"


def _months(years: float) -> float:
    """Whole months (at least 1): the parser reads month counts as integers."""
    return float(max(round(years * 12.0), 1))


def _figure(value: float) -> str:
    """``value`` to one decimal, without a trailing ``.0``."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded}"


def variant_text(name: str, resume: str, job: str, index: int = 0) -> str | None:
    """The CV's variant ``name`` for ``job``; ``None`` when it would not differ."""
    if name == "skills_removed":
        skills = required_skills(job)
        changed = remove_skills(resume, skills) if skills else resume
    elif name == "experience_cut":
        low = text_vacancy_facts(job).experience_min_years
        changed = cut_experience(resume, low) if low else resume
    elif name == "section_added":
        changed = resume + UNRELATED_SECTION
    else:
        changed = swap_identity(resume, index)
    return changed if changed != resume else None


def summarise(
    variant: str, originals: Sequence[float], scores: Sequence[float]
) -> dict[str, float]:
    """Contract summary: drops (original minus variant) or, for identity, absolute deltas."""
    drops = np.asarray(originals, dtype=np.float64) - np.asarray(scores, dtype=np.float64)
    if variant == "identity_swapped":
        absolute = np.abs(drops)
        return {
            "n": len(drops),
            "mean_abs_delta": round(float(absolute.mean()), 4) if len(drops) else 0.0,
            "p95_abs_delta": round(float(np.percentile(absolute, 95)), 4) if len(drops) else 0.0,
        }
    return {
        "n": len(drops),
        "mean_drop": round(float(drops.mean()), 4) if len(drops) else 0.0,
        "median_drop": round(float(np.median(drops)), 4) if len(drops) else 0.0,
        "share_dropping_5pts": round(float((drops >= 5.0).mean()), 4) if len(drops) else 0.0,
    }
