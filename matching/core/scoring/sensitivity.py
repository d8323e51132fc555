"""Controlled variants of a CV for one posting, and how far the score moves under each.

* ``skills_removed``: every mention of the posting's required skills deleted from the CV (the
  skill matcher's spans, aliases included, and the labels as whole words);
* ``experience_cut``: every date range shrunk to its start and every "N years" / "N months"
  phrase cut, so the CV shows fewer years than the posting asks (only for postings that state
  a minimum);
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
_YEARS_PHRASE = re.compile(
    r"\b(\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen)(\s*\+?\s*)(years?|yrs?)\b",
    re.IGNORECASE,
)
_MONTHS_PHRASE = re.compile(r"\b(\d{1,3})(\s*)(months?)\b", re.IGNORECASE)


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
    """Date ranges collapsed to their start, "N years" phrases set below ``min_years``."""
    shown = max(int(min_years) // 3, 0)
    collapsed = _YEAR_RANGE.sub(lambda m: f"{m.group(1)}{m.group(3)}{m.group(1)}", text)
    fewer_years = _YEARS_PHRASE.sub(lambda m: f"{shown}{m.group(2)}{m.group(3)}", collapsed)
    return _MONTHS_PHRASE.sub(lambda m: f"{shown * 12}{m.group(2)}{m.group(3)}", fewer_years)


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
