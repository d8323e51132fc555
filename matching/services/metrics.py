"""Engine metrics in Prometheus form, shared by gunicorn and Celery worker processes.

prometheus_client's multiprocess mode: every process writes its counters and histograms to
memory-mapped files under PROMETHEUS_MULTIPROC_DIR (set by ats_site.settings.metrics before this
module is imported), and a scrape sums the files of all processes. Nothing extra to run, no
database writes on the hot path, and a worker's numbers survive its restart until the folder is
cleared. Queue depth and the encoder in use are read at scrape time.
"""

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from django.conf import settings
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

ENCODE_SECONDS = Histogram(
    "fairmatch_encode_seconds",
    "Wall time of one encoder call (one batch of texts or chunks).",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
ENCODE_BATCH_SIZE = Histogram(
    "fairmatch_encode_batch_size",
    "Texts (or chunks) handed to the encoder in one call.",
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024),
)
TEXTS_ENCODED = Counter("fairmatch_texts_encoded", "Texts (or chunks) encoded.")
CACHE_HITS = Counter("fairmatch_embedding_cache_hits", "Embedding lookups found in the store.")
CACHE_MISSES = Counter("fairmatch_embedding_cache_misses", "Embedding lookups not in the store.")
SCORING_BATCHES = Counter(
    "fairmatch_scoring_batches", "Scoring batches finished, by outcome.", ["outcome"]
)
# "max" across processes: the newest load time per (model, device, precision) wins, so the
# series with the largest value is the encoder loaded last.
ENCODER_LOADED = Gauge(
    "fairmatch_encoder_loaded_timestamp_seconds",
    "Unix time a process loaded this encoder.",
    ["model", "device", "precision"],
    multiprocess_mode="max",
)

BatchOutcome = Literal["done", "skipped", "failed"]
QUEUE_LENGTH = "fairmatch_queue_length"
_REDIS_PRIORITY_SEPARATOR = "\x06\x16"  # kombu's key for a queue's priority levels 3, 6, 9
_REDIS_PRIORITY_STEPS = (3, 6, 9)


def encode_observe(*, texts: int, seconds: float) -> None:
    """Record one encoder call."""
    ENCODE_SECONDS.observe(seconds)
    ENCODE_BATCH_SIZE.observe(texts)
    TEXTS_ENCODED.inc(texts)


def cache_lookups_observe(*, hits: int, misses: int) -> None:
    """Record embedding-store lookups."""
    CACHE_HITS.inc(hits)
    CACHE_MISSES.inc(misses)


def scoring_batch_observe(*, outcome: BatchOutcome) -> None:
    """Record a batch scored, skipped (already done by another worker) or that raised."""
    SCORING_BATCHES.labels(outcome=outcome).inc()


def encoder_loaded_observe(*, model: str, device: str, precision: str) -> None:
    """Record which encoder this process just loaded."""
    ENCODER_LOADED.labels(model=model, device=device, precision=precision).set(time.time())


def celery_queues() -> list[str]:
    """The default queue and every queue a task route names."""
    names = [str(settings.CELERY_TASK_DEFAULT_QUEUE)]
    for route in settings.CELERY_TASK_ROUTES.values():
        queue = route.get("queue") if isinstance(route, dict) else None
        if queue:
            names.append(str(queue))
    return list(dict.fromkeys(names))


def queue_lengths() -> dict[str, int] | None:
    """Messages waiting per queue, or None when the broker cannot be inspected."""
    url = str(settings.CELERY_BROKER_URL)
    queues = celery_queues()
    if url.startswith("filesystem"):
        return _filesystem_lengths(queues)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return _redis_lengths(url, queues)
    return None


def _filesystem_lengths(queues: list[str]) -> dict[str, int] | None:
    """kombu's filesystem transport keeps one `<time>_<uuid>.<queue>.msg` file per message."""
    folder = Path(str(settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("data_folder_in", "")))
    if not folder.is_dir():
        return None
    counts = dict.fromkeys(queues, 0)
    for entry in os.scandir(folder):
        queue = entry.name.partition(".")[2].removesuffix(".msg")
        if queue in counts:
            counts[queue] += 1
    return counts


