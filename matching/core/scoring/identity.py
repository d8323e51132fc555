"""Identity swaps for the sensitivity check: another name, pronouns and gendered titles.

Matching never imports ``fairness`` (blind scoring), so this is its own small version of the
audit-study counterfactual: the CV's name line (a ``Name:`` field or a first line of two or
three capitalised words) gets a name from ``SWAP_NAMES``, or one is added on top, and every
other mention of the old name (a closing contact line, a signature) is replaced too; gendered
words flip to the other gender.
"""

from __future__ import annotations

import re

from matching.core.redaction import looks_like_person_name

SWAP_NAMES = (
    ("Emma Schmidt", "female"), ("Mamadou Diallo", "male"), ("Fatima Haddad", "female"),
    ("Wei Wang", "male"), ("Chiamaka Okafor", "female"), ("Thomas Dubois", "male"),
    ("Priya Sharma", "female"), ("Youssef El Amrani", "male"),
)  # fmt: skip
_TO_FEMALE = {
    "he": "she", "him": "her", "his": "her", "himself": "herself", "mr": "ms",
    "chairman": "chairwoman", "salesman": "saleswoman", "businessman": "businesswoman",
    "waiter": "waitress", "steward": "stewardess", "actor": "actress", "husband": "wife",
}  # fmt: skip
_TO_MALE = {value: key for key, value in _TO_FEMALE.items() if key != "him"} | {"hers": "his"}
_WORDS = re.compile(r"\b(" + "|".join(sorted({*_TO_FEMALE, *_TO_MALE}, key=len, reverse=True))
                    + r")\b", re.IGNORECASE)  # fmt: skip
_NAME_FIELD = re.compile(r"^(\s*(?:full\s+)?name\s*[:\-]\s*)(\S.*?)\s*$", re.IGNORECASE)


def _case(source: str, word: str) -> str:
    if source.isupper() and len(source) > 1:
        return word.upper()
    return word.capitalize() if source[:1].isupper() else word


def swap_gender_words(text: str, target: str) -> str:
    """Gendered words of ``text`` rewritten towards ``target`` ("female" or "male")."""
    table = _TO_FEMALE if target == "female" else _TO_MALE

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        swapped = table.get(word.lower())
        if word.lower() in _TITLE_WORDS and not _is_title(text, match.end(), word):
            return word  # "MS Office", "MS SQL": a product, no title
        return _case(word, swapped) if swapped else word

    return _WORDS.sub(replace, text)


_TITLE_WORDS = frozenset({"mr", "ms", "mrs", "miss"})
_NAME_AFTER = re.compile(r"\.?[ \t]+[A-Z][a-z]+")
_PRODUCTS = re.compile(
    r"\.?[ \t]*(?:office|excel|word|access|sql|powerpoint|outlook|project"
    r"|dynamics|windows?|visio|teams|dos|paint|exchange|azure|server)\b",
    re.I,
)


def _is_title(text: str, end: int, word: str) -> bool:
    """A title is "Mr"/"Ms" (not all capitals) before a capitalised name, never a product."""
    rest = text[end:]
    return not word.isupper() and bool(_NAME_AFTER.match(rest)) and not _PRODUCTS.match(rest)


def current_name(text: str) -> tuple[int, str] | None:
    """The line index and name of the CV's name line, if its first line or a field has one."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        field = _NAME_FIELD.match(line)
        if field:
            return index, field.group(2)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and looks_like_person_name(lines[first].strip()):
        return first, lines[first].strip()
    return None


def swap_identity(text: str, index: int = 0) -> str:
    """The CV with the ``index``-th swap name (everywhere) and gendered words flipped to it."""
    found = current_name(text)
    name, gender = SWAP_NAMES[index % len(SWAP_NAMES)]
    if found is not None and found[1] == name:
        name, gender = SWAP_NAMES[(index + 1) % len(SWAP_NAMES)]
    if found is None:
        named = f"{name}\n{text}"
    else:
        named = re.sub(rf"(?<!\w){re.escape(found[1])}(?!\w)", name, text)
    return swap_gender_words(named, gender)
