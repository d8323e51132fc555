"""What a test needs from outside the repository: skip with the reason locally, fail in CI.

A developer without Chromium, poppler's ``pdftotext`` or ``../shared`` sees the test skipped
with what is missing. CI (``CI=true``, set by ``.ci/run``) installs all of them, so there a
missing one means the environment is broken and the test fails instead of passing by skipping.
"""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
SHARED_DATA = SHARED_DIR / "data"
CI_MISSING = "{reason} (CI=true: what CI installs must be there, so this fails instead of skipping)"


def in_ci() -> bool:
    """True where the environment variable ``CI`` is ``true`` (case-insensitive)."""
    return os.environ.get("CI", "").strip().lower() == "true"


def missing(reason: str) -> NoReturn:
    """Skip the test with ``reason``, or fail it with ``reason`` in CI."""
    if in_ci():
        pytest.fail(CI_MISSING.format(reason=reason), pytrace=False)
    pytest.skip(reason)


def require(tool_or_module: str, reason: str) -> str:
    """The path of a tool (a name on PATH or an absolute path), or the name of an importable module.

    Args:
        tool_or_module: ``"pdftotext"``, ``"/usr/bin/chromium"`` or ``"playwright.sync_api"``.
        reason: What the test needs it for and how to get it, shown in the skip or failure.
    """
    if os.sep in tool_or_module:
        if Path(tool_or_module).exists():
            return tool_or_module
    elif (found := shutil.which(tool_or_module)) is not None:
        return found
    else:
        try:
            importlib.import_module(tool_or_module)
        except ImportError:
            pass
        else:
            return tool_or_module
    missing(f"{tool_or_module} is absent: {reason}")


def require_module(name: str, reason: str) -> ModuleType:
    """The imported module ``name`` (``require`` for a module the test then uses)."""
    require(name, reason)
    return importlib.import_module(name)


def require_shared(*parts: str) -> Path:
    """A path under ``../shared/data`` (read in place, never copied into the repository)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        missing(f"{path} is absent: this test reads ../shared/data in place")
    return path
