"""The one place candidate services enqueue Celery work: by task name, after commit.

``candidates.tasks`` calls the reaper service, so a service that imported the tasks module would
close a cycle. Sending by registered name keeps the imports one way; the worker resolves the
name, and ``tests/candidates/test_cv_enqueue.py`` pins it to the task.
"""

from functools import partial

from celery import current_app
from django.db import transaction

CV_EXTRACT_TASK = "candidates.tasks.cv_extract_task"


def cv_extract_enqueue(*, document_id: int) -> None:
    """Send one CV to the extraction worker once the current transaction commits."""
    transaction.on_commit(partial(current_app.send_task, CV_EXTRACT_TASK, args=(document_id,)))
