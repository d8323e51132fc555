"""The ESCO-standardised text form of candidates and vacancies (one of the matching inputs)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

Language = Literal["en", "fr"]

CANDIDATE_TEMPLATES: dict[str, str] = {
    "en": (
        "I have worked in the following domains: {titles}. I have the following skills: {skills}."
    ),
    "fr": (
        "J'ai travaillé dans les domaines suivants : {titles}. "
        "J'ai les compétences suivantes : {skills}."
    ),
}
VACANCY_TEMPLATES: dict[str, str] = {
    "en": "The position is: {title}. The required skills are: {skills}.",
    "fr": "Le poste est : {title}. Les compétences requises sont : {skills}.",
}
UNKNOWN_LANGUAGE = "unknown language {language!r}: expected one of en, fr"


def _join(items: Sequence[str]) -> str:
    return ", ".join(dict.fromkeys(item.strip() for item in items if item.strip()))


def _template(templates: dict[str, str], language: str) -> str:
    if language not in templates:
        raise ValueError(UNKNOWN_LANGUAGE.format(language=language))
    return templates[language]


def candidate_standard_text(
    titles: Sequence[str], skills: Sequence[str], language: Language = "en"
) -> str:
    """Write a candidate in the ESCO-standardised form used by the fairness report.

    Args:
        titles: job titles or ESCO occupation labels the candidate has worked as.
        skills: canonical skill labels; duplicates and blanks are dropped, order is kept.
        language: ``"en"`` or ``"fr"``.

    Returns:
        "I have worked in the following domains: {titles}. I have the following skills:
        {skills}." (or its French version).

    Raises:
        ValueError: for a language other than ``en`` or ``fr``.
    """
    template = _template(CANDIDATE_TEMPLATES, language)
    return template.format(titles=_join(titles), skills=_join(skills))


def vacancy_standard_text(title: str, skills: Sequence[str], language: Language = "en") -> str:
    """Write a vacancy in the ESCO-standardised form used by the fairness report.

    Args:
        title: the vacancy title or its ESCO occupation label.
        skills: canonical required skill labels; duplicates and blanks are dropped.
        language: ``"en"`` or ``"fr"``.

    Returns:
        "The position is: {title}. The required skills are: {skills}." (or its French version).

    Raises:
        ValueError: for a language other than ``en`` or ``fr``.
    """
    template = _template(VACANCY_TEMPLATES, language)
    return template.format(title=title.strip(), skills=_join(skills))
