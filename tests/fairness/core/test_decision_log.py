import json
from pathlib import Path

import pytest

from fairness.core.audit import decision_log_audit
from fairness.core.decision_log import (
    ERROR_BAD_JSON,
    ERROR_BAD_OUTCOME,
    ERROR_BAD_SCORE,
    ERROR_EMPTY,
    ERROR_FILE_MISSING,
    ERROR_MISSING_COLUMN,
    ERROR_NO_ATTRIBUTE,
    DecisionLogError,
    detect_format,
    parse_outcome,
    read_decision_log,
)

CSV_LOG = (
    "race,gender,selected,score\n"
    "black,f,1,80\n"
    "white,m,yes,70.5\n"
    "black,,FALSE,10\n"
    "not disclosed,f,0,20\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_a_csv_log(tmp_path: Path) -> None:
    path = _write(tmp_path, "log.csv", CSV_LOG)

    log = read_decision_log(path, attributes=["race", "gender"], score="score")

    assert log.log_format == "csv"
    assert log.n == 4
    assert log.attributes == {
        "race": ("black", "white", "black", "not disclosed"),
        "gender": ("f", "m", "", "f"),
    }
    assert log.outcomes == (1, 1, 0, 0)
    assert log.scores == (80.0, 70.5, 10.0, 20.0)


def test_reads_a_jsonl_log_with_other_column_names(tmp_path: Path) -> None:
    rows = [
        {"sex": "F", "hired": True, "age": 31},
        {"sex": None, "hired": 0},
        {"hired": "No", "age": 45},
    ]
    path = _write(tmp_path, "log.jsonl", "\n".join(json.dumps(row) for row in rows) + "\n\n")

    log = read_decision_log(path, attributes=["sex", "age"], outcome="hired")

    assert log.log_format == "jsonl"
    assert log.attributes == {"sex": ("F", None, None), "age": ("31", None, "45")}
    assert log.outcomes == (1, 0, 0)
    assert log.scores is None


def test_format_is_detected_from_content_without_a_known_extension(tmp_path: Path) -> None:
    jsonl = _write(tmp_path, "decisions.log", '{"g": "a", "selected": 1}\n')
    csv_file = _write(tmp_path, "decisions.txt", "g,selected\na,1\n")

    assert read_decision_log(jsonl, attributes=["g"]).log_format == "jsonl"
    assert read_decision_log(csv_file, attributes=["g"]).log_format == "csv"
    assert detect_format(Path("x.ndjson"), "g,selected") == "jsonl"
    assert detect_format(Path("x.CSV"), "{") == "csv"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, 1),
        (0, 0),
        (True, 1),
        (False, 0),
        (1.0, 1),
        ("1", 1),
        (" Yes ", 1),
        ("TRUE", 1),
        ("no", 0),
        ("false", 0),
        ("2", None),
        ("", None),
        (None, None),
        (0.5, None),
        ("selected", None),
    ],
)
def test_parse_outcome(value: object, expected: int | None) -> None:
    assert parse_outcome(value) == expected


def _error(call_path: Path, **kwargs: object) -> str:
    with pytest.raises(DecisionLogError) as raised:
        read_decision_log(call_path, **kwargs)  # type: ignore[arg-type]
    return str(raised.value)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.csv"

    assert _error(path, attributes=["race"]) == ERROR_FILE_MISSING.format(path=path)


def test_missing_column_names_the_column_and_the_columns_present(tmp_path: Path) -> None:
    path = _write(tmp_path, "log.csv", CSV_LOG)

    message = _error(path, attributes=["ethnicity"])

    assert message == ERROR_MISSING_COLUMN.format(
        path=path, column="ethnicity", columns="race, gender, selected, score"
    )


def test_bad_outcome_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "log.csv", "race,selected\nblack,1\nwhite,maybe\n")

    message = _error(path, attributes=["race"])

    assert message == ERROR_BAD_OUTCOME.format(path=path, line=3, column="selected", value="maybe")
    assert "\n" not in message


def test_missing_outcome_in_a_jsonl_row_is_a_bad_value(tmp_path: Path) -> None:
    path = _write(tmp_path, "log.jsonl", '{"race": "a", "selected": 1}\n{"race": "b"}\n')

    message = _error(path, attributes=["race"])

    assert message == ERROR_BAD_OUTCOME.format(path=path, line=2, column="selected", value=None)


def test_bad_score_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "log.csv", "race,selected,score\nblack,1,nan\n")

    message = _error(path, attributes=["race"], score="score")

    assert message == ERROR_BAD_SCORE.format(path=path, line=2, column="score", value="nan")


def test_invalid_json_line_is_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "log.jsonl", '{"race": "a", "selected": 1}\n[1, 2]\n')

    assert _error(path, attributes=["race"]) == ERROR_BAD_JSON.format(path=path, line=2)


def test_empty_log_is_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "log.csv", "race,selected\n")

    assert _error(path, attributes=["race"]) == ERROR_EMPTY.format(path=path)


def test_no_attribute_is_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "log.csv", CSV_LOG)

    assert _error(path, attributes=[]) == ERROR_NO_ATTRIBUTE


def test_decision_log_audit_has_the_contract_shape(tmp_path: Path) -> None:
    lines = ["race,gender,selected,score"]
    lines += ["black,f,1,90"] * 2 + ["black,f,0,10"] * 4
    lines += ["white,m,1,80"] * 4 + ["white,m,0,20"] * 2
    lines += ["white,f,1,85"] * 3 + ["asian,m,1,50"] * 2 + [",f,1,5"]
    path = _write(tmp_path, "log.csv", "\n".join(lines) + "\n")
    log = read_decision_log(path, attributes=["race", "gender"], score="score")

    report = decision_log_audit(log, min_group_size=5, n_bootstrap=0)

    assert list(report) == ["n", "outcome", "min_group_size", "attributes"]
    assert (report["n"], report["outcome"], report["min_group_size"]) == (18, "selected", 5)
    assert list(report["attributes"]) == ["race", "gender", "race+gender"]
    race = report["attributes"]["race"]
    assert race["unknown_count"] == 1
    assert race["suppressed_groups"] == ["asian"]
    assert race["groups"]["black"]["count"] == 6
    assert race["groups"]["black"]["selection_rate"] == pytest.approx(2 / 6)
    assert race["groups"]["white"]["selection_rate"] == pytest.approx(7 / 9)
    assert race["groups"]["black"]["impact_ratio"] == pytest.approx((2 / 6) / (7 / 9))
    assert race["groups"]["black"]["four_fifths_flag"] is True
    assert race["groups"]["white"]["four_fifths_flag"] is False
    assert race["groups"]["black"]["scoring_rate"] == pytest.approx(2 / 6)
    intersection = report["attributes"]["race+gender"]
    assert sorted(intersection["groups"]) == ["black+f", "white+m"]
    assert intersection["suppressed_groups"] == ["asian+m", "white+f"]
    assert intersection["groups"]["black+f"]["impact_ratio"] == pytest.approx(0.5)
