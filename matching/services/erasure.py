"""What the matching engine holds about a candidate, erased on request (GDPR Art. 17).

Scores are rows of the candidate. Embeddings are keyed by a text's sha256, not by candidate, so
the texts this candidate's CVs were encoded as (raw and redacted CV text, the ESCO-standardised
sentence) are rebuilt from the documents, before those are deleted, and their rows removed
for every model. A row shared with an identical text of another candidate is only a cache: it
is encoded again when needed.
"""

import hashlib
from dataclasses import dataclass

from candidates.models import Candidate
from matching.core.redaction import redact
from matching.core.skills.standard_text import candidate_standard_text
from matching.models import EmbeddingRecord, OccupationReading
from matching.services.scoring import candidate_resume_text, resume_skills


@dataclass(frozen=True, slots=True)
class MatchDataErased:
    scores: int
    embeddings: int


def candidate_encoded_texts(candidate: Candidate) -> set[str]:
    """Every text FairMatch may have encoded for this candidate's CVs (or headline)."""
    texts: set[str] = set()
    for document in [*candidate.documents.all(), None]:
        text = candidate_resume_text(candidate, document)
        profile = document.profile if document is not None and document.profile else {}
        titles = [entry.get("title", "") for entry in profile.get("experience", [])]
        titles = [title for title in [candidate.headline, *titles] if title]
        texts |= {text, redact(text), candidate_standard_text(titles, resume_skills(profile, text))}
    return {text for text in texts if text}


def candidate_match_data_erase(*, candidate: Candidate) -> MatchDataErased:
    """Delete the candidate's scores and the embeddings of their texts; call before the CVs go."""
    hashes = {
        hashlib.sha256(text.encode("utf-8")).hexdigest()
        for text in candidate_encoded_texts(candidate)
    }
    embeddings, _ = EmbeddingRecord.objects.filter(text_sha256__in=hashes).delete()
    scores, _ = candidate.match_scores.all().delete()
    OccupationReading.objects.filter(candidate=candidate).delete()  # read from the CV text
    return MatchDataErased(scores=scores, embeddings=embeddings)
