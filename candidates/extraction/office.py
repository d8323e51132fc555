"""DOCX and ODT text, after zip-bomb checks made with zipfile before any XML is parsed."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

from candidates.extraction.errors import (
    ARCHIVE_TOO_LARGE,
    ARCHIVE_TOO_MANY_ENTRIES,
    DOCUMENT_CORRUPT,
    CorruptFile,
    FileTooLarge,
)
from candidates.extraction.types import ExtractionLimits, megabytes

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W_TEXT = f"{{{_W}}}t"
_TEXTBOX_PARAGRAPHS = ".//w:txbxContent[not(ancestor::mc:Fallback)]//w:p"
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_MAX_SPACES = 16
_ODF_BLOCKS = frozenset({f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"})


def check_archive(data: bytes, *, kind: str, limits: ExtractionLimits) -> None:
    """Reject zip bombs from the central directory: too many entries or too many bytes.

    Declared sizes are binding: zipfile never inflates an entry past its declared size.

    Raises:
        CorruptFile: the archive cannot be read.
        FileTooLarge: an entry-count or uncompressed-size limit is exceeded.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise CorruptFile(DOCUMENT_CORRUPT.format(kind=kind)) from error
    if len(entries) > limits.max_archive_entries:
        raise FileTooLarge(
            ARCHIVE_TOO_MANY_ENTRIES.format(
                kind=kind, entries=len(entries), limit=limits.max_archive_entries
            )
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_archive_bytes:
        raise FileTooLarge(
            ARCHIVE_TOO_LARGE.format(
                kind=kind, size=megabytes(total), limit=megabytes(limits.max_archive_bytes)
            )
        )


def docx_text(data: bytes) -> str:
    """Text of a DOCX: headers, then body paragraphs and tables in order, then text boxes.

    Raises:
        CorruptFile: python-docx cannot read the file.
    """
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _docx_header_lines(document)
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
        find_textbox_paragraphs = etree.XPath(_TEXTBOX_PARAGRAPHS, namespaces={"w": _W, "mc": _MC})
        for paragraph in find_textbox_paragraphs(document.element.body):
            lines.append("".join(node.text or "" for node in paragraph.iter(_W_TEXT)))
    except Exception as error:  # python-docx and lxml raise many types on malformed input
        raise CorruptFile(DOCUMENT_CORRUPT.format(kind="DOCX")) from error
    return "\n".join(lines)


def _docx_header_lines(document: Any) -> list[str]:
    seen: set[str] = set()
    lines = []
    for section in document.sections:
        text = "\n".join(paragraph.text for paragraph in section.header.paragraphs).strip()
        if text and text not in seen:
            seen.add(text)
            lines.append(text)
    return lines


def _table_lines(table: Any) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = cell.text.strip()
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            lines.append("\t".join(cells))
    return lines


def odt_text(data: bytes) -> str:
    """Text of an ODT's content.xml: headings and paragraphs, spaces and tabs expanded.

    Raises:
        CorruptFile: the archive or its XML cannot be read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read("content.xml"), parser=_safe_xml_parser())
        lines: list[str] = []
        _collect_odf_blocks(root, lines)
    except Exception as error:  # zipfile and expat raise many types on malformed input
        raise CorruptFile(DOCUMENT_CORRUPT.format(kind="ODT")) from error
    return "\n".join(lines)


def _safe_xml_parser() -> Any:
    """lxml without entity expansion, network access or huge trees (untrusted uploads)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _collect_odf_blocks(element: Any, lines: list[str]) -> None:
    for child in element:
        if child.tag in _ODF_BLOCKS:
            lines.append(_odf_inline_text(child))
        else:
            _collect_odf_blocks(child, lines)


def _odf_inline_text(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            pass  # comments and processing instructions carry no text
        elif child.tag == f"{{{_ODF_TEXT}}}s":
            count = child.get(f"{{{_ODF_TEXT}}}c", "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, _MAX_SPACES))
        elif child.tag == f"{{{_ODF_TEXT}}}tab":
            parts.append("\t")
        elif child.tag == f"{{{_ODF_TEXT}}}line-break":
            parts.append("\n")
        else:
            parts.append(_odf_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
