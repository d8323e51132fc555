"""Recruiters add candidates in the web UI: the same services as the API, in one transaction.

In vacancies because it may create an application (vacancies read candidates, never the
reverse).
"""

from typing import Any

from django.db import transaction

from ats_site.accounts.models import User
from candidates.models import Candidate
from candidates.services.cv_files import CvFile
from candidates.services.profiles import candidate_create
from candidates.services.uploads import cv_upload
from vacancies.models import Application, Vacancy
from vacancies.services import application_create


@transaction.atomic
def candidate_add(
    *,
    profile: dict[str, Any],
    cv: CvFile | None,
    vacancy: Vacancy | None,
    added_by: User,
    source: str = Application.Source.SOURCED,
) -> Candidate:
    """Create a candidate, store their CV and (optionally) an application; all or nothing.

    Raises DuplicateCandidate, UploadRejected or ApplicationError with nothing written.
    """
    candidate = candidate_create(**profile)
    if cv is not None:
        cv_upload(candidate=candidate, data=cv.data, original_name=cv.name, uploaded_by=added_by)
    if vacancy is not None:
        application_create(candidate=candidate, vacancy=vacancy, source=source, created_by=added_by)
    return candidate
