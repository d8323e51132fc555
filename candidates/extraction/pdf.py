"""PDF text through an ordered list of backends, pdfminer.six being the reference and fallback.

The default order is the fastest faithful backend installed first: PyMuPDF (optional extra, AGPL),
poppler's `pdftotext` when it is on PATH, then pdfminer.six. Figures behind the choice are in
docs/evaluation/pdf_backends.md.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from importlib.util import find_spec

from candidates.extraction.errors import (
    EXTRACTION_TIMEOUT,
    PDF_CORRUPT,
    PDF_ENCRYPTED,
    PDF_NO_TEXT_LAYER,
    PDF_TOO_MANY_PAGES,
    CorruptFile,
    EncryptedFile,
    ExtractionTimeout,
    FileTooLarge,
    NoTextLayer,
)
from candidates.extraction.types import ExtractionLimits

PDFMINER = "pdfminer"
PDFTOTEXT = "pdftotext"
PYMUPDF = "pymupdf"
UNKNOWN_BACKEND = "unknown PDF backend {name!r}; choose from {choices}"

Backend = Callable[[bytes, float, int], str]


class BackendFailed(Exception):
    """A backend could not read a file that another backend may still read."""


def available_pdf_backends() -> list[str]:
    """Return the default backend order: installed fast backends first, pdfminer.six last."""
    order = []
    if find_spec("pymupdf") is not None:
        order.append(PYMUPDF)
    if shutil.which(PDFTOTEXT) is not None:
        order.append(PDFTOTEXT)
    order.append(PDFMINER)
    return order


def probe_pdf(data: bytes, limits: ExtractionLimits) -> int:
    """Check a PDF's structure, encryption and page count cheaply (pypdf, ~1 ms) and return pages.

    Raises:
        CorruptFile, EncryptedFile, FileTooLarge: as the PDF is unreadable, encrypted or too long.
    """
    from pypdf import PasswordType, PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        # An owner password only restricts editing: the empty user password opens the file.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise EncryptedFile(PDF_ENCRYPTED)
        page_count = len(reader.pages)
    except EncryptedFile:
        raise
    except Exception as error:  # pypdf raises many types on malformed input
        raise CorruptFile(PDF_CORRUPT) from error
    if page_count == 0:
        raise CorruptFile(PDF_CORRUPT)
    if page_count > limits.max_pages:
        raise FileTooLarge(PDF_TOO_MANY_PAGES.format(pages=page_count, limit=limits.max_pages))
    return page_count


def extract_pdf_text(
    data: bytes, *, limits: ExtractionLimits, backends: Sequence[str] | None = None
) -> tuple[str, int, str]:
    """Extract a PDF's text with the first backend that yields text.

    Args:
        data: the PDF file.
        limits: page and time limits.
        backends: backend names in order of preference; None for `available_pdf_backends()`.

    Returns:
        (text, page_count, backend name).

    Raises:
        ExtractionError: corrupt, encrypted, too long, too slow, or without a text layer.
    """
    deadline = time.monotonic() + limits.timeout_s
    page_count = probe_pdf(data, limits)
    order = list(backends) if backends is not None else available_pdf_backends()
    failures = 0
    for name in order:
        backend = _backend(name)
        try:
            text = backend(data, deadline, limits.max_pages)
        except BackendFailed:
            failures += 1
            continue
        except TimeoutError as error:
            raise ExtractionTimeout(EXTRACTION_TIMEOUT.format(limit=limits.timeout_s)) from error
        if text.strip():
            return text, page_count, name
    if failures == len(order):
        raise CorruptFile(PDF_CORRUPT)
    raise NoTextLayer(PDF_NO_TEXT_LAYER)


def _backend(name: str) -> Backend:
    backends: dict[str, Backend] = {
        PYMUPDF: _pymupdf_text,
        PDFTOTEXT: _pdftotext_text,
        PDFMINER: _pdfminer_text,
    }
    if name not in backends:
        raise ValueError(UNKNOWN_BACKEND.format(name=name, choices=sorted(backends)))
    return backends[name]


def _check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise TimeoutError


def _pdfminer_text(data: bytes, deadline: float, max_pages: int) -> str:
    """pdfminer.six's `extract_text` unrolled, to check the deadline between pages."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    output = io.StringIO()
    manager = PDFResourceManager(caching=True)
    try:
        with TextConverter(manager, output, laparams=LAParams()) as device:
            interpreter = PDFPageInterpreter(manager, device)
            for page in PDFPage.get_pages(io.BytesIO(data), maxpages=max_pages, caching=True):
                _check_deadline(deadline)
                interpreter.process_page(page)
    except TimeoutError:
        raise
    except Exception as error:  # pdfminer raises many types on malformed input
        raise BackendFailed(PDFMINER) from error
    return output.getvalue()


def _pdftotext_text(data: bytes, deadline: float, max_pages: int) -> str:
    """Poppler's pdftotext in a child process fed on stdin, killed at the deadline."""
    executable = shutil.which(PDFTOTEXT)
    if executable is None:
        raise BackendFailed(PDFTOTEXT)
    command = [executable, "-q", "-enc", "UTF-8", "-eol", "unix", "-l", str(max_pages), "-", "-"]
    timeout = max(deadline - time.monotonic(), 0.001)
    try:
        completed = subprocess.run(command, input=data, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        raise TimeoutError from error
    except OSError as error:
        raise BackendFailed(PDFTOTEXT) from error
    if completed.returncode != 0:
        raise BackendFailed(PDFTOTEXT)
    return completed.stdout.decode("utf-8", errors="replace")


def _pymupdf_text(data: bytes, deadline: float, max_pages: int) -> str:
    """PyMuPDF (optional extra, AGPL licence), checking the deadline between pages."""
    try:
        import pymupdf
    except ImportError as error:
        raise BackendFailed(PYMUPDF) from error
    pages = []
    try:
        with pymupdf.open(stream=data, filetype="pdf") as document:
            for index, page in enumerate(document):
                if index >= max_pages:
                    break
                _check_deadline(deadline)
                pages.append(page.get_text())
    except TimeoutError:
        raise
    except Exception as error:  # MuPDF raises its own error types
        raise BackendFailed(PYMUPDF) from error
    return "\f".join(pages)
