"""Read JSONL or CSV files of records for bulk imports, one dict per row, with row numbers."""

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from ats_site.exceptions import ApplicationError

FILE_NOT_FOUND = "No such file: {path}"
UNSUPPORTED_FORMAT = "Unsupported file {path}: use .jsonl, .json or .csv"
BAD_JSON_LINE = "Line {line} of {path} is not a JSON object"


class TabularFileError(ValueError):
    """The file itself cannot be read (as opposed to one bad row)."""


def read_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (row number, record) from a JSONL or CSV file; blank lines are skipped."""
    if not path.is_file():
        raise TabularFileError(FILE_NOT_FOUND.format(path=path))
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        yield from _jsonl(path)
    elif suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield number, {key.strip(): value for key, value in row.items() if key}
    else:
        raise TabularFileError(UNSUPPORTED_FORMAT.format(path=path))


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise TabularFileError(BAD_JSON_LINE.format(line=number, path=path)) from error
            if not isinstance(record, dict):
                raise TabularFileError(BAD_JSON_LINE.format(line=number, path=path))
            yield number, record


def as_list(value: Any) -> list[str]:
    """A list from a JSON list or a CSV cell separated by ';' or ','."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    separator = ";" if ";" in str(value) else ","
    return [item.strip() for item in str(value).split(separator) if item.strip()]


def row_error_message(error: Exception) -> str:
    """The one-line message of an error raised while importing one row."""
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    if isinstance(error, ApplicationError):
        return error.message
    return str(error)


def row_errors_text(errors: list[dict[str, Any]]) -> list[str]:
    """One readable line per rejected row, for commands' plain output."""
    return [f"  row {row_error['row']}: {row_error['error']}" for row_error in errors]
