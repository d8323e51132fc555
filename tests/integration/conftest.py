"""A real Celery worker process on the configured broker, sharing the test database."""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ats_site.celery import app as celery_app
from tests.conftest import REPO_ROOT


def _database_url() -> str:
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    user = database.get("USER") or ""
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"


def _purge_queues() -> None:
    """Drop messages left by earlier tests so each test's worker sees only its own."""
    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        folder = Path(str(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]))
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        return
    for queue in ("default", "gpu"):
        with celery_app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)


def _process_env(extra: dict[str, str]) -> dict[str, str]:
    """What a worker or beat process started by the tests needs to share this test's state."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ats_site.settings.test",
        "DATABASE_URL": _database_url(),
        "FAIRMATCH_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "FAIRMATCH_TEST_BROKER_DIR": str(
            Path(str(settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("data_folder_in", "."))).parent
        ),
        **extra,
    }


class WorkerProcess:
    """Start, kill and restart one `celery worker` process serving both queues."""

    def __init__(self, extra_env: dict[str, str] | None = None) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = Path(settings.VAR_DIR) / "test-worker.log"
        self.extra_env = extra_env or {}

    def start(self) -> None:
        env = _process_env(self.extra_env)
        celery = Path(sys.executable).with_name("celery")
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(celery), "-A", "ats_site", "worker", "-Q", "default,gpu", "--pool", "solo"]
            + ["--without-gossip", "--without-mingle", "--loglevel", "INFO"],
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


@pytest.fixture
def crash_cluster(transactional_db: None) -> Iterator[tuple[WorkerProcess, BeatProcess]]:
    """A real worker and a real beat (started by the test) with the fast crash clocks."""
    _purge_queues()
    worker, beat = WorkerProcess(CRASH_ENV), BeatProcess(CRASH_ENV)
    yield worker, beat
    beat.stop()
    worker.stop()


@pytest.fixture
def celery_worker_process(transactional_db: None) -> Iterator[WorkerProcess]:
    """A real worker for the duration of one test, stopped afterwards."""
    _purge_queues()
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
