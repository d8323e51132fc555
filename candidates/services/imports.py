"""Bulk import of candidates with their CVs, idempotent on email (or external id)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ats_site.common.tabular import as_list, row_error_message
from ats_site.exceptions import ApplicationError
from candidates.models import Candidate
from candidates.services.documents import documents_extract
from candidates.services.profiles import candidate_create, candidate_update
from candidates.services.uploads import cv_upload

TEXT_FIELDS = ("first_name", "last_name", "phone", "city", "region", "headline", "external_id")
MISSING_EMAIL = "missing 'email'"
CV_NOT_FOUND = "cv_path {path} does not exist"


@dataclass
class CandidateImportReport:
    created: int = 0
    updated: int = 0
    documents: int = 0
    documents_failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def _names(record: dict[str, Any]) -> tuple[str, str]:
    first = str(record.get("first_name") or "").strip()
    last = str(record.get("last_name") or "").strip()
    if not (first or last) and record.get("name"):
        first, _, last = str(record["name"]).strip().partition(" ")
    return first or "Unknown", last or "-"


def _cv_bytes(record: dict[str, Any], base_dir: Path) -> tuple[bytes, str] | None:
    if record.get("cv_path"):
        path = Path(str(record["cv_path"]))
        path = path if path.is_absolute() else base_dir / path
        if not path.is_file():
            raise ValueError(CV_NOT_FOUND.format(path=record["cv_path"]))
        return path.read_bytes(), path.name
    if record.get("cv_text"):
        return str(record["cv_text"]).encode("utf-8"), "cv.txt"
    return None


def candidate_import_row(
    *, record: dict[str, Any], base_dir: Path, enqueue_extraction: bool
) -> tuple[Candidate, bool, int | None]:
    """Create or update one candidate and attach its CV; returns (candidate, created, doc id)."""
    email = str(record.get("email") or "").strip().lower()
    if not email:
        raise ValueError(MISSING_EMAIL)
    first, last = _names(record)
    data: dict[str, Any] = {
        name: str(record[name]).strip() for name in TEXT_FIELDS if record.get(name)
    }
    data.update(first_name=first, last_name=last)
    if "mobility_regions" in record:
        data["mobility_regions"] = as_list(record["mobility_regions"])
    candidate = Candidate.objects.filter(email=email).first()
    if candidate is None and data.get("external_id"):
        candidate = Candidate.objects.filter(external_id=data["external_id"]).first()
    created = candidate is None
    if candidate is None:
        consent = str(record.get("consent_version") or "")
        candidate = candidate_create(email=email, consent_version=consent, **data)
    else:
        candidate = candidate_update(candidate=candidate, data={"email": email, **data})
    cv = _cv_bytes(record, base_dir)
    if cv is None:
        return candidate, created, None
    upload = cv_upload(
        candidate=candidate, data=cv[0], original_name=cv[1], enqueue_extraction=enqueue_extraction
    )
    return candidate, created, None if upload.is_duplicate else upload.document.pk


def candidates_import(
    *,
    records: list[tuple[int, dict[str, Any]]],
    base_dir: Path,
    enqueue_extraction: bool = False,
    workers: int | None = None,
    on_row: Callable[[], None] | None = None,
    on_document: Callable[[], None] | None = None,
) -> CandidateImportReport:
    """Import rows one by one; a bad row is reported and skipped, nothing else is lost.

    Without `enqueue_extraction` the CVs are extracted here once every row is in: read in a
    process pool of `workers` (None: FAIRMATCH_EXTRACTION_WORKERS, else one per CPU; 1: one
    after the other in this process), stored by this process. A CV that crashes or hangs its
    worker fails alone, with the reason on the document.
    """
    report = CandidateImportReport()
    document_ids: list[int] = []
    for number, record in records:
        try:
            with transaction.atomic():
                _, created, document_id = candidate_import_row(
                    record=record, base_dir=base_dir, enqueue_extraction=enqueue_extraction
                )
        except (ValueError, ValidationError, ApplicationError) as error:
            report.errors.append({"row": number, "error": row_error_message(error)})
        else:
            report.created += int(created)
            report.updated += int(not created)
            if document_id is not None:
                report.documents += 1
                document_ids.append(document_id)
        if on_row is not None:
            on_row()
    if not enqueue_extraction:
        for document in documents_extract(
            document_ids=document_ids, workers=workers, on_document=on_document
        ):
            report.documents_failed += int(document.parse_status == "failed")
    return report