def _redis_lengths(url: str, queues: list[str]) -> dict[str, int] | None:
    """LLEN of each queue's list and of its priority lists, as kombu's redis transport keeps."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        with client.pipeline() as pipe:
            for queue in queues:
                pipe.llen(queue)
                for step in _REDIS_PRIORITY_STEPS:
                    pipe.llen(f"{queue}{_REDIS_PRIORITY_SEPARATOR}{step}")
            sizes = [int(size) for size in pipe.execute()]
    except (redis.RedisError, OSError):
        return None
    per_queue = 1 + len(_REDIS_PRIORITY_STEPS)
    return {
        queue: sum(sizes[index * per_queue : (index + 1) * per_queue])
        for index, queue in enumerate(queues)
    }


class QueueCollector(Collector):
    """Queue depth, read from the broker when scraped (no queue series when unknown)."""

    def collect(self) -> Iterator[Metric]:
        family = GaugeMetricFamily(
            QUEUE_LENGTH, "Celery messages waiting in the broker, per queue.", labels=["queue"]
        )
        for queue, length in (queue_lengths() or {}).items():
            family.add_metric([queue], length)
        yield family


def metrics_registry() -> CollectorRegistry:
    """Every process's metrics summed from the multiprocess folder, plus queue depth."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:  # a single process (settings without ats_site.settings.metrics): its own values
        registry.register(REGISTRY)
    registry.register(QueueCollector())
    return registry


def metrics_exposition() -> tuple[bytes, str]:
    """The Prometheus text exposition and its content type."""
    return generate_latest(metrics_registry()), CONTENT_TYPE_LATEST


@dataclass(frozen=True, slots=True)
class EngineMetrics:
    """The figures the admin page shows."""

    encode_calls: int
    encode_seconds_total: float
    encode_mean_ms: float | None
    encode_p95_ms: float | None
    texts_encoded: int
    mean_batch_size: float | None
    cache_hits: int
    cache_misses: int
    cache_hit_rate: float | None
    batches_done: int
    batches_failed: int
    queues: dict[str, int] | None
    model: str | None
    device: str | None
    precision: str | None


def engine_metrics() -> EngineMetrics:
    """Summarise the collected metrics for people (the same numbers /metrics exports)."""
    samples = _samples(metrics_registry().collect())
    calls = int(samples.get(("fairmatch_encode_seconds_count", ()), 0))
    seconds = samples.get(("fairmatch_encode_seconds_sum", ()), 0.0)
    batch_sum = samples.get(("fairmatch_encode_batch_size_sum", ()), 0.0)
    hits = int(samples.get(("fairmatch_embedding_cache_hits_total", ()), 0))
    misses = int(samples.get(("fairmatch_embedding_cache_misses_total", ()), 0))
    encoder = _latest_encoder(samples)
    return EngineMetrics(
        encode_calls=calls,
        encode_seconds_total=seconds,
        encode_mean_ms=1000 * seconds / calls if calls else None,
        encode_p95_ms=_bucket_quantile(samples, "fairmatch_encode_seconds", 0.95, calls),
        texts_encoded=int(samples.get(("fairmatch_texts_encoded_total", ()), 0)),
        mean_batch_size=batch_sum / calls if calls else None,
        cache_hits=hits,
        cache_misses=misses,
        cache_hit_rate=hits / (hits + misses) if hits + misses else None,
        batches_done=int(samples.get(_outcome("done"), 0)),
        batches_failed=int(samples.get(_outcome("failed"), 0)),
        queues=queue_lengths(),
        model=encoder.get("model"),
        device=encoder.get("device"),
        precision=encoder.get("precision"),
    )


SampleKey = tuple[str, tuple[tuple[str, str], ...]]


def _samples(metrics: Iterable[Metric]) -> dict[SampleKey, float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): float(sample.value)
        for metric in metrics
        for sample in metric.samples
    }


def _outcome(outcome: str) -> SampleKey:
    return ("fairmatch_scoring_batches_total", (("outcome", outcome),))


def _latest_encoder(samples: dict[SampleKey, float]) -> dict[str, str]:
    loaded = [
        (value, dict(labels))
        for (name, labels), value in samples.items()
        if name == "fairmatch_encoder_loaded_timestamp_seconds"
    ]
    return max(loaded, key=lambda item: item[0])[1] if loaded else {}


def _bucket_quantile(
    samples: dict[SampleKey, float], name: str, quantile: float, count: int
) -> float | None:
    """Upper bound (ms) of the first histogram bucket holding ``quantile`` of the calls."""
    if not count:
        return None
    bounds = sorted(
        (float(dict(labels)["le"]), value)
        for (sample, labels), value in samples.items()
        if sample == f"{name}_bucket"
    )
    for bound, cumulative in bounds:
        if cumulative >= quantile * count:
            return 1000 * bound
    return None
