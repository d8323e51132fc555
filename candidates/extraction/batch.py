"""Batch CV extraction in a process pool: results in input order, one failure per file.

`cv_path_extract` and `cv_bytes_extract` are the work done per file (text and profile, no Django);
`batch_map` runs one of them over many files in `workers` processes, in input order. A file whose
process dies or that runs past `timeout_s` is reported failed; the other files are finished.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, TypeVar

from candidates.extraction.errors import FILE_TOO_LARGE, ExtractionError
from candidates.extraction.extract import extract_text
from candidates.extraction.profile import ParsedProfile, SkillExtractor, parse_profile
from candidates.extraction.types import ExtractionLimits, megabytes

FILE_NOT_FOUND = "file not found: {path}"
FILE_UNREADABLE = "cannot read {path}: {reason}"
WORKER_CRASHED = "reading this file stopped the process that read it (a crash or out of memory)"
WORKER_TIMEOUT = "reading this file took longer than the {limit:g} s limit of a batch"
WORKER_FAILED = "reading this file failed: {reason}"

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(frozen=True, slots=True)
class CvOutcome:
    """What reading one CV gave: its text, pages and profile, or the reason it failed.

    The profile's skills are the CV's skills section; the caller that has the ESCO matcher swaps
    in the canonical skills with `profile_with_skills` (the pool workers load no matcher).
    """

    text: str = ""
    page_count: int | None = None
    profile: ParsedProfile | None = None
    error: str | None = None

    def profile_with_skills(self, skill_extractor: SkillExtractor | None) -> ParsedProfile | None:
        """The profile with its skills from `skill_extractor` (None: the skills section's)."""
        if self.profile is None or skill_extractor is None:
            return self.profile
        return replace(self.profile, skills=tuple(skill_extractor(self.text)))


@dataclass(frozen=True, slots=True)
class CvPathJob:
    """A CV file to read from disk, with the limits that apply."""

    path: str
    limits: ExtractionLimits


@dataclass(frozen=True, slots=True)
class CvBytesJob:
    """A CV already in memory (a stored document), with the limits that apply."""

    data: bytes
    filename: str
    limits: ExtractionLimits


def cv_failed(message: str) -> CvOutcome:
    """The outcome of a file that could not be read."""
    return CvOutcome(error=message)


def cv_bytes_extract(job: CvBytesJob) -> CvOutcome:
    """Text and profile of a CV in memory; never raises for a bad file."""
    try:
        document = extract_text(job.data, filename=job.filename, limits=job.limits)
    except ExtractionError as error:
        return cv_failed(error.message)
    return CvOutcome(
        text=document.text,
        page_count=document.page_count,
        profile=parse_profile(document.text),
    )


def cv_path_extract(job: CvPathJob) -> CvOutcome:
    """Text and profile of a CV file; a missing, unreadable or oversized file is an error."""
    file = Path(job.path)
    try:
        size = file.stat().st_size
        if size > job.limits.max_bytes:
            return cv_failed(
                FILE_TOO_LARGE.format(size=megabytes(size), limit=megabytes(job.limits.max_bytes))
            )
        data = file.read_bytes()
    except FileNotFoundError:
        return cv_failed(FILE_NOT_FOUND.format(path=job.path))
    except OSError as error:
        return cv_failed(FILE_UNREADABLE.format(path=job.path, reason=error.strerror or error))
    return cv_bytes_extract(CvBytesJob(data=data, filename=file.name, limits=job.limits))


def batch_workers(requested: int | None) -> int:
    """Workers for a batch: `requested` when given (at least 1), else one per CPU."""
    if requested is not None:
        return max(1, requested)
    return os.cpu_count() or 1


def batch_map(
    task: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    workers: int,
    timeout_s: float,
    failed: Callable[[str], Result],
    on_done: Callable[[], None] | None = None,
) -> Iterator[Result]:
    """`task(item)` for every item, yielded in input order as soon as each one is known.

    With one worker (or one item) the tasks run here, one after the other. Otherwise they run in
    a pool of `workers` processes started fresh (`spawn`: nothing of this process, no database
    connection, is inherited); `task` must be a module-level function and items picklable.
    A task past `timeout_s` (counted from its submission to a free worker) is killed with its
    process and yields `failed(WORKER_TIMEOUT)`; a task whose process dies yields
    `failed(WORKER_CRASHED)`; the tasks that shared the pool with it are run again, so none is
    lost.

    Args:
        task: the work for one item (no Django, no shared state).
        items: the inputs, in the order results are wanted.
        workers: processes; 1 runs serially in this process.
        timeout_s: wall-clock limit per item in the pool.
        failed: maps a failure message to a result.
        on_done: called once per finished item, in completion order (a progress bar).
    """
    if workers <= 1 or len(items) <= 1:
        for item in items:
            yield task(item)
            if on_done is not None:
                on_done()
        return
    yield from _PoolRun(task, items, workers, timeout_s, failed, on_done).results()


class _PoolRun(Generic[Item, Result]):
    """One batch through a process pool that is replaced whenever a worker is lost or killed.

    After a pool breaks with several files in flight, those files are run again one at a time
    (the "suspects"), so the file that kills its process is the only one reported.
    """

    def __init__(
        self,
        task: Callable[[Item], Result],
        items: Sequence[Item],
        workers: int,
        timeout_s: float,
        failed: Callable[[str], Result],
        on_done: Callable[[], None] | None,
    ) -> None:
        self.task, self.items, self.workers = task, items, min(workers, len(items))
        self.timeout_s, self.failed, self.on_done = timeout_s, failed, on_done
        self.waiting: deque[int] = deque(range(len(items)))
        self.running: dict[Future[Result], tuple[int, float]] = {}
        self.done: dict[int, Result] = {}
        self.suspects: set[int] = set()

    def results(self) -> Iterator[Result]:
        executor = self._executor()
        emitted = 0
        try:
            while emitted < len(self.items):
                self._submit(executor)
                if self._collect() or self._overdue():
                    _kill(executor)
                    self._requeue_running()
                    executor = self._executor()
                while emitted in self.done:
                    yield self.done.pop(emitted)
                    emitted += 1
        finally:  # also when the caller stops reading early
            if self.running:
                _kill(executor)
            else:
                executor.shutdown(wait=True)

    def _executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
        )

    def _submit(self, executor: ProcessPoolExecutor) -> None:
        # Suspects run alone; everything else fills the pool.
        capacity = 1 if self.suspects else self.workers
        while self.waiting and len(self.running) < capacity:
            index = self.waiting.popleft()
            self.running[executor.submit(self.task, self.items[index])] = (index, time.monotonic())
            if self.suspects:
                return

    def _collect(self) -> bool:
        """Record finished tasks; True when the pool broke (a worker process died)."""
        if not self.running:
            return False
        now = time.monotonic()
        nearest = min(started for _, started in self.running.values()) + self.timeout_s
        finished, _ = wait(
            list(self.running), timeout=max(nearest - now, 0), return_when=FIRST_COMPLETED
        )
        broken = [
            future for future in finished if isinstance(future.exception(), BrokenProcessPool)
        ]
        for future in finished:
            if future in broken:
                continue
            index, _ = self.running.pop(future)
            error = future.exception()
            self._finish(
                index, self.failed(WORKER_FAILED.format(reason=error)) if error else future.result()
            )
        if not broken:
            return False
        lost = [self.running[future][0] for future in broken]
        if len(self.running) == 1:  # it ran alone: it is the one that killed its process
            self._finish(lost[0], self.failed(WORKER_CRASHED))
            self.running.clear()
        else:
            self.suspects.update(lost)
        return True

    def _overdue(self) -> bool:
        """Fail the tasks past their time limit; True when there were any (the pool is killed)."""
        now = time.monotonic()
        overdue = [f for f, (_, started) in self.running.items() if now - started > self.timeout_s]
        for future in overdue:
            index, _ = self.running.pop(future)
            self._finish(index, self.failed(WORKER_TIMEOUT.format(limit=self.timeout_s)))
        return bool(overdue)

    def _requeue_running(self) -> None:
        """Files that were in flight in a killed pool run again, first, in input order."""
        for index in sorted((index for index, _ in self.running.values()), reverse=True):
            self.waiting.appendleft(index)
        self.running.clear()

    def _finish(self, index: int, result: Result) -> None:
        self.suspects.discard(index)
        self.done[index] = result
        if self.on_done is not None:
            self.on_done()


def _kill(executor: ProcessPoolExecutor) -> None:
    """Stop a pool now, killing its workers (a hung file never finishes on its own)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        process.kill()
    for process in processes:
        process.join(timeout=5)
    executor.shutdown(wait=False, cancel_futures=True)
