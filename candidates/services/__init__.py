"""Candidate services: profiles (create, update, consent), export, erasure and CV documents."""

from candidates.services.erasure import candidate_erase
from candidates.services.export import candidate_export
from candidates.services.profiles import (
    CANDIDATE_EDITABLE_FIELDS,
    CANDIDATE_EMAIL_TAKEN,
    DuplicateCandidate,
    candidate_create,
    candidate_give_consent,
    candidate_update,
)

__all__ = [
    "CANDIDATE_EDITABLE_FIELDS",
    "CANDIDATE_EMAIL_TAKEN",
    "DuplicateCandidate",
    "candidate_create",
    "candidate_erase",
    "candidate_export",
    "candidate_give_consent",
    "candidate_update",
]
