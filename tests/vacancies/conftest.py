"""Fixtures of the hiring-workflow tests: the tasks sent to the broker, and a worker stand-in
that runs them through the registered task (the same function a worker would call)."""

from collections.abc import Callable

import pytest

from ats_site.celery import app as celery_app

SentTasks = list[tuple[str, tuple[int, ...]]]


@pytest.fixture
def sent_tasks(monkeypatch: pytest.MonkeyPatch) -> SentTasks:
    """What is sent to the broker, by task name and arguments (nothing leaves the process)."""
    sent: SentTasks = []
    monkeypatch.setattr(
        celery_app, "send_task", lambda name, args=(), **_: sent.append((name, tuple(args)))
    )
    return sent


@pytest.fixture
def run_sent_tasks(sent_tasks: SentTasks) -> Callable[[], list[object]]:
    """Run every task sent so far, by its registered name, as the worker would; then forget it."""

    celery_app.loader.import_default_modules()  # autodiscovery, as a worker does at start

    def run() -> list[object]:
        results = [celery_app.tasks[name](*args) for name, args in sent_tasks]
        sent_tasks.clear()
        return results

    return run
