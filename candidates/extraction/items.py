"""List-like CV content: degrees, certifications, skills and languages."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DEGREE_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "doctorate",
        re.compile(r"\b(?:ph\.?\s?d|doctorate|doctor of|doctorat|docteur|d\.?phil)\b", re.I),
    ),
    (
        "master",
        re.compile(
            r"\b(?:master'?s?|m\.?sc|m\.s\.|mba|m\.a\.|m\.?eng|mastere|mastère|llm|ll\.m|dess|dea"
            r"|dipl[oô]me d'ing[ée]nieur|ing[ée]nieur dipl[oô]m[ée])\b",
            re.I,
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"\b(?:bachelor'?s?|b\.?sc|b\.s\.|b\.a\.|b\.?eng|b\.?tech|bba|b\.?com|ll\.?b|licence"
            r"|bachelier|undergraduate degree)\b",
            re.I,
        ),
    ),
    (
        "associate",
        re.compile(r"\b(?:associate'?s?(?: degree| of)|a\.a\.s?|dut|bts|deug|hnd)\b", re.I),
    ),
    (
        "secondary",
        re.compile(r"\b(?:high school diploma|ged|baccalaur[ée]at|bac\b|a-levels?)", re.I),
    ),
)
_CERTIFICATION_LINE = re.compile(
    r"\b(?:certified|certification|certificate|certifi[ée]e?|certificat|licensed|license)\b", re.I
)
_ITEM_SPLIT = re.compile(r"[,;•·●▪■◦|\t\n]|\s[-–]\s|\s/\s")
_LINE_SPLIT = re.compile(r"[;\n•·●▪■◦]")
_MAX_CERTIFICATIONS = 30
_BULLET = " \t-–—*•·●▪■◦>.:"
_LANGUAGES: dict[str, str] = {
    "english": "English",
    "anglais": "English",
    "french": "French",
    "francais": "French",
    "français": "French",
    "spanish": "Spanish",
    "espagnol": "Spanish",
    "german": "German",
    "allemand": "German",
    "italian": "Italian",
    "italien": "Italian",
    "portuguese": "Portuguese",
    "portugais": "Portuguese",
    "dutch": "Dutch",
    "neerlandais": "Dutch",
    "néerlandais": "Dutch",
    "arabic": "Arabic",
    "arabe": "Arabic",
    "chinese": "Chinese",
    "chinois": "Chinese",
    "mandarin": "Chinese",
    "japanese": "Japanese",
    "japonais": "Japanese",
    "russian": "Russian",
    "russe": "Russian",
    "hindi": "Hindi",
    "polish": "Polish",
    "polonais": "Polish",
    "turkish": "Turkish",
    "turc": "Turkish",
    "korean": "Korean",
    "coreen": "Korean",
    "coréen": "Korean",
    "vietnamese": "Vietnamese",
    "tagalog": "Tagalog",
    "urdu": "Urdu",
    "bengali": "Bengali",
    "greek": "Greek",
    "grec": "Greek",
    "swedish": "Swedish",
    "romanian": "Romanian",
    "roumain": "Romanian",
    "tamil": "Tamil",
    "marathi": "Marathi",
    "hebrew": "Hebrew",
    "persian": "Persian",
    "farsi": "Persian",
    "swahili": "Swahili",
    "catalan": "Catalan",
    "creole": "Creole",
    "wolof": "Wolof",
    "lingala": "Lingala",
}
_WORD = re.compile(r"[^\W\d_]+")
MAX_ITEM_WORDS = 6
MAX_ITEM_CHARS = 60
MAX_LINE_CHARS = 160
MAX_CERTIFICATION_WORDS = 14
MAX_CERTIFICATION_LINE_WORDS = 8


@dataclass(frozen=True, slots=True)
class Degree:
    """A degree line and its level (doctorate, master, bachelor, associate, secondary)."""

    level: str
    text: str


def find_degrees(text: str) -> list[Degree]:
    """One degree per line that names one, the highest level on the line winning."""
    degrees = []
    for line in _clean_lines(text):
        for level, pattern in _DEGREE_LEVELS:
            if pattern.search(line):
                degrees.append(Degree(level=level, text=line[:MAX_LINE_CHARS]))
                break
    return degrees


def find_certifications(section_text: str, full_text: str) -> list[str]:
    """Items of the certifications section, else short lines that name a certification."""
    if section_text.strip():
        return _unique_items(_split_items(section_text, split_commas=False))[:_MAX_CERTIFICATIONS]
    lines = [
        line
        for line in _clean_lines(full_text)
        if _CERTIFICATION_LINE.search(line) and len(line.split()) <= MAX_CERTIFICATION_LINE_WORDS
    ]
    return _unique_items(lines)[:_MAX_CERTIFICATIONS]


def tokenize_skills(section_text: str) -> list[str]:
    """Skills-section items split on commas, semicolons, bullets and lines; short ones kept.

    Items without letters and contact details (emails, links) are not skills.
    """
    items = _split_items(section_text, split_commas=True)
    return _unique_items([item for item in items if _looks_like_skill(item)])


def _looks_like_skill(item: str) -> bool:
    lowered = item.lower()
    has_letters = _WORD.search(item) is not None
    return has_letters and "@" not in item and not lowered.startswith(("http", "www."))


def find_languages(section_text: str) -> list[str]:
    """Language names (English or French) in the languages section, as English names."""
    found = (_LANGUAGES.get(word.lower()) for word in _WORD.findall(section_text))
    return list(dict.fromkeys(name for name in found if name is not None))


def _split_items(text: str, *, split_commas: bool) -> list[str]:
    if split_commas:
        pieces, max_chars, max_words = _ITEM_SPLIT.split(text), MAX_ITEM_CHARS, MAX_ITEM_WORDS
    else:
        pieces = _LINE_SPLIT.split(text)
        max_chars, max_words = MAX_LINE_CHARS, MAX_CERTIFICATION_WORDS
    items = []
    for piece in pieces:
        item = " ".join(piece.strip(_BULLET).split())
        if 2 <= len(item) <= max_chars and len(item.split()) <= max_words:
            items.append(item)
    return items


def _clean_lines(text: str) -> list[str]:
    return [" ".join(line.strip(_BULLET).split()) for line in text.splitlines() if line.strip()]


def _unique_items(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return list(seen.values())
