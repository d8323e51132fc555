"""Loaded only into a test worker (`celery worker --include tests.integration.hanging_cv_reading`):
every CV this worker reads hangs inside the text extraction, after it has claimed the CV, so a
test can `kill -9` the worker in the middle of a CV read. It first touches the file named by
FAIRMATCH_TEST_READING_MARKER, so the test knows the read has begun."""

import os
import time
from pathlib import Path
from typing import Any

from candidates.services import documents

HANG_SECONDS = 3600


def _hanging_cv_bytes_extract(*args: Any, **kwargs: Any) -> Any:
    Path(os.environ["FAIRMATCH_TEST_READING_MARKER"]).touch()
    time.sleep(HANG_SECONDS)
    raise AssertionError("the test was meant to kill this worker")


documents.cv_bytes_extract = _hanging_cv_bytes_extract  # type: ignore[assignment]
