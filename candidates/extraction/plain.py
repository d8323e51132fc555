"""Plain text decoding and a small RTF-to-text converter (no dependency)."""

from __future__ import annotations

import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_FALLBACK_ENCODINGS = ("utf-8", "cp1252")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")
_BLANK_RUNS = re.compile(r"\n{3,}")

_RTF_TOKEN = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+",
    re.DOTALL,
)
_RTF_SKIPPED_DESTINATIONS = frozenset(
    (
        "fonttbl",
        "colortbl",
        "stylesheet",
        "info",
        "pict",
        "object",
        "themedata",
        "datastore",
        "latentstyles",
        "listtable",
        "listoverridetable",
        "rsidtbl",
        "generator",
        "xmlnsdecls",
        "mmathPr",
        "filetbl",
        "revtbl",
        "footer",
        "footnote",
    )
)
_RTF_BREAKS = {"par": "\n", "line": "\n", "row": "\n", "sect": "\n", "page": "\n", "tab": "\t"}
_RTF_BREAKS |= {"cell": "\t", "emdash": "-", "endash": "-", "bullet": "*"}
_RTF_SYMBOLS = {"~": " ", "_": "-", "\\": "\\", "{": "{", "}": "}"}


def decode_text(data: bytes) -> str:
    """Decode a text file: by its BOM, else UTF-8, else Windows-1252, else Latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def normalise_text(text: str) -> str:
    """Unify newlines, turn page breaks into blank lines, drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _CONTROL_CHARS.sub("", text).replace("\u00a0", " ")
    return _BLANK_RUNS.sub("\n\n", text).strip()


def rtf_text(data: bytes) -> str:
    """Text of an RTF document: body text, paragraphs and cells kept, destinations skipped."""
    source = data.decode("latin-1")
    out: list[str] = []
    stack: list[tuple[bool, int]] = []
    skipping, unicode_skip, pending_skip = False, 1, 0
    for match in _RTF_TOKEN.finditer(source):
        word, argument, hex_byte, symbol, brace, run = match.groups()
        if brace == "{":
            stack.append((skipping, unicode_skip))
        elif brace == "}":
            skipping, unicode_skip = stack.pop() if stack else (skipping, unicode_skip)
        elif symbol == "*" or word in _RTF_SKIPPED_DESTINATIONS:
            skipping = True
        elif skipping:
            continue
        elif word == "uc":
            unicode_skip = int(argument or 1)
        elif word == "u":
            out.append(chr(int(argument or 0) % 0x10000 or 0xFFFD))
            pending_skip = unicode_skip
        elif word is not None:
            out.append(_RTF_BREAKS.get(word, ""))
        elif hex_byte is not None or run is not None:
            text = bytes([int(hex_byte, 16)]).decode("cp1252", "replace") if hex_byte else run
            drop = min(pending_skip, len(text))
            out.append(text[drop:])
            pending_skip -= drop
        elif symbol is not None:
            out.append(_RTF_SYMBOLS.get(symbol, ""))
    return "".join(out)
