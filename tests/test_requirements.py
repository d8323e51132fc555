"""tests/requirements.py skips locally and fails in CI; the work-tree guard sees new files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.requirements import require, require_module, require_shared
from tests.worktree_guard import worktree_status

ABSENT_TOOL = "fairmatch-no-such-tool"


@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture
def ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")


@pytest.mark.usefixtures("local")
def test_missing_tool_skips_locally_with_the_reason() -> None:
    with pytest.raises(pytest.skip.Exception) as skipped:
        require(ABSENT_TOOL, "needed to read PDFs")
    assert str(skipped.value) == f"{ABSENT_TOOL} is absent: needed to read PDFs"


@pytest.mark.usefixtures("ci")
def test_missing_tool_fails_in_ci() -> None:
    with pytest.raises(pytest.fail.Exception) as failed:
        require(ABSENT_TOOL, "needed to read PDFs")
    assert str(failed.value).startswith(f"{ABSENT_TOOL} is absent: needed to read PDFs (CI=true:")


@pytest.mark.usefixtures("ci")
def test_present_tool_module_and_path_are_returned_in_ci() -> None:
    assert require("sh", "a shell") == shutil.which("sh")
    assert require("/bin/sh", "a shell") == "/bin/sh"
    assert require("json", "stdlib") == "json"
    assert require_module("json.decoder", "stdlib").__name__ == "json.decoder"


@pytest.mark.usefixtures("ci")
def test_missing_module_and_absolute_path_fail_in_ci() -> None:
    with pytest.raises(pytest.fail.Exception):
        require("fairmatch_no_such_module.sub", "a module")
    with pytest.raises(pytest.fail.Exception):
        require("/nonexistent/fairmatch/chromium", "a browser")


def test_missing_shared_data_names_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "TRUE")  # case-insensitive
    with pytest.raises(pytest.fail.Exception, match=r"no-such-folder is absent: this test reads"):
        require_shared("no-such-folder")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match=r"\.\./shared/data in place$"):
        require_shared("no-such-folder")


def test_worktree_status_lists_new_files_and_none_outside_git(tmp_path: Path) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is absent: the guard is then off too")
    assert worktree_status(tmp_path) is None
    subprocess.run([git, "init", "-q", str(tmp_path)], check=True)
    assert worktree_status(tmp_path) == frozenset()
    (tmp_path / "control").mkdir()
    (tmp_path / "control" / "gpu.exchange").write_text("[]", encoding="utf-8")
    assert worktree_status(tmp_path) == frozenset({"?? control/gpu.exchange"})
