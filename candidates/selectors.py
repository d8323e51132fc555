"""Reads of candidates, scoped by who is looking. Sensitive attributes are never selected here."""

from django.db.models import Q, QuerySet

from ats_site.accounts.models import User
from candidates.models import Candidate, CandidateDocument


def candidate_list(*, viewer: User, search: str = "") -> QuerySet[Candidate]:
    """Candidates the viewer may see: staff and API clients see all, a candidate only themself."""
    queryset = Candidate.objects.all()
    if viewer.is_candidate:
        queryset = queryset.filter(user=viewer)
    elif not (viewer.is_staff_member or viewer.is_api_client):
        return Candidate.objects.none()
    if search:
        queryset = queryset.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
            | Q(headline__icontains=search)
        )
    return queryset


def candidate_for_user(*, user: User) -> Candidate | None:
    """The candidate profile linked to a candidate login, if any."""
    return Candidate.objects.filter(user=user).first()


def document_list(*, viewer: User, candidate: Candidate) -> QuerySet[CandidateDocument]:
    """A candidate's documents, newest first, if the viewer may see that candidate."""
    visible = candidate_list(viewer=viewer).filter(pk=candidate.pk).exists()
    if not visible:
        return CandidateDocument.objects.none()
    return CandidateDocument.objects.filter(candidate=candidate).defer("extracted_text")


# The scored CV: the selected one, else the newest whose text was extracted.
SCORED_CV_ORDER = ("-is_selected", "-created_at", "-pk")


def latest_parsed_document(*, candidate: Candidate) -> CandidateDocument | None:
    """The candidate's scored CV: the one selected, else the newest successfully parsed."""
    return (
        CandidateDocument.objects.filter(
            candidate=candidate, parse_status=CandidateDocument.ParseStatus.PARSED
        )
        .order_by(*SCORED_CV_ORDER)
        .first()
    )


def documents_failed_for_uploader(
    *, uploader: User, limit: int = 20
) -> QuerySet[CandidateDocument]:
    """CVs this user uploaded whose text could not be extracted, newest first."""
    return (
        CandidateDocument.objects.filter(
            uploaded_by=uploader, parse_status=CandidateDocument.ParseStatus.FAILED
        )
        .select_related("candidate")
        .defer("extracted_text")
        .order_by("-created_at", "-pk")[:limit]
    )


def latest_cv_by_candidate(*, candidate_ids: list[int]) -> dict[int, CandidateDocument]:
    """The scored CV of each candidate (selected, else latest parsed), in one query."""
    documents = (
        CandidateDocument.objects.filter(
            candidate_id__in=candidate_ids, parse_status=CandidateDocument.ParseStatus.PARSED
        )
        .only("candidate_id", "extracted_text", "profile", "created_at", "is_selected")
        .order_by("candidate_id", *SCORED_CV_ORDER)
    )
    latest: dict[int, CandidateDocument] = {}
    for document in documents:
        latest.setdefault(document.candidate_id, document)
    return latest


def candidate_search(*, viewer: User, search: str = "", region: str = "") -> QuerySet[Candidate]:
    """Candidates the viewer may see, filtered by free text and region."""
    queryset = candidate_list(viewer=viewer, search=search)
    if region:
        queryset = queryset.filter(region=region)
    return queryset


def candidate_region_choices(*, viewer: User) -> list[str]:
    """The distinct non-empty regions of the candidates the viewer may see, sorted."""
    regions = candidate_list(viewer=viewer).exclude(region="").values_list("region", flat=True)
    return sorted(set(regions))


def candidate_documents_with_text(
    *, viewer: User, candidate: Candidate
) -> QuerySet[CandidateDocument]:
    """A candidate's documents with their extracted text, if the viewer may see them."""
    return document_list(viewer=viewer, candidate=candidate).defer(None)
