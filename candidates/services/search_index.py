"""Keep the full-text search text of candidates in step with their profile and scored CV.

Called by every service that changes what is searched: profile create/update, a CV read,
chosen or deleted, the demo seed, and erasure (which removes the row). Sensitive attributes
are never read here.
"""

from django.db import connection

from candidates import search_sqlite
from candidates.models import Candidate, CandidateSearchText
from candidates.search_selectors import candidate_profile_parts
from candidates.search_text import index_text
from candidates.selectors import latest_parsed_document


def candidate_search_index_update(*, candidate: Candidate) -> CandidateSearchText | None:
    """Write the candidate's search text from the profile and the scored CV (erased: none)."""
    if candidate.is_anonymised:
        candidate_search_index_remove(candidate=candidate)
        return None
    document = latest_parsed_document(candidate=candidate)
    entry, _ = CandidateSearchText.objects.update_or_create(
        candidate=candidate,
        defaults={
            "profile_terms": index_text(candidate_profile_parts(candidate=candidate)),
            "cv_terms": index_text([document.extracted_text if document else ""]),
        },
    )
    return entry


def candidate_search_index_remove(*, candidate: Candidate) -> None:
    """Forget the candidate's search text, also inside the SQLite index's stored segments."""
    deleted, _ = CandidateSearchText.objects.filter(candidate=candidate).delete()
    if deleted and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(search_sqlite.OPTIMIZE)


def candidate_search_index_rebuild() -> int:
    """Write the search text of every candidate not erased; returns how many."""
    candidates = Candidate.objects.filter(is_anonymised=False).iterator()
    return sum(1 for candidate in candidates if candidate_search_index_update(candidate=candidate))
