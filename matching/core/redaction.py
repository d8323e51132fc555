"""Blind scoring: strip identity and protected details from a CV before it is encoded or scored.

Removed: the candidate's name (a ``Name:`` line, or a first line that looks like a person's
name), e-mail addresses, phone numbers, URLs, address lines, ages and birth dates, photo
captions and gendered titles (Mr, Mrs, Ms, Miss, Mme, Mlle, M., Madame, Monsieur, Sir...).
Measured on the seed cards, changing only a ``Name:`` line moved ``cosine * 100`` by 2 points on
average and up to 25, so the name never reaches the encoder.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.MULTILINE

# A line may start with a bullet ("* Father's Name: ..."), as many CVs lay details out.
_LINE_START = r"^[ \t]*(?:[-*\u2022\u00b7\u25e6\u25aa\u25ba>]+[ \t]*)?"
_NAME_LINE = re.compile(
    _LINE_START
    + r"(?:full[ \t]+name|name|nom(?:[ \t]+complet)?|pr[ée]nom|candidate)[ \t]*[:\-][^\n]*$",
    _FLAGS,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|fr|me)/\S*", _FLAGS)
_PHONE = re.compile(r"(?<![\w/.-])\+?\(?\d[\d ().-]{7,}\d(?![\w/-])")
_ADDRESS_LINE = re.compile(
    _LINE_START + r"(?:(?:home[ \t]+|postal[ \t]+)?address|adresse|domicile)[ \t]*[:\-][^\n]*$"
    r"|^[^\n]*\b\d{1,5}[ \t]+(?:[A-Z][\w'-]*[ \t]+){0,4}"
    r"(?:street|st\.|road|rd\.|avenue|ave\.?|boulevard|blvd|lane|drive|rue|chemin|all[ée]e)\b[^\n]*$",
    _FLAGS,
)
_BIRTH_LINE = re.compile(
    r"^[^\n]*\b(?:date[ \t]+of[ \t]+birth|d\.?o\.?b\.?|born|birth[ \t]*date|birthday"
    r"|n[ée]e?[ \t]+le|date[ \t]+de[ \t]+naissance)\b[^\n]*\d[^\n]*$"
    r"|^[ \t]*(?:age|âge)[ \t]*[:\-][^\n]*$",
    _FLAGS,
)
_AGE = re.compile(r"\b\d{2}[ \t]*(?:years?[ \t]+old|yrs?[ \t]+old|ans)\b", _FLAGS)
_PERSONAL_LINE = re.compile(
    _LINE_START
    + r"(?:gender|sex|sexe|marital[ \t]+status|[ée]tat[ \t]+civil|nationality|nationalit[ée]"
    r"|religion|father'?s[ \t]+name|mother'?s[ \t]+name|husband'?s[ \t]+name)[ \t]*[:\-][^\n]*$",
    _FLAGS,
)
_PHOTO = re.compile(
    r"^[ \t]*[\[(]?(?:photo|photograph|picture|headshot|portrait)\b[^\n]{0,60}$", _FLAGS
)
_TITLES = re.compile(
    r"(?:(?<!\w)(?i:mrs|mx|mme|mlle|madame|mademoiselle|monsieur|sir|madam)\b\.?"
    r"|(?<!\w)(?i:mr|ms|miss)\b\.?(?![ \t]*(?i:office|excel|word|access|sql|powerpoint|outlook"
    r"|project|dynamics|window|visio|teams|dos|paint|exchange|azure|server|sharepoint))"
    r"|(?<![\w.])M\.(?=[ \t]+[A-Z]))(?:[ \t]+[A-Z][\w'-]+){0,2}"
)
# "MS Office" read as the title "Ms" and swapped by a gender counterfactual ("Mr Office",
# "Mrs Excel") is still Microsoft's product: one form before the titles are removed.
_MS_PRODUCTS = re.compile(
    r"(?<!\w)(?:mr|ms|mrs|miss|mx)\.?(?=[ \t]*(?:office|excel|word|access|sql|powerpoint|outlook"
    r"|project|dynamics|window|visio|teams|dos|paint|exchange|azure|server|sharepoint)\b)",
    re.IGNORECASE,
)
_EMPTY_CONTACT_LABEL = re.compile(
    r"\b(?:e-?mail|phone|tel|t[ée]l[ée]phone|mobile|cell|linkedin|github|website)[ \t]*:[ \t]*"
    r"(?=[|,;]|$)",
    _FLAGS,
)
_NAME_WORD = re.compile(r"^[A-Z][a-zà-ÿ']+(?:-[A-Z][a-zà-ÿ']+)*$|^[A-Z][A-Z'-]+$|^[A-Z]\.$")
_NOT_NAME_WORDS = frozenset(
    {
        "curriculum", "vitae", "resume", "résumé", "cv", "profile", "summary", "skills",
        "education", "experience", "objective", "contact", "details", "career", "professional",
        "engineer", "developer", "manager", "analyst", "designer", "consultant", "assistant",
        "personal", "information", "about", "me", "technical", "work", "history",
    }
)  # fmt: skip
REDACTED = ""
_NEUTRAL = {
    "he": "they", "she": "they", "him": "them", "his": "their", "her": "their", "hers": "theirs",
    "himself": "themselves", "herself": "themselves", "chairman": "chairperson",
    "chairwoman": "chairperson", "salesman": "salesperson", "saleswoman": "salesperson",
    "salesmen": "salespeople", "saleswomen": "salespeople", "businessman": "businessperson",
    "businesswoman": "businessperson", "waiter": "server", "waitress": "server",
    "steward": "flight attendant", "stewardess": "flight attendant", "actor": "performer",
    "actress": "performer", "husband": "spouse", "wife": "spouse", "foreman": "supervisor",
    "forewoman": "supervisor", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "sportsman": "athlete", "sportswoman": "athlete", "congressman": "legislator",
    "congresswoman": "legislator",
}  # fmt: skip
_GENDERED = re.compile(r"\b(?:" + "|".join(sorted(_NEUTRAL, key=len, reverse=True)) + r")\b", re.I)
PHONE_MIN_DIGITS = 9
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d[ \t]*[-–][ \t]*(?:19|20)\d\d")


def looks_like_person_name(line: str) -> bool:
    """Whether ``line`` is two to four capitalised words and nothing else (a heading name)."""
    words = line.replace(",", " ").split()
    if not 2 <= len(words) <= 4:
        return False
    if any(word.lower().strip(".") in _NOT_NAME_WORDS for word in words):
        return False
    return all(_NAME_WORD.match(word) for word in words)


def _drop_leading_name(text: str) -> tuple[str, str]:
    """The text without a first line that is a person's name, and that name ("" if none)."""
    lines = text.split("\n")
    name = ""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if looks_like_person_name(_TITLES.sub(" ", line).strip()):
            name = _TITLES.sub(" ", line).strip()
            lines[index] = REDACTED
        break
    return "\n".join(lines), name


