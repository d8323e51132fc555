"""Fixtures for the extraction tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.requirements import require_shared


@pytest.fixture(scope="session")
def livecareer_dir() -> Path:
    """The livecareer-dev folder, or a skip saying it is absent."""
    return require_shared("livecareer-dev", "dev.jsonl").parent
