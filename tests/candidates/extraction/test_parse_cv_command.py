"""`parse_cv FILE [FILE ...] [--text] [--json]` prints the contract's JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from candidates.extraction import SEED_FEATURES
from candidates.extraction.errors import PDF_NO_TEXT_LAYER, UNSUPPORTED_TYPE
from candidates.management.commands import parse_cv
from candidates.management.commands.parse_cv import FILE_NOT_FOUND
from tests.candidates.extraction.cv_files import build_docx, build_pdf


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("parse_cv", *args, "--section-skills", stdout=out)
    return out.getvalue()


class _FakeMatch:
    def __init__(self, label: str) -> None:
        self.label = label


class _FakeMatcher:
    def extract(self, text: str) -> list[_FakeMatch]:
        return [_FakeMatch("Python (computer programming)")] if "Python" in text else []


@pytest.fixture
def cv_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "pdf": tmp_path / "cv.pdf",
        "docx": tmp_path / "cv.docx",
        "scan": tmp_path / "scan.pdf",
        "exe": tmp_path / "renamed.pdf",
    }
    files["pdf"].write_bytes(build_pdf([["Skills", "Python, SQL", "jane@example.com"]]))
    files["docx"].write_bytes(build_docx(["Education", "Master of Science, 2015 - 2017"]))
    files["scan"].write_bytes(build_pdf([[]], image_only=True))
    files["exe"].write_bytes(b"MZ" + b"\x00" * 200)
    return files


def test_one_file_prints_one_profile_object(cv_files: dict[str, Path]) -> None:
    printed = json.loads(_run(str(cv_files["pdf"]), "--json"))
    assert list(printed) == ["profile"]
    assert set(SEED_FEATURES) <= set(printed["profile"])
    assert printed["profile"]["skills"] == ["Python", "SQL"]
    assert printed["profile"]["contact_info_complete"] is False


def test_text_flag_adds_the_extracted_text(cv_files: dict[str, Path]) -> None:
    printed = json.loads(_run(str(cv_files["docx"]), "--json", "--text"))
    assert printed["text"] == "Education\nMaster of Science, 2015 - 2017"
    assert printed["profile"]["has_education"] is True


def test_one_bad_file_prints_error_and_fails(
    cv_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError, match="no text layer") as raised:
        call_command("parse_cv", str(cv_files["scan"]), "--json", "--section-skills", stdout=out)
    assert json.loads(out.getvalue()) == {"error": PDF_NO_TEXT_LAYER}
    assert raised.value.returncode == 1


def test_several_files_print_one_line_each_in_order(
    cv_files: dict[str, Path], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.pdf"
    paths = [cv_files["pdf"], missing, cv_files["exe"], cv_files["docx"]]
    lines = [json.loads(line) for line in _run(*map(str, paths), "--json").splitlines()]
    assert [line["file"] for line in lines] == [str(path) for path in paths]
    assert [sorted(line) for line in lines] == [
        ["file", "profile"],
        ["error", "file"],
        ["error", "file"],
        ["file", "profile"],
    ]
    assert lines[1]["error"] == FILE_NOT_FOUND.format(path=missing)
    assert lines[2]["error"] == UNSUPPORTED_TYPE.format(detected="Windows executable")
    assert "text" not in lines[0]


def test_readable_summary_without_json(cv_files: dict[str, Path]) -> None:
    printed = _run(str(cv_files["pdf"]))
    assert "sections: skills" in printed
    assert "skills (2): Python, SQL" in printed


def test_skills_are_canonical_from_a_matcher_loaded_once(
    cv_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[_FakeMatcher] = []

    def fake_matcher_get() -> _FakeMatcher:
        loads.append(_FakeMatcher())
        return loads[-1]

    monkeypatch.setattr(parse_cv, "skill_matcher_get", fake_matcher_get)
    out = io.StringIO()
    paths = [cv_files["pdf"], cv_files["scan"], cv_files["docx"]]
    call_command("parse_cv", *map(str, paths), "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line.get("profile", {}).get("skills") for line in lines] == [
        ["Python (computer programming)"],
        None,
        [],
    ]
    assert lines[0]["profile"]["skills_section"] == ["Python", "SQL"]
    assert len(loads) == 1


def test_bad_single_file_fails_before_loading_the_matcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail_if_loaded() -> None:
        raise AssertionError

    monkeypatch.setattr(parse_cv, "skill_matcher_get", fail_if_loaded)
    out = io.StringIO()
    with pytest.raises(CommandError, match="file not found"):
        call_command("parse_cv", str(tmp_path / "none.pdf"), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "error": FILE_NOT_FOUND.format(path=tmp_path / "none.pdf")
    }
