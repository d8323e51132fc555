"""End to end: a bulk rejection's e-mails are sent by a real worker, once each, even when the
broker delivers a message twice; the log on each application says sent."""

from pathlib import Path

import pytest

from ats_site.accounts.models import Role
from ats_site.celery import app as celery_app
from candidates.services.mail_log import MESSAGE_SEPARATOR
from tests.factories import ApplicationFactory, UserFactory
from tests.integration.conftest import WorkerProcess, configured_broker, purge_queues, wait_until
from vacancies.emails import email_templates_defaults_load
from vacancies.enqueue import APPLICATION_EMAIL_SEND_TASK
from vacancies.models import ApplicationEmail
from vacancies.pipeline import applications_bulk_reject

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


@pytest.fixture
def mail_worker(tmp_path: Path):
    """A real worker whose mail goes to files under tmp_path (one file per connection)."""
    purge_queues(configured_broker())
    worker = WorkerProcess(
        extra_env={"DJANGO_EMAIL_BACKEND": FILE_BACKEND, "DJANGO_EMAIL_FILE_PATH": str(tmp_path)}
    )
    offset = worker.log_path.stat().st_size if worker.log_path.exists() else 0
    worker.start()
    yield worker, tmp_path, offset
    worker.stop()


def _messages(folder: Path) -> list[str]:
    texts = [path.read_text() for path in sorted(folder.glob("*.log"))]
    return [m for text in texts for m in text.split(MESSAGE_SEPARATOR) if "Subject:" in m]


def test_a_real_worker_sends_each_email_once_despite_a_redelivery(mail_worker):
    worker, folder, offset = mail_worker
    email_templates_defaults_load()  # a transactional test starts from a flushed database
    applications = ApplicationFactory.create_batch(2, candidate__language="en")

    applications_bulk_reject(
        applications=applications, rejected_by=UserFactory(role=Role.RECRUITER), send_email=True
    )
    first = ApplicationEmail.objects.order_by("pk").first()
    assert first is not None
    celery_app.send_task(APPLICATION_EMAIL_SEND_TASK, args=(first.pk,))  # delivered twice

    log = worker.log_path

    def worker_log() -> str:
        return log.read_bytes()[offset:].decode(errors="replace") if log.exists() else ""

    def all_three_deliveries_done() -> bool:
        sent = ApplicationEmail.objects.filter(status=ApplicationEmail.Status.SENT).count()
        return sent == 2 and worker_log().count("application_email_send_task") >= 6

    assert wait_until(all_three_deliveries_done), worker_log()[-3000:]

    messages = _messages(folder)
    assert len(messages) == 2
    recipients = sorted(a.candidate.email for a in applications)
    assert (
        sorted(
            next(line[4:] for line in m.splitlines() if line.startswith("To: ")) for m in messages
        )
        == recipients
    )
    assert all("Subject: Your application for Backend developer" in m for m in messages)
