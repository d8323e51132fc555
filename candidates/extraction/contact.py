"""Emails, phone numbers and links found anywhere in a CV."""

from __future__ import annotations

import re
from collections.abc import Iterable

EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})*\.[a-zA-Z]{2,24}\b")
PHONE = re.compile(
    r"(?<![\w/+-])(?:\+\d{1,3}[ \t.-]?)?(?:\(0?\d{1,4}\)[ \t.-]?)?\d{1,4}(?:[ \t.-]?\d{2,4}){2,5}"
    r"(?![\w/-])"
)
LINK = re.compile(
    r"\b(?:https?://|www\.)[^\s<>()\"']{2,200}"
    r"|\b(?:linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com)/[^\s<>()\"']{1,200}",
    re.IGNORECASE,
)
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d$")
MIN_PHONE_DIGITS = 9
MAX_PHONE_DIGITS = 15
_TRAILING = ".,;:)]}"
# A person's name: two to four words of letters (with ' and -), each capitalised or all caps.
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*$")
NAME_SEARCH_LINES = 5
# Words that make a first line a title or heading, not a name (the recruiter fixes the rest).
_NOT_NAME_WORDS = frozenset(
    [
        "resume",
        "résumé",
        "curriculum",
        "vitae",
        "cv",
        "summary",
        "profile",
        "objective",
        "experience",
        "skills",
        "education",
        "contact",
        "professional",
        "personal",
        "details",
        "senior",
        "junior",
        "lead",
        "chief",
        "head",
        "manager",
        "director",
        "engineer",
        "developer",
        "accountant",
        "analyst",
        "assistant",
        "specialist",
        "consultant",
        "designer",
        "officer",
        "executive",
        "administrator",
        "technician",
        "coordinator",
        "representative",
        "nurse",
        "teacher",
        "sales",
        "marketing",
        "chef",
        "agent",
        "advisor",
        "adviser",
        "intern",
        "associate",
        "supervisor",
        "architect",
    ]
)


def find_emails(text: str) -> list[str]:
    """Distinct email addresses, lower-cased, in order of appearance."""
    return _unique(match.group(0).lower() for match in EMAIL.finditer(text))


def find_phones(text: str) -> list[str]:
    """Distinct phone numbers (9 to 15 digits, not a year range), in order of appearance."""
    phones = []
    for match in PHONE.finditer(text):
        candidate = match.group(0).strip()
        digits = sum(char.isdigit() for char in candidate)
        if not MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
            continue
        if _YEAR_RANGE.match(candidate) or "\n" in candidate:
            continue
        phones.append(candidate)
    return _unique(phones)


def find_links(text: str) -> list[str]:
    """Distinct web links (URLs, www., LinkedIn/GitHub-style profiles), in order of appearance."""
    emails_removed = EMAIL.sub(" ", text)
    return _unique(match.group(0).rstrip(_TRAILING) for match in LINK.finditer(emails_removed))


def find_person_name(text: str) -> tuple[str, str] | None:
    """(first name, last name) from a name line among the CV's first lines, or None.

    Conservative: a line of two to four capitalised words with no digit, no punctuation and
    no title or heading word; all-caps names are title-cased.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:NAME_SEARCH_LINES]:
        words = line.split()
        if not 2 <= len(words) <= 4:
            continue
        if not all(_NAME_WORD.match(word) and word[0].isupper() for word in words):
            continue
        if any(word.lower() in _NOT_NAME_WORDS for word in words):
            continue
        if line.isupper():
            words = [word.capitalize() for word in words]
        return words[0], " ".join(words[1:])
    return None


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
