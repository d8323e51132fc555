"""A real worker's heartbeat: staff see no banner while it lives, and one soon after it is
killed; an upload then says "waiting for the worker"."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import Role
from ats_site.operations.models import WorkerHeartbeat
from ats_site.operations.selectors import queue_health_get
from candidates.services.uploads import cv_upload
from tests.factories import CandidateFactory, UserFactory
from tests.integration.conftest import WorkerProcess, configured_broker, purge_queues, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

NO_WORKER = "No background worker has answered lately"


def _alive() -> bool:
    return queue_health_get(use_cache=False).worker_alive


def test_banner_follows_a_real_workers_heartbeat(settings) -> None:
    # A factory user: the transactional flush has removed the role groups the fixture needs.
    recruiter = UserFactory(role=Role.RECRUITER)
    settings.FAIRMATCH_WORKER_DEAD_AFTER_SECONDS = 3
    purge_queues(configured_broker())
    worker = WorkerProcess({"FAIRMATCH_WORKER_HEARTBEAT_SECONDS": "1"}, queues="default")
    staff = Client()
    staff.force_login(recruiter)
    try:
        worker.start()
        assert wait_until(_alive, timeout=120), worker.log_path.read_text()[-3000:]
        cache.clear()
        assert NO_WORKER not in staff.get(reverse("web:vacancy-list")).content.decode()

        worker.kill()
        assert wait_until(lambda: not _alive(), timeout=10)
        cache.clear()
        assert NO_WORKER in staff.get(reverse("web:vacancy-list")).content.decode()
        candidate = CandidateFactory()
        cv_upload(candidate=candidate, data=b"SKILLS\nGo\n", original_name="cv.txt")
        detail = staff.get(reverse("web:candidate-detail", args=[candidate.pk])).content.decode()
        assert "data-waiting-for-worker" in detail

        worker.start()  # back: a clean stop then removes its heartbeat at once
        assert wait_until(_alive, timeout=120)
    finally:
        worker.stop()
    assert not WorkerHeartbeat.objects.exists()
