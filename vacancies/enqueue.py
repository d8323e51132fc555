"""The one place vacancy services enqueue Celery work: by task name, after commit.

``vacancies.tasks`` calls the e-mail service, so a service that imported the tasks module would
close a cycle. Sending by name keeps imports one way; ``tests/vacancies/test_email_task.py``
pins the name to the task.
"""

from functools import partial

from celery import current_app
from django.db import transaction

APPLICATION_EMAIL_SEND_TASK = "vacancies.tasks.application_email_send_task"


def application_email_enqueue(*, email_id: int) -> None:
    """Send one queued e-mail through the worker once the current transaction commits."""
    send = partial(current_app.send_task, APPLICATION_EMAIL_SEND_TASK, args=(email_id,))
    transaction.on_commit(send)
