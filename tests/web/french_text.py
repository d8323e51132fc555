"""What an English word or a raw code looks like on a French page (for the French page tests)."""

import re
from html.parser import HTMLParser

# Words that are English and not French: one of them in the visible text is untranslated UI.
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "with",
        "your",
        "you",
        "of",
        "to",
        "is",
        "are",
        "this",
        "for",
        "not",
        "yet",
        "has",
        "have",
        "was",
        "were",
        "by",
        "from",
        "all",
        "be",
        "been",
        "which",
        "who",
        "what",
        "when",
        "there",
        "their",
        "its",
        "any",
        "each",
        "our",
        "we",
        "will",
        "can",
        "into",
        "out",
        "than",
        "then",
        "them",
        "they",
        "these",
        "those",
        "only",
        "here",
        "how",
        "more",
        "most",
        "no",
        "off",
        "over",
        "such",
        "up",
        "very",
        "would",
        "should",
        "could",
        "back",
        "save",
        "cancel",
        "delete",
        "upload",
        "search",
        "filter",
        "submit",
        "edit",
        "logout",
        "log",
        "dashboard",
        "candidates",
        "vacancies",
        "vacancy",
        "applications",
        "application",
        "status",
        "new",
        "open",
        "closed",
        "draft",
        "view",
        "show",
        "hide",
        "next",
        "previous",
        "none",
        "pending",
        "running",
        "succeeded",
        "failed",
        "parsed",
        "strong",
        "moderate",
        "weak",
        "friendly",
        "skills",
        "skill",
        "experience",
        "years",
        "year",
        "keywords",
        "formatting",
        "required",
        "preferred",
        "missing",
        "matched",
        "why",
        "talent",
        "pool",
        "hired",
        "rejected",
        "offer",
        "interview",
        "screening",
        "withdrawn",
        "filled",
        "news",
        "move",
        "invite",
        "run",
        "runs",
        "report",
        "reports",
        "data",
        "my",
        "jobs",
        "apply",
        "sign",
        "account",
        "metrics",
        "engine",
        "recommendations",
        "recommended",
        "fairness",
        "group",
        "groups",
        "selection",
    ]
)
# Codes that must never show alone: buckets, run statuses, the firm's pipeline abbreviations.
RAW_CODES = frozenset(
    {
        "strong",
        "moderate",
        "weak",
        "not_ats_friendly",
        "succeeded",
        "pending",
        "running",
        "failed",
        "parsed",
        "NET",
        "NAE",
        "phone_screen_pending",
        "interview_declined",
        "talent_pool",
    }
)
# Words that are the same in both languages or are product names (checked case-insensitively).
ALLOWED = frozenset(
    [
        "fairmatch",
        "api",
        "csv",
        "pdf",
        "json",
        "cv",
        "ats",
        "esco",
        "isco",
        "python",
        "sql",
        "django",
        "minilm",
        "ok",
        "e-mail",
        "email",
        "id",
        "url",
        "http",
        "https",
        "www",
    ]
)
PARENTHESISED_CODE = re.compile(r"\((?:NET|NAE)\)")
WORD = re.compile(r"[A-Za-zÀ-ÿ_]+(?:'[A-Za-z]+)?")


class _VisibleText(HTMLParser):
    """Text nodes and the attributes people read (title, placeholder, aria-label, alt,
    button values), outside script, style and code."""

    SKIPPED = frozenset({"script", "style", "code", "pre", "svg", "template"})
    READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.skipping = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        values = dict(attrs)
        self.chunks += [values[name] or "" for name in self.READ_ATTRIBUTES if name in values]
        if tag == "input" and values.get("type") in {"submit", "button"}:
            self.chunks.append(values.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.chunks.append(data)


def visible_text(page: str) -> list[str]:
    """The visible text chunks of an HTML page."""
    parser = _VisibleText()
    parser.feed(page)
    return [" ".join(chunk.split()) for chunk in parser.chunks if chunk.strip()]


def english_left(page: str, *, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The chunks of visible text holding an English word or a raw code."""
    found = []
    for chunk in visible_text(page):
        words = WORD.findall(chunk.replace("open source", ""))
        lowered = {word.lower() for word in words} - ALLOWED - allowed
        # A firm's abbreviation after its spelled-out label, "(NET)", is not a raw code.
        codes = set(WORD.findall(PARENTHESISED_CODE.sub("", chunk))) & RAW_CODES
        if lowered & ENGLISH_WORDS or codes:
            found.append(chunk)
    return found
