"""A real Celery worker process on the configured broker, sharing the test database."""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from kombu import Connection
from kombu import pools as kombu_pools

from ats_site.celery import app as celery_app
from ats_site.settings.celery import filesystem_broker_options
from tests.conftest import REPO_ROOT


def database_url() -> str:
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    user = database.get("USER") or ""
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"


@dataclass(frozen=True)
class Broker:
    """A broker the tests run a worker on: its URL, transport options, and the environment a
    worker or beat process needs to use it (the test settings read both)."""

    name: str
    url: str
    transport_options: dict[str, object]
    env: dict[str, str]


REDIS_REQUIRED = "FAIRMATCH_REQUIRE_REDIS"


def configured_broker() -> Broker:
    """The broker this test run is configured with (CELERY_BROKER_URL)."""
    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        return filesystem_broker()
    return Broker(
        name="redis",
        url=settings.CELERY_BROKER_URL,
        transport_options=dict(settings.CELERY_BROKER_TRANSPORT_OPTIONS),
        env={"CELERY_BROKER_URL": settings.CELERY_BROKER_URL},
    )


def filesystem_broker() -> Broker:
    """The embedded filesystem broker, its queue folder private to this test process."""
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        folder = Path(str(options["data_folder_in"])).parent
    else:
        folder = Path(settings.VAR_DIR) / f"test-celery-broker-{os.getpid()}"
    for sub in ("out", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return Broker(
        name="filesystem",
        url="filesystem://",
        transport_options=filesystem_broker_options(folder),
        env={"CELERY_BROKER_URL": "filesystem://", "FAIRMATCH_TEST_BROKER_DIR": str(folder)},
    )


def redis_broker() -> Broker:
    """Redis (FAIRMATCH_TEST_REDIS_URL, else the configured Redis, else the local default).

    Skips, saying why, when no Redis answers; fails instead where FAIRMATCH_REQUIRE_REDIS=1
    (CI, which always has Redis).
    """
    configured = settings.CELERY_BROKER_URL
    default = configured if configured.startswith("redis") else "redis://127.0.0.1:6379/0"
    url = os.environ.get("FAIRMATCH_TEST_REDIS_URL", default)
    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as error:  # any reason Redis cannot be used is a reason to skip
        if os.environ.get(REDIS_REQUIRED) == "1":
            pytest.fail(f"Redis at {url} is unreachable and {REDIS_REQUIRED}=1: {error}")
        pytest.skip(f"Redis at {url} is unreachable ({error}); set FAIRMATCH_TEST_REDIS_URL")
    return Broker(
        name="redis",
        url=url,
        transport_options=dict(settings.FAIRMATCH_TEST_REDIS_TRANSPORT_OPTIONS),
        env={"CELERY_BROKER_URL": url},
    )


def purge_queues(broker: Broker) -> None:
    """Drop messages left by earlier tests so each test's worker sees only its own."""
    if broker.name == "filesystem":
        folder = Path(str(broker.transport_options["data_folder_in"]))
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        return
    with Connection(broker.url, transport_options=broker.transport_options) as conn:
        channel = conn.default_channel
        for queue in ("default", "gpu"):
            channel.queue_purge(queue)
        # A worker killed by an earlier test left its message unacknowledged: not ours.
        channel.client.delete("unacked", "unacked_index")


@contextmanager
def publishing_to(broker: Broker) -> Iterator[None]:
    """Point this test process's Celery app (which enqueues) at `broker`, then back."""
    conf = celery_app.conf
    saved = (conf.broker_url, conf.broker_transport_options, os.environ.get("CELERY_BROKER_URL"))

    def switch(url: str, options: dict[str, object], environ: str | None) -> None:
        # Close every pooled broker connection and forget the pools (kombu keeps a registry).
        kombu_pools.reset()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        # Celery reads CELERY_BROKER_URL from the environment before its configuration.
        if environ is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = environ
        conf.broker_url = url
        conf.broker_transport_options = options

    switch(broker.url, broker.transport_options, broker.url)
    try:
        yield
    finally:
        switch(*saved)


def _process_env(extra: dict[str, str]) -> dict[str, str]:
    """What a worker or beat process started by the tests needs to share this test's state."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ats_site.settings.test",
        "DATABASE_URL": database_url(),
        "FAIRMATCH_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **configured_broker().env,
        **extra,
    }


class WorkerProcess:
    """Start, kill and restart one `celery worker` process (both queues unless told)."""

    def __init__(
        self,
        extra_env: dict[str, str] | None = None,
        queues: str = "default,gpu",
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = Path(settings.VAR_DIR) / "test-worker.log"
        self.extra_env = extra_env or {}
        self.queues = queues
        self.extra_args = extra_args

    def start(self) -> None:
        env = _process_env(self.extra_env)
        celery = Path(sys.executable).with_name("celery")
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(celery), "-A", "ats_site", "worker", "-Q", self.queues, "--pool", "solo"]
            + ["--without-gossip", "--without-mingle", "--loglevel", "INFO", *self.extra_args],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL, as when a machine dies: no chance to acknowledge or clean up."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


class BeatProcess:
    """`celery beat` in its own process (as deployed), its schedule and pid file under var/."""

    def __init__(self, extra_env: dict[str, str]) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.extra_env = extra_env
        self.folder = Path(settings.VAR_DIR) / f"test-beat-{os.getpid()}"
        self.log_path = self.folder / "beat.log"

    def start(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        celery = Path(sys.executable).with_name("celery")
        self.process = subprocess.Popen(
            [str(celery), "-A", "ats_site", "beat", "--loglevel", "INFO"]
            + ["-s", str(self.folder / "schedule"), "--pidfile", str(self.folder / "beat.pid")],
            cwd=REPO_ROOT,
            env=_process_env(self.extra_env),
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


# Fast clocks for the crash tests: sweep and reaper every few seconds, an attempt older than
# CRASH_ATTEMPT_TIMEOUT seconds counts as lost (the worker's time limit, in production 660 s).
CRASH_SWEEP_SECONDS = 4
CRASH_ATTEMPT_TIMEOUT = 12
CRASH_ENV = {
    "MATCHING_STALE_SWEEP_SECONDS": str(CRASH_SWEEP_SECONDS),
    "FAIRMATCH_REAPER_SECONDS": "2",
    "FAIRMATCH_TASK_ATTEMPT_TIMEOUT_SECONDS": str(CRASH_ATTEMPT_TIMEOUT),
    "MATCHING_SCORING_BATCH_SIZE": "2",
}


def _broker(name: str) -> Broker:
    return filesystem_broker() if name == "filesystem" else redis_broker()


@pytest.fixture(params=["filesystem", "redis"])
def crash_broker(request: pytest.FixtureRequest, transactional_db: None) -> Iterator[Broker]:
    """Each broker in turn, purged, this process publishing to it: the filesystem one (never
    redelivers a killed worker's message) and Redis (redelivers it after the visibility
    timeout)."""
    broker = _broker(request.param)
    purge_queues(broker)
    with publishing_to(broker):
        yield broker


@pytest.fixture
def crash_cluster(crash_broker: Broker) -> Iterator[tuple[WorkerProcess, BeatProcess]]:
    """A real worker and a real beat (started by the test) with the fast crash clocks."""
    env = {**CRASH_ENV, **crash_broker.env}
    worker, beat = WorkerProcess(env), BeatProcess(env)
    yield worker, beat
    beat.stop()
    worker.stop()


@pytest.fixture
def celery_worker_process(transactional_db: None) -> Iterator[WorkerProcess]:
    """A real worker on the configured broker for one test, stopped afterwards."""
    purge_queues(configured_broker())
    worker = WorkerProcess()
    worker.start()
    yield worker
    worker.stop()


def wait_until(check: Callable[[], bool], *, timeout: float = 90.0, interval: float = 0.25) -> bool:
    """Poll `check` until it is true or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return False
