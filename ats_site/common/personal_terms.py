"""Removing one person's identifiers from free text (erasure, GDPR Art. 17); pure Python.

Two strengths of match. The identifiers that name one person wherever they appear (full name,
e-mail addresses, phone numbers) are replaced in any text, in any case. Single name parts, the
city and the login name are replaced only in text known to be about that person (their
application history, the audit events of their scores and CVs), and single name parts only as
written (case-sensitive, whole words), so that "will" or "may" in a colleague's note survives
and a login called "candidate" does not blank that word across the whole log.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

REDACTED = "[redacted]"
# Shorter than this, a name part or phone matches too much unrelated text to be worth removing.
_MIN_TERM_LENGTH = 2
_MIN_PHONE_DIGITS = 6
_NATIONAL_DIGITS = 9


@dataclass(frozen=True, slots=True)
class PersonalTerms:
    """What identifies one person in free text."""

    identifiers: tuple[str, ...]  # full name, e-mails, login name: removed everywhere
    phones: tuple[str, ...]  # matched on their digits, whatever the separators
    name_parts: tuple[str, ...]  # first and last name alone, as written: text about the person
    context_terms: tuple[str, ...]  # city, login name, in any case: text about the person

    @classmethod
    def build(
        cls,
        *,
        identifiers: Iterable[str],
        phones: Iterable[str] = (),
        name_parts: Iterable[str] = (),
        context_terms: Iterable[str] = (),
    ) -> "PersonalTerms":
        """Drop empty and too-short values; longest first so "Ann Lee" goes before "Ann"."""

        def clean(values: Iterable[str]) -> tuple[str, ...]:
            kept = {value.strip() for value in values if len(value.strip()) >= _MIN_TERM_LENGTH}
            return tuple(sorted(kept, key=lambda value: (-len(value), value)))

        digit_phones = [phone for phone in phones if _digits(phone) >= _MIN_PHONE_DIGITS]
        return cls(
            identifiers=clean(identifiers),
            phones=clean(digit_phones),
            name_parts=clean(name_parts),
            context_terms=clean(context_terms),
        )


# A capitalised word inside a sentence (after a lower-case word or a comma): a place, an
# employer, a school. Words that start a line or sentence are not taken.
_INNER_PROPER_NOUN = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{3,}(?:[ -][A-Z][a-z]+)*(?![\w-])")


def cv_proper_nouns(text: str, *, skills: Iterable[str]) -> list[str]:
    """Proper nouns of a CV (places, employers, schools), less its skill names.

    An erased candidate's CV is gone, but a reason typed about them may quote it ("her
    Westerschelde survey"); these are redacted from text about them, skills kept so that
    "Python" in an override reason still says why.
    """
    skill_names = {skill.lower() for skill in skills}
    found = {match.group(0) for match in _INNER_PROPER_NOUN.finditer(text)}
    return sorted(noun for noun in found if noun.lower() not in skill_names)


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _phone_pattern(phone: str) -> str:
    """The phone's last nine digits (its national number) with any separators between them,
    after an optional country code or trunk 0: "+33 6 12 34 56 78" is also "06.12.34.56.78"."""
    digits = [char for char in phone if char.isdigit()][-_NATIONAL_DIGITS:]
    prefix = r"(?:(?:\+|00)\d{1,3}[\s().-]*)?(?:\(?0\)?[\s().-]*)?"
    return r"(?<!\d)" + prefix + r"[\s().-]*".join(digits) + r"(?!\d)"


def _whole_words(term: str) -> str:
    """The term between non-alphanumerics (so "Doe" is found in "Jane_Doe_CV.pdf"), its spaces
    matching any run of spaces, dots, dashes or underscores ("jane.doe", "Jane-Doe")."""
    parts = [re.escape(part) for part in term.split()]
    return r"(?<![^\W_])" + r"[\s._-]+".join(parts) + r"(?![^\W_])"


def terms_pattern(terms: PersonalTerms, *, about_person: bool) -> re.Pattern[str] | None:
    """One regex for the terms that apply to text (about the person, or anyone's)."""
    strong = [_whole_words(term) for term in terms.identifiers]
    strong += [_phone_pattern(phone) for phone in terms.phones]
    strong += [_whole_words(term) for term in terms.context_terms] if about_person else []
    # Name parts alone as written: "Will" is a name, "will" a word.
    as_written = [_whole_words(part) for part in terms.name_parts] if about_person else []
    alternatives = [f"(?i:{part})" for part in strong] + as_written
    return re.compile("|".join(alternatives)) if alternatives else None


def text_redact(text: str, pattern: re.Pattern[str] | None) -> str:
    """The text with every match of the pattern replaced by REDACTED."""
    return text if pattern is None or not text else pattern.sub(REDACTED, text)


def json_redact(value: Any, pattern: re.Pattern[str] | None) -> Any:
    """A JSON value with every string in it (keys included) redacted."""
    if isinstance(value, str):
        return text_redact(value, pattern)
    if isinstance(value, list):
        return [json_redact(item, pattern) for item in value]
    if isinstance(value, dict):
        return {
            text_redact(key, pattern): json_redact(item, pattern) for key, item in value.items()
        }
    return value
