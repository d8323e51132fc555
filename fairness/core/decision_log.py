"""Read a decision log (CSV or JSONL, one row per candidate decision) from any screening tool."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

__all__ = [
    "DecisionLog",
    "DecisionLogError",
    "detect_format",
    "parse_outcome",
    "read_decision_log",
]

CSV_SUFFIXES: Final = frozenset({".csv", ".tsv"})
JSONL_SUFFIXES: Final = frozenset({".jsonl", ".ndjson", ".json"})
TRUE_VALUES: Final = frozenset({"1", "true", "yes"})
FALSE_VALUES: Final = frozenset({"0", "false", "no"})

ERROR_FILE_MISSING: Final = "decision log {path} does not exist or is not a file"
ERROR_NOT_TEXT: Final = "decision log {path} is not UTF-8 text"
ERROR_NO_ATTRIBUTE: Final = "name at least one attribute column"
ERROR_MISSING_COLUMN: Final = "decision log {path} has no column {column!r} (columns: {columns})"
ERROR_BAD_JSON: Final = "decision log {path}, line {line}: not a JSON object"
ERROR_BAD_OUTCOME: Final = (
    "decision log {path}, line {line}: 0/1 column {column!r} is {value!r}; "
    "expected 0/1, true/false or yes/no"
)
ERROR_BAD_SCORE: Final = (
    "decision log {path}, line {line}: score column {column!r} is {value!r}; "
    "expected a finite number"
)
ERROR_EMPTY: Final = "decision log {path} has no decision rows"

LogFormat = Literal["csv", "jsonl"]


class DecisionLogError(ValueError):
    """A decision log that cannot be audited; the message is one line naming file and row."""


@dataclass(frozen=True, slots=True)
class DecisionLog:
    """The columns of a decision log needed for an audit, one entry per decision row.

    ``attributes`` maps each named attribute column to its raw values (``None`` where a row has
    no value); unknown values are interpreted later by the metrics.
    """

    path: str
    log_format: LogFormat
    attributes: Mapping[str, tuple[str | None, ...]]
    outcome_column: str
    outcomes: tuple[int, ...]
    score_column: str | None = None
    scores: tuple[float, ...] | None = None
    truth_column: str | None = None
    truths: tuple[int, ...] | None = None

    @property
    def n(self) -> int:
        """Number of decision rows."""
        return len(self.outcomes)


def detect_format(path: Path, head: str) -> LogFormat:
    """Pick CSV or JSONL from the file extension, else from the first non-blank character."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "jsonl" if head.lstrip().startswith("{") else "csv"


def parse_outcome(value: object) -> int | None:
    """Return 1 or 0 for 0/1, true/false, yes/no (any case), or ``None`` for anything else."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float) and value in (0, 1):
        return int(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in TRUE_VALUES:
            return 1
        if text in FALSE_VALUES:
            return 0
    return None


def _parse_score(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value) if isinstance(value, int | float | str) else math.nan
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _attribute_value(value: object) -> str | None:
    if value is None:
        return None
    return str(value)


def _csv_rows(path: Path, text: str) -> tuple[list[str], Iterator[tuple[int, dict[str, object]]]]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = columns

    def rows() -> Iterator[tuple[int, dict[str, object]]]:
        for row in reader:
            yield reader.line_num, {key: value for key, value in row.items() if key is not None}

    return columns, rows()


def _jsonl_rows(path: Path, text: str) -> tuple[list[str], list[tuple[int, dict[str, object]]]]:
    rows: list[tuple[int, dict[str, object]]] = []
    columns: dict[str, None] = {}
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            row = None
        if not isinstance(row, dict):
            raise DecisionLogError(ERROR_BAD_JSON.format(path=path, line=line_number))
        columns.update(dict.fromkeys(row))
        rows.append((line_number, row))
    return list(columns), rows


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise DecisionLogError(ERROR_FILE_MISSING.format(path=path))
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DecisionLogError(ERROR_NOT_TEXT.format(path=path)) from error


def read_decision_log(
    path: str | Path,
    *,
    attributes: Sequence[str],
    outcome: str = "selected",
    score: str | None = None,
    truth: str | None = None,
) -> DecisionLog:
    """Read the attribute, outcome and optional score columns of a CSV or JSONL decision log.

    Args:
        path: The log; ``.csv``/``.tsv`` and ``.jsonl``/``.ndjson``/``.json`` are read as such,
            any other extension by its content (a first ``{`` means JSONL).
        attributes: The sensitive attribute columns to keep.
        outcome: The 0/1 decision column (0/1, true/false, yes/no in any case).
        score: An optional numeric score column.
        truth: An optional 0/1 ground-truth column (read like the outcome), for equal
            opportunity, equalized odds and threshold what-ifs.

    Returns:
        A ``DecisionLog`` with one entry per decision row.

    Raises:
        DecisionLogError: A one-line message for a missing file, a missing column, a bad outcome
            or score value (naming the line), or a log with no rows.
    """
    if not attributes:
        raise DecisionLogError(ERROR_NO_ATTRIBUTE)
    log_path = Path(path)
    text = _read_text(log_path)
    log_format = detect_format(log_path, text[:1024])
    reader = _csv_rows if log_format == "csv" else _jsonl_rows
    columns, rows = reader(log_path, text)
    wanted = [*attributes, outcome, *([score] if score else []), *([truth] if truth else [])]
    for column in wanted:
        if column not in columns:
            raise DecisionLogError(
                ERROR_MISSING_COLUMN.format(
                    path=log_path, column=column, columns=", ".join(columns) or "none"
                )
            )
    values: dict[str, list[str | None]] = {name: [] for name in attributes}
    outcomes: list[int] = []
    scores: list[float] = []
    truths: list[int] = []
    for line, row in rows:
        for name in attributes:
            values[name].append(_attribute_value(row.get(name)))
        outcomes.append(
            _checked_outcome(row.get(outcome), path=log_path, line=line, column=outcome)
        )
        if score:
            scores.append(_checked_score(row.get(score), path=log_path, line=line, column=score))
        if truth:
            truths.append(_checked_outcome(row.get(truth), path=log_path, line=line, column=truth))
    if not outcomes:
        raise DecisionLogError(ERROR_EMPTY.format(path=log_path))
    return DecisionLog(
        path=str(log_path),
        log_format=log_format,
        attributes={name: tuple(column) for name, column in values.items()},
        outcome_column=outcome,
        outcomes=tuple(outcomes),
        score_column=score,
        scores=tuple(scores) if score else None,
        truth_column=truth,
        truths=tuple(truths) if truth else None,
    )


def _checked_outcome(value: object, *, path: Path, line: int, column: str) -> int:
    parsed = parse_outcome(value)
    if parsed is None:
        raise DecisionLogError(
            ERROR_BAD_OUTCOME.format(path=path, line=line, column=column, value=value)
        )
    return parsed


def _checked_score(value: object, *, path: Path, line: int, column: str) -> float:
    parsed = _parse_score(value)
    if parsed is None:
        raise DecisionLogError(
            ERROR_BAD_SCORE.format(path=path, line=line, column=column, value=value)
        )
    return parsed
