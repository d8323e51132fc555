"""Who may open a candidate's original CV file (applications live here, so the rule does too).

- HR admins: any candidate not erased;
- recruiters: a candidate who applied to a vacancy (every vacancy is visible to every
  recruiter) or is an active talent-pool member, and any CV they uploaded themselves;
- a candidate: their own CVs;
- anyone else (API clients, other candidates, an expired talent-pool member's CV for a
  recruiter): none, answered as a missing file (404).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from ats_site.accounts.models import User
from candidates.models import Candidate, CandidateDocument
from vacancies.models import Application
from vacancies.selectors import talent_pool_active
from vacancies.workflow import ApplicationStatus


def _recruiter_visible_candidates() -> QuerySet[Candidate]:
    """Candidates in a vacancy's pipeline (not the talent pool) or in the active pool."""
    applied = Application.objects.filter(candidate=OuterRef("pk")).exclude(
        status=ApplicationStatus.TALENT_POOL.value
    )
    pooled = talent_pool_active().filter(candidate=OuterRef("pk"))
    return Candidate.objects.filter(Q(Exists(applied)) | Q(Exists(pooled)))


def cv_documents_openable(*, viewer: User, candidate: Candidate) -> QuerySet[CandidateDocument]:
    """The candidate's CV documents whose original file the viewer may open."""
    documents = CandidateDocument.objects.filter(candidate=candidate).defer("extracted_text")
    if candidate.is_anonymised or not viewer.is_active:
        return documents.none()
    if viewer.is_hr_admin:
        return documents
    if viewer.is_candidate:
        return documents if candidate.user_id == viewer.pk else documents.none()
    if viewer.is_recruiter:
        if _recruiter_visible_candidates().filter(pk=candidate.pk).exists():
            return documents
        return documents.filter(uploaded_by=viewer)
    return documents.none()


def cv_document_for_file_view(
    *, viewer: User, candidate_pk: int, document_pk: int
) -> CandidateDocument | None:
    """The document to serve, or None when it is missing or the viewer may not open it."""
    candidate = Candidate.objects.filter(pk=candidate_pk).first()
    if candidate is None:
        return None
    return cv_documents_openable(viewer=viewer, candidate=candidate).filter(pk=document_pk).first()
