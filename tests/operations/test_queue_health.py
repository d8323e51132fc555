"""Staff see a banner when no worker is alive or the queue has not drained; an uploader sees
"waiting for the worker" rather than a bare "Pending". The check is cached."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ats_site.accounts.models import User
from ats_site.operations.models import WorkerHeartbeat
from ats_site.operations.selectors import queue_health_get
from ats_site.operations.services import worker_heartbeat_record
from candidates.models import Candidate, CandidateDocument
from candidates.services.uploads import cv_upload
from matching.models import ScoringRun
from matching.services.runs import scoring_run_start
from tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory

pytestmark = pytest.mark.django_db

NO_WORKER = "No background worker has answered lately"
NOT_DRAINING = "Background work has waited"
WAITING = "Waiting for the worker"


@pytest.fixture(autouse=True)
def _clocks(settings):  # type: ignore[no-untyped-def]
    settings.FAIRMATCH_QUEUE_ALERT_MINUTES = 10
    settings.FAIRMATCH_WORKER_DEAD_AFTER_SECONDS = 60
    settings.FAIRMATCH_WORKER_WAIT_NOTICE_SECONDS = 60
    settings.FAIRMATCH_QUEUE_HEALTH_CACHE_SECONDS = 30


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _alive() -> None:
    worker_heartbeat_record(hostname="celery@test", queues="default,gpu")
    cache.clear()


def test_staff_pages_say_when_no_worker_answers(recruiter: User) -> None:
    page = _client(recruiter).get(reverse("web:vacancy-list")).content.decode()

    assert NO_WORKER in page
    assert NOT_DRAINING not in page


def test_no_banner_with_a_live_worker_and_nothing_waiting(recruiter: User) -> None:
    _alive()

    page = _client(recruiter).get(reverse("web:vacancy-list")).content.decode()

    assert "data-queue-alert" not in page


def test_a_worker_whose_heartbeat_is_old_is_not_alive(recruiter: User) -> None:
    worker_heartbeat_record(hostname="celery@killed", queues="default")
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(seconds=61))

    assert queue_health_get(use_cache=False).worker_alive is False


def test_staff_pages_say_when_the_queue_has_not_drained(recruiter: User) -> None:
    _alive()
    ApplicationFactory(vacancy=VacancyFactory())
    run = scoring_run_start(batch_size=1)
    ScoringRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(minutes=12))

    page = _client(recruiter).get(reverse("web:vacancy-list")).content.decode()

    assert "Background work has waited 12 minutes without being done." in page
    assert NO_WORKER not in page


def test_candidates_never_see_the_staff_banner(candidate_user: User) -> None:
    CandidateFactory(user=candidate_user)

    page = _client(candidate_user).get(reverse("web:my-applications")).content.decode()

    assert "data-queue-alert" not in page


def test_the_check_is_cached_so_pages_do_not_pay_for_it(django_assert_num_queries) -> None:
    first = queue_health_get()
    _alive_without_clearing_cache()

    with django_assert_num_queries(0):
        again = queue_health_get()

    assert again == first
    assert again.worker_alive is False  # the heartbeat is seen once the cache expires
    assert queue_health_get(use_cache=False).worker_alive is True


def _alive_without_clearing_cache() -> None:
    worker_heartbeat_record(hostname="celery@test", queues="default")


def _uploaded(candidate: Candidate) -> CandidateDocument:
    return cv_upload(candidate=candidate, data=b"SKILLS\nPython\n", original_name="cv.txt").document


def test_an_upload_says_waiting_for_the_worker_when_none_is_alive(candidate_user: User) -> None:
    _uploaded(CandidateFactory(user=candidate_user))

    page = _client(candidate_user).get(reverse("web:my-applications")).content.decode()

    assert WAITING in page
    assert "data-waiting-for-worker" in page


def test_a_fresh_upload_with_a_live_worker_is_being_read(candidate_user: User) -> None:
    _alive()
    _uploaded(CandidateFactory(user=candidate_user))

    page = _client(candidate_user).get(reverse("web:my-applications")).content.decode()

    assert WAITING not in page
    assert "Reading the text of this CV…" in page


def test_an_upload_waiting_past_the_notice_says_so_even_with_a_live_worker(
    candidate_user: User,
) -> None:
    _alive()
    document = _uploaded(CandidateFactory(user=candidate_user))
    CandidateDocument.objects.filter(pk=document.pk).update(
        created_at=timezone.now() - timedelta(seconds=61)
    )

    page = _client(candidate_user).get(reverse("web:my-applications")).content.decode()

    assert "data-waiting-for-worker" in page
