"""Which CV is scored: chosen by the candidate or a recruiter, or deleted by them.

A document is scored only once its text was extracted: a pending or failed upload never
replaces the CV in use. Choosing or deleting touches the scored document's `updated_at`, so the
stale-score sweep re-scores the candidate's applications with the CV now in use.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError
from candidates.models import CandidateDocument
from candidates.selectors import latest_parsed_document
from candidates.services.search_index import candidate_search_index_update
from matching.services.enqueue import candidate_occupations_enqueue

CV_NOT_READABLE = "Only a CV whose text was read can be used for scoring."


class CvNotReadable(ApplicationError):
    status_code = 400


def _mark_selected(document: CandidateDocument) -> CandidateDocument:
    CandidateDocument.objects.filter(candidate_id=document.candidate_id, is_selected=True).exclude(
        pk=document.pk
    ).update(is_selected=False)
    document.is_selected = True
    document.updated_at = timezone.now()
    document.save(update_fields=["is_selected", "updated_at"])
    candidate_search_index_update(candidate=document.candidate)
    return document


@transaction.atomic
def document_select(*, document: CandidateDocument, selected_by: User | None) -> CandidateDocument:
    """Make this (parsed) CV the one scored for its candidate."""
    del selected_by  # who chose is not kept: the choice is the candidate's data, not an event
    if document.parse_status != CandidateDocument.ParseStatus.PARSED:
        raise CvNotReadable(CV_NOT_READABLE, {"document": document.pk})
    candidate_occupations_enqueue(candidate_id=document.candidate_id)
    return _mark_selected(document)


def document_select_after_extraction(*, document: CandidateDocument) -> CandidateDocument:
    """A newly read CV becomes the scored one (called by the worker once its text is in)."""
    with transaction.atomic():
        return _mark_selected(document)


@transaction.atomic
def document_delete(*, document: CandidateDocument, deleted_by: User | None) -> None:
    """Delete a CV and its file; the newest remaining readable CV becomes the scored one.

    With no readable CV left, the candidate's scores go too: they were computed from text that
    no longer exists, and are computed again from the profile when needed.
    """
    del deleted_by
    candidate = document.candidate
    if document.file.name:
        transaction.on_commit(partial(document.file.storage.delete, document.file.name))
    document.delete()
    candidate_occupations_enqueue(candidate_id=candidate.pk)
    remaining = latest_parsed_document(candidate=candidate)
    if remaining is not None:
        _mark_selected(remaining)
    else:
        candidate.match_scores.all().delete()
        candidate_search_index_update(candidate=candidate)
