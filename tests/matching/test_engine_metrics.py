"""Engine metrics: counters move with real scoring, /metrics is Prometheus text and guarded."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import Client, override_settings
from kombu import Connection
from prometheus_client.metrics_core import Metric
from prometheus_client.parser import text_string_to_metric_families

from ats_site.accounts.models import Role, User
from ats_site.settings.celery import filesystem_broker_options
from matching.core.encoding.chunking import encode_documents
from matching.services.batches import scoring_batch_run
from matching.services.encoders import (
    DatabaseEmbeddingStore,
    default_encoder,
    encoder_precision,
)
from matching.services.metrics import engine_metrics, queue_lengths
from matching.services.runs import scoring_run_start
from matching.services.scoring import vacancy_job_text
from tests.factories import ApplicationFactory, UserFactory, VacancyFactory
from tests.matching.test_scoring_services import NURSE_CV, PYTHON_CV, _with_cv
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db

TOKEN = "scrape-token-0123456789"
# A queue name of this test alone, so a shared Redis database cannot disturb the count.
REDIS_QUEUE = "fairmatch-metrics-test"
METRIC_NAMES = {
    "fairmatch_encode_seconds",
    "fairmatch_encode_batch_size",
    "fairmatch_texts_encoded",
    "fairmatch_embedding_cache_hits",
    "fairmatch_embedding_cache_misses",
    "fairmatch_scoring_batches",
    "fairmatch_encoder_loaded_timestamp_seconds",
    "fairmatch_queue_length",
}


def _scored_batch() -> Vacancy:
    vacancy = VacancyFactory(
        title="Python backend developer",
        description="Build Django REST APIs on PostgreSQL.",
        required_skills=["Python", "Django"],
    )
    for text in (PYTHON_CV, NURSE_CV):
        ApplicationFactory(candidate=_with_cv(text), vacancy=vacancy)
    scoring_batch_run(batch_id=scoring_run_start(vacancy=vacancy).batches.get().pk)
    return vacancy


def _families(response: HttpResponse) -> dict[str, Metric]:
    text = response.content.decode()
    return {family.name: family for family in text_string_to_metric_families(text)}


@override_settings(FAIRMATCH_METRICS_TOKEN=TOKEN)
def test_scoring_a_batch_moves_the_counters_and_metrics_exports_them(hr_admin: User) -> None:
    before = engine_metrics()
    vacancy = _scored_batch()
    after = engine_metrics()

    assert after.batches_done == before.batches_done + 1
    assert after.encode_calls > before.encode_calls
    assert after.texts_encoded >= before.texts_encoded + 2  # two CVs at least, never cached yet
    assert after.cache_misses > before.cache_misses
    assert after.model == default_encoder().model_id
    assert after.precision == "fp32"
    assert after.encode_mean_ms is not None
    assert after.encode_mean_ms > 0
    # The vacancy's text again: served by the embedding store, no encoder call.
    encode_documents([vacancy_job_text(vacancy)], default_encoder(), store=DatabaseEmbeddingStore())
    assert engine_metrics().cache_hits == after.cache_hits + 1
    assert engine_metrics().encode_calls == after.encode_calls

    client = Client()
    client.force_login(hr_admin)
    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    families = _families(response)
    assert set(families) >= METRIC_NAMES
    assert families["fairmatch_encode_seconds"].type == "histogram"
    done = [
        sample.value
        for sample in families["fairmatch_scoring_batches"].samples
        if sample.name == "fairmatch_scoring_batches_total" and sample.labels["outcome"] == "done"
    ]
    assert done == [after.batches_done]


def test_a_batch_that_raises_counts_as_failed() -> None:
    before = engine_metrics().batches_failed
    with pytest.raises(Exception, match="does not exist"):
        scoring_batch_run(batch_id=987654)
    assert engine_metrics().batches_failed == before + 1


def _login(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(UserFactory(username=f"metrics-{role}", role=Role(role)))
    return client


@override_settings(FAIRMATCH_METRICS_TOKEN=TOKEN)
@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 401), ("candidate", 403), ("recruiter", 403), ("hr_admin", 200)],
)
def test_metrics_permissions_per_role(role: str, expected: int) -> None:
    assert _login(role).get("/metrics").status_code == expected


@override_settings(FAIRMATCH_METRICS_TOKEN=TOKEN)
def test_a_bearer_token_scrapes_and_a_wrong_one_does_not() -> None:
    client = Client()
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.status_code == 401
    assert wrong["WWW-Authenticate"].startswith("Bearer")


@override_settings(FAIRMATCH_METRICS_TOKEN="")
def test_no_token_is_accepted_when_none_is_configured() -> None:
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 401


@pytest.mark.parametrize(("role", "expected"), [("recruiter", 403), ("hr_admin", 200)])
def test_engine_metrics_page(role: str, expected: int) -> None:
    response = _login(role).get("/engine/metrics/")

    assert response.status_code == expected
    if expected == 200:
        page = response.content.decode()
        assert "Engine metrics" in page
        assert "Embedding cache hit rate" in page
        assert 'href="/engine/metrics/"' in page  # linked from the HR admin navigation


def test_engine_metrics_page_sends_visitors_to_login() -> None:
    response = Client().get("/engine/metrics/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@override_settings(MATCHING_PRECISION="fp16")
def test_an_invalid_precision_setting_is_improperly_configured() -> None:
    with pytest.raises(ImproperlyConfigured, match="MATCHING_PRECISION.*fp32, bf16"):
        encoder_precision()
    with pytest.raises(ImproperlyConfigured):
        default_encoder.__wrapped__()  # type: ignore[attr-defined]


@override_settings(MATCHING_PRECISION=" BF16 ")
def test_precision_setting_is_case_insensitive() -> None:
    assert encoder_precision() == "bf16"


def _filesystem_broker(folder: Path) -> dict[str, object]:
    """All the broker's folders under ``folder``: kombu's default control folder is ./control,
    where binding the "gpu" queue would leave control/gpu.exchange in the work tree."""
    for name in ("out", "processed", "control"):
        (folder / name).mkdir()
    return filesystem_broker_options(folder)


def test_queue_length_counts_filesystem_messages(tmp_path: Path) -> None:
    options = _filesystem_broker(tmp_path)
    with Connection("filesystem://", transport_options=options) as connection:
        queue = connection.SimpleQueue("gpu")
        queue.put({"batch": 1})
        queue.put({"batch": 2})
        queue.close()
    with override_settings(
        CELERY_BROKER_URL="filesystem://", CELERY_BROKER_TRANSPORT_OPTIONS=options
    ):
        lengths = queue_lengths()
    assert lengths is not None
    assert lengths["gpu"] == 2
    assert lengths["default"] == 0


@pytest.fixture
def redis_url() -> Iterator[str]:
    url = "redis://127.0.0.1:6379/11"
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379: the Redis queue-depth path is not exercised")
    keys = (REDIS_QUEUE, f"{REDIS_QUEUE}\x06\x163")
    client.delete(*keys)
    yield url
    client.delete(*keys)


def test_queue_length_reads_redis_lists(redis_url: str) -> None:
    with Connection(redis_url) as connection:
        queue = connection.SimpleQueue(REDIS_QUEUE)
        queue.put({"batch": 1})
        queue.put({"batch": 2}, priority=5)  # kept in kombu's priority list "<queue>\x06\x163"
        queue.close()
    routes = {"matching.tasks.*": {"queue": REDIS_QUEUE}}
    with override_settings(CELERY_BROKER_URL=redis_url, CELERY_TASK_ROUTES=routes):
        lengths = queue_lengths()
    assert lengths is not None
    assert lengths[REDIS_QUEUE] == 2


@override_settings(CELERY_BROKER_URL="amqp://guest@127.0.0.1//")
def test_queue_length_is_unknown_for_other_brokers(hr_admin: User) -> None:
    assert queue_lengths() is None
    client = Client()
    client.force_login(hr_admin)
    assert "unknown" in client.get("/engine/metrics/").content.decode()
