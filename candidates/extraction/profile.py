"""`parse_profile`: a structured CV profile (sections, contact, experience, degrees, skills)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from candidates.extraction.contact import find_emails, find_links, find_phones
from candidates.extraction.experience import (
    ExperienceEntry,
    find_experience,
    stated_years,
    total_years,
)
from candidates.extraction.items import (
    Degree,
    find_certifications,
    find_degrees,
    find_languages,
    tokenize_skills,
)
from candidates.extraction.sections import HEADER, Sections, split_sections
from candidates.extraction.years import SkillYears, skill_years
from candidates.extraction.years import stated_years as stated_years_in_words

SkillExtractor = Callable[[str], list[str]]
SEED_FEATURES = (
    "skills",
    "experience_count",
    "years_total",
    "has_summary",
    "has_projects",
    "has_education",
    "has_certifications",
    "certifications_count",
    "raw_text_length",
    "contact_info_complete",
)


@dataclass(frozen=True, slots=True)
class ParsedProfile:
    """What a CV says, as structured fields; `to_dict()` carries the seed feature set."""

    sections: tuple[str, ...]
    skills: tuple[str, ...]
    skills_section: tuple[str, ...]
    experience: tuple[ExperienceEntry, ...]
    years_total: float
    skill_years: tuple[SkillYears, ...]
    degrees: tuple[Degree, ...]
    certifications: tuple[str, ...]
    languages: tuple[str, ...]
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    links: tuple[str, ...]
    raw_text_length: int

    @property
    def experience_count(self) -> int:
        """Number of dated experience entries."""
        return len(self.experience)

    @property
    def has_summary(self) -> bool:
        """Whether the CV has a summary / profile / objective section."""
        return "summary" in self.sections

    @property
    def has_projects(self) -> bool:
        """Whether the CV has a projects section."""
        return "projects" in self.sections

    @property
    def has_education(self) -> bool:
        """Whether the CV has an education section or names a degree."""
        return "education" in self.sections or bool(self.degrees)

    @property
    def certifications_count(self) -> int:
        """Number of certifications listed."""
        return len(self.certifications)

    @property
    def has_certifications(self) -> bool:
        """Whether at least one certification is listed."""
        return bool(self.certifications)

    @property
    def contact_info_complete(self) -> bool:
        """Whether the CV gives both an email address and a phone number."""
        return bool(self.emails) and bool(self.phones)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the seed features first, then the detailed fields."""
        seed = {name: getattr(self, name) for name in SEED_FEATURES}
        seed["skills"] = list(self.skills)
        return seed | {
            "sections": list(self.sections),
            "skills_section": list(self.skills_section),
            "experience": [_entry_dict(entry) for entry in self.experience],
            "skill_years": [
                {"skill": item.skill, "years": item.years} for item in self.skill_years
            ],
            "degrees": [{"level": degree.level, "text": degree.text} for degree in self.degrees],
            "certifications": list(self.certifications),
            "languages": list(self.languages),
            "emails": list(self.emails),
            "phones": list(self.phones),
            "links": list(self.links),
        }


def parse_profile(
    text: str,
    *,
    skill_extractor: SkillExtractor | None = None,
    today: date | None = None,
) -> ParsedProfile:
    """Parse CV text into a structured profile; never raises on any text.

    Args:
        text: the CV's text (as `extract_text` returns it, or pasted).
        skill_extractor: maps the whole text to canonical skills (the ESCO matcher); None uses
            the built-in tokenizer of the skills section.
        today: the date that "present" / "aujourd'hui" stands for; None for today (UTC).

    Returns:
        The parsed profile.
    """
    reference = today or datetime.now(tz=UTC).date()
    sections = split_sections(text)
    experience = find_experience(_experience_text(sections, text), today=reference)
    # Dates can miss positions and stated figures can miss dated ones: the larger is kept.
    dated = total_years(experience) if experience else 0.0
    per_skill_years = skill_years(text)
    years = max(dated, stated_years(text), stated_years_in_words(text, per_skill_years))
    education_text = sections.text("education") or text
    section_skills = tokenize_skills(sections.text("skills"))
    skills = skill_extractor(text) if skill_extractor else section_skills
    return ParsedProfile(
        sections=tuple(sections.present()),
        skills=tuple(skills),
        skills_section=tuple(section_skills),
        experience=tuple(experience),
        years_total=years,
        skill_years=per_skill_years,
        degrees=tuple(find_degrees(education_text)),
        certifications=tuple(find_certifications(sections.text("certifications"), text)),
        languages=tuple(find_languages(sections.text("languages"))),
        emails=tuple(find_emails(text)),
        phones=tuple(find_phones(text)),
        links=tuple(find_links(text)),
        raw_text_length=len(text),
    )


def _experience_text(sections: Sections, text: str) -> str:
    """The experience section; without one, everything but education and certifications."""
    if "experience" in sections.lines:
        return sections.text("experience")
    if set(sections.lines) == {HEADER}:
        return text
    kept = [name for name in sections.lines if name not in {"education", "certifications"}]
    return "\n".join(sections.text(name) for name in kept)


def _entry_dict(entry: ExperienceEntry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "start": entry.start.strftime("%Y-%m"),
        "end": None if entry.is_current else entry.end.strftime("%Y-%m"),
        "months": entry.months,
        "is_current": entry.is_current,
    }
