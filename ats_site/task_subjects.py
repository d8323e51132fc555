"""Who may read a background task's state: whoever may read its subject.

A scoring run (or one of its batches) is about a vacancy's scores; a CV extraction is about a
candidate. Anything else (sweeps, audits, purges) is for HR admins. A viewer who may not see
the subject gets the same 404 as for an id that does not exist, so task ids reveal nothing.
"""

import json
import re
from typing import Final

from django_celery_results.models import TaskResult

from ats_site.accounts.models import Role, User
from ats_site.api_scopes import has_scope
from candidates.models import CandidateDocument
from candidates.selectors import candidate_list
from matching.models import ScoringBatch, ScoringRun
from vacancies.selectors import vacancy_list

CV_EXTRACT_TASK: Final = "candidates.tasks.cv_extract_task"
SCORE_BATCH_TASK: Final = "matching.tasks.score_batch_task"
# The first positional argument (a primary key) of a stored argsrepr such as "(12,)" or "[12]".
_FIRST_ID: Final = re.compile(r"[\[(]\s*(\d{1,18})\s*[,)\]]")


def scoring_run_visible(*, viewer: User, run: ScoringRun) -> bool:
    """Staff and API clients with `scores:read` see a run, if they may see its vacancy."""
    if viewer.role == Role.API_CLIENT and not has_scope(viewer, "scores:read"):
        return False
    if not (viewer.is_staff_member or viewer.role == Role.API_CLIENT):
        return False
    return run.vacancy_id is None or (
        vacancy_list(viewer=viewer).filter(pk=run.vacancy_id).exists()
    )


def _document_visible(*, viewer: User, document_id: int) -> bool:
    if viewer.role == Role.API_CLIENT and not has_scope(viewer, "candidates:read"):
        return False
    candidate_id = (
        CandidateDocument.objects.filter(pk=document_id).values_list("candidate_id", flat=True)
    ).first()
    return candidate_id is not None and (
        candidate_list(viewer=viewer).filter(pk=candidate_id).exists()
    )


def _first_id(task_args: str | None) -> int | None:
    """The first positional id of a stored task (django-celery-results keeps the argsrepr)."""
    if not task_args:
        return None
    try:
        decoded = json.loads(task_args)
    except ValueError:
        decoded = task_args
    match = _FIRST_ID.match(str(decoded).strip())
    return int(match.group(1)) if match else None


def celery_task_visible(*, viewer: User, task_id: str) -> bool:
    """Whether the viewer may read the Celery task `task_id` (False when none is stored)."""
    stored = TaskResult.objects.filter(task_id=task_id).only("task_name", "task_args").first()
    if stored is None:
        return False
    subject_id = _first_id(stored.task_args)
    if stored.task_name == CV_EXTRACT_TASK and subject_id is not None:
        return _document_visible(viewer=viewer, document_id=subject_id)
    if stored.task_name == SCORE_BATCH_TASK and subject_id is not None:
        batch = ScoringBatch.objects.select_related("run").filter(pk=subject_id).first()
        return batch is not None and scoring_run_visible(viewer=viewer, run=batch.run)
    return viewer.role == Role.HR_ADMIN