def _drop_contact_lines(text: str) -> str:
    """In lines that carry an e-mail address or a phone number, parts that look like a
    person's name go too ("Jane Doe | jane@x.org": a closing contact line names the candidate)."""
    kept = []
    for line in text.split("\n"):
        if _EMAIL.search(line) or _has_phone(line):
            parts = re.split(r"([|,;\u2022\u00b7]|\s[-\u2013]\s)", line)
            line = "".join(
                REDACTED if looks_like_person_name(_TITLES.sub(" ", part).strip()) else part
                for part in parts
            )
        kept.append(line)
    return "\n".join(kept)


def _has_phone(line: str) -> bool:
    return any(
        sum(c.isdigit() for c in m.group()) >= PHONE_MIN_DIGITS
        and not _YEAR_RANGE.search(m.group())
        for m in _PHONE.finditer(line)
    )


def _drop_name_mentions(text: str, names: list[str]) -> str:
    """Every other mention of the candidate's name words (a signature, a closing line)."""
    words = {w for name in names for w in re.findall(r"[^\W\d_][\w'-]+", name) if len(w) > 1}
    words -= {w for w in words if w.lower() in _NOT_NAME_WORDS}
    for word in sorted(words, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", REDACTED, text)
    return text


def neutralise_gender(text: str) -> str:
    """Pronouns and gendered job titles in one form whatever the gender ("she"/"he" ->
    "they", "waitress"/"waiter" -> "server"), so a gender swap leaves the text unchanged."""

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        neutral = _NEUTRAL[word.lower()]
        return neutral.capitalize() if word[:1].isupper() else neutral

    return _GENDERED.sub(replace, text)


def _phone_or_keep(match: re.Match[str]) -> str:
    """Drop digit runs long enough to be phone numbers; keep year ranges such as 2013 - 2018."""
    digits = sum(character.isdigit() for character in match.group())
    if digits < PHONE_MIN_DIGITS or _YEAR_RANGE.search(match.group()):
        return match.group()
    return REDACTED


def redact(text: str) -> str:
    """Return ``text`` without the candidate's identity, contact details and protected details.

    Args:
        text: CV text.

    Returns:
        The text with those parts removed; everything else (skills, experience, education) kept.
    """
    names = [m.group(0).split(":", 1)[-1].split("-", 1)[-1] for m in _NAME_LINE.finditer(text)]
    text = _MS_PRODUCTS.sub("MS", text)
    text, name_lines = _NAME_LINE.subn(REDACTED, text)
    for pattern in (_ADDRESS_LINE, _BIRTH_LINE, _PERSONAL_LINE, _PHOTO):
        text = pattern.sub(REDACTED, text)
    if not name_lines:
        text, leading = _drop_leading_name(text)
        names.append(leading)
    text = _drop_name_mentions(_drop_contact_lines(text), [n for n in names if n.strip()])
    text = neutralise_gender(text)
    for pattern in (_EMAIL, _URL):
        text = pattern.sub(REDACTED, text)
    text = _PHONE.sub(_phone_or_keep, text)
    for pattern in (_AGE, _TITLES, _EMPTY_CONTACT_LABEL):
        text = pattern.sub(REDACTED, text)
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"\n{3,}", "\n\n", text)).strip()
