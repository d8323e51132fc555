"""The three text variants of a training pair: raw CV, structured profile, ESCO-standardised.

The fairness report trained on each of these forms; ``matching.training.dataset`` builds all
three for every labelled application.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from matching.core.skills.canonical import canonical_skills
from matching.core.skills.standard_text import candidate_standard_text, vacancy_standard_text

PROFILE_FLAGS = (
    "has_summary",
    "has_projects",
    "has_education",
    "has_certifications",
    "contact_info_complete",
)
MAX_SKILLS = 30


def profile_as_text(profile: Mapping[str, Any]) -> str:
    """Render a parsed CV profile (``ParsedProfile.to_dict()``) as short labelled lines.

    Contact details (emails, phones, links) are left out: the profile text is a model input.

    Args:
        profile: The document's ``profile`` JSON.

    Returns:
        Lines such as ``"Skills: Python, Django"``; empty when the profile is empty.
    """
    lines = []
    titles = _titles(profile)
    if titles:
        lines.append("Experience: " + "; ".join(titles))
    if profile.get("years_total"):
        lines.append(f"Years of experience: {float(profile['years_total']):g}")
    if profile.get("skills"):
        lines.append("Skills: " + ", ".join(str(skill) for skill in profile["skills"]))
    degrees = [str(degree.get("text", "")) for degree in profile.get("degrees") or []]
    if any(degrees):
        lines.append("Education: " + "; ".join(degree for degree in degrees if degree))
    if profile.get("certifications"):
        lines.append("Certifications: " + ", ".join(map(str, profile["certifications"])))
    if profile.get("languages"):
        lines.append("Languages: " + ", ".join(map(str, profile["languages"])))
    flags = [flag.removeprefix("has_") for flag in PROFILE_FLAGS if profile.get(flag)]
    if flags:
        lines.append("Sections: " + ", ".join(flags))
    return "\n".join(lines)


def candidate_standardised(
    text: str, profile: Mapping[str, Any], headline: str = "", skills: Sequence[str] = ()
) -> str:
    """The candidate's ESCO-standardised sentence (titles and canonical skills).

    Args:
        text: The CV text (skills are extracted from it when none are given or parsed).
        profile: The parsed profile (its experience titles and skills are used first).
        headline: The candidate's headline, a fallback title.
        skills: Skills known from elsewhere.

    Returns:
        "I have worked in the following domains: ... I have the following skills: ...".
    """
    titles = _titles(profile) or ([headline] if headline else [])
    found = list(skills) or [str(skill) for skill in profile.get("skills") or []]
    if not found:
        found = list(canonical_skills(text))
    return candidate_standard_text(titles, found[:MAX_SKILLS])


def vacancy_standardised(title: str, required_skills: Sequence[str], description: str = "") -> str:
    """The vacancy's ESCO-standardised sentence (its skills, else those found in its text)."""
    skills = list(required_skills) or list(canonical_skills(f"{title}\n{description}"))
    return vacancy_standard_text(title, skills[:MAX_SKILLS])


def _titles(profile: Mapping[str, Any]) -> list[str]:
    """Distinct experience titles; the parser keeps "Title, Employer", so the employer is cut."""
    entries = profile.get("experience") or []
    titles = (str(entry["title"]).split(", ")[0].strip() for entry in entries if entry.get("title"))
    return list(dict.fromkeys(title for title in titles if title))
