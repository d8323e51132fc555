"""Full-text search words and snippets, the same for PostgreSQL and SQLite FTS5 (no Django).

Both backends index text already reduced here to lower-case, accent-free words separated by
spaces, and both receive the same prefix query built from the same words; so "developpeur"
finds "Développeur" and "pyth" finds "Python" on either database.
"""

import html
import re
import unicodedata
from collections.abc import Iterable

# Letters and digits; "_" and punctuation separate words, as FTS5's unicode61 tokenizer does.
_WORD = re.compile(r"[^\W_]+")
MAX_QUERY_TERMS = 8
SNIPPET_CHARS = 220
# Indexed characters per text: keeps a PostgreSQL tsvector under its 1 MB limit, on both sides.
MAX_INDEXED_CHARS = 100_000
# A snippet is looked for in this much of a CV (the match is almost always near the start).
SNIPPET_SCAN_CHARS = 20_000


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping one character per character of `text`."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.casefold()


def search_words(text: str) -> list[str]:
    """The words of `text` as they are indexed: folded letters and digits."""
    return _WORD.findall(fold(text))


def index_text(parts: Iterable[str]) -> str:
    """The indexed form of several texts: their words, space-separated, at most
    MAX_INDEXED_CHARS (cut at a word)."""
    text = " ".join(word for part in parts for word in search_words(part))
    if len(text) <= MAX_INDEXED_CHARS:
        return text
    return text[: MAX_INDEXED_CHARS + 1].rsplit(" ", 1)[0]


def query_terms(query: str) -> list[str]:
    """The distinct words of a search box query, in order, at most MAX_QUERY_TERMS."""
    terms: list[str] = []
    for word in search_words(query):
        if word not in terms:
            terms.append(word)
    return terms[:MAX_QUERY_TERMS]


def fts5_match(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term, each as a prefix ('"pyth"* AND "sql"*')."""
    return " AND ".join(f'"{term}"*' for term in terms)


def tsquery_raw(terms: list[str]) -> str:
    """A PostgreSQL to_tsquery text: every term, each as a prefix ('pyth:* & sql:*')."""
    return " & ".join(f"{term}:*" for term in terms)


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """`text` folded, and for each folded character the offset of its original character."""
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for piece in fold(char):
            folded.append(piece)
            offsets.append(index)
    return "".join(folded), offsets


def _matches(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """(start, end) in `text` of each word that starts with one of the terms."""
    folded, offsets = _folded_with_offsets(text)
    spans = []
    for match in _WORD.finditer(folded):
        if any(match.group().startswith(term) for term in terms):
            start = offsets[match.start()]
            end = offsets[match.end() - 1] + 1
            spans.append((start, end))
    return spans


def snippet_html(text: str, terms: list[str], *, width: int = SNIPPET_CHARS) -> str:
    """An escaped extract of `text` around its first matching word, matches in <mark>.

    Returns "" when no word of `text` matches. The result is safe HTML: the text is escaped
    and only <mark> is added.
    """
    text = text[:SNIPPET_SCAN_CHARS]
    spans = _matches(text, terms)
    if not spans:
        return ""
    start = max(0, spans[0][0] - width // 3)
    end = min(len(text), start + width)
    if start > 0:
        while start < spans[0][0] and not text[start - 1].isspace():
            start += 1
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(html.escape(text[cursor:span_start]))
        pieces.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(html.escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    return " ".join("".join(pieces).split())
