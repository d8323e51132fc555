"""Fixtures for the extraction tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.candidates.extraction.cv_files import LIVECAREER


@pytest.fixture(scope="session")
def livecareer_dir() -> Path:
    """The livecareer-dev folder, or a skip saying it is absent."""
    if not (LIVECAREER / "dev.jsonl").is_file():
        pytest.skip(
            "../shared/data/livecareer-dev is absent: the PDF fidelity tests read its real resume "
            "PDFs in place"
        )
    return LIVECAREER
