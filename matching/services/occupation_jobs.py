"""The sweep that reads stale occupation readings again, here or through the worker.

Enqueues by task name (``matching.services.enqueue``), so it never imports the tasks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matching.selectors import occupation_readings_stale
from matching.services import occupations
from matching.services.enqueue import candidate_occupations_enqueue, vacancy_occupations_enqueue

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class OccupationRefresh:
    """What a sweep found stale and did: read here, or enqueued for the worker."""

    engine_version: str
    candidates: int
    vacancies: int
    enqueued: bool


def occupations_refresh(
    *, enqueue: bool = False, on_progress: ProgressCallback | None = None
) -> OccupationRefresh:
    """Read again every stale reading (missing, another engine version, older than its text).

    With ``enqueue`` one task per subject goes to the worker; else they are read in this process
    (the tasks are idempotent, so both at once only repeat a digest check).
    """
    version = occupations.occupation_engine().version
    candidate_ids, vacancy_ids = occupation_readings_stale(engine_version=version)
    total = len(candidate_ids) + len(vacancy_ids)
    done = 0
    for candidate_id in candidate_ids:
        if enqueue:
            candidate_occupations_enqueue(candidate_id=candidate_id)
        else:
            occupations.candidate_occupations_read(candidate_id=candidate_id)
        done += 1
        if on_progress is not None:
            on_progress(done, total)
    for vacancy_id in vacancy_ids:
        if enqueue:
            vacancy_occupations_enqueue(vacancy_id=vacancy_id)
        else:
            occupations.vacancy_occupations_read(vacancy_id=vacancy_id)
        done += 1
        if on_progress is not None:
            on_progress(done, total)
    return OccupationRefresh(version, len(candidate_ids), len(vacancy_ids), enqueue)
