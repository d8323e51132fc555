"""Full-text search over profiles and scored CVs: the same results on SQLite FTS5 and
PostgreSQL, ranked, with a snippet; erased candidates and sensitive attributes never found.

Run on PostgreSQL too with DATABASE_URL=postgres://... (as .ci/run does).
"""

import pytest
from django.db import connection

from ats_site.accounts.models import User
from candidates.models import Candidate, CandidateDocument, CandidateSearchText
from candidates.search_selectors import candidate_text_search
from candidates.services import candidate_create, candidate_erase, candidate_update
from candidates.services.cv_choice import document_delete
from candidates.services.documents import document_extract
from candidates.services.search_index import candidate_search_index_rebuild
from candidates.services.uploads import cv_upload
from tests.factories import CandidateFactory, SensitiveAttributesFactory, candidate_with_parsed_cv

pytestmark = pytest.mark.django_db

KUBERNETES_CV = (
    "Site reliability engineer. Ran Kubernetes clusters and Terraform for a payments firm; "
    "on call for the Kafka platform."
)


def _names(viewer: User, query: str, **kwargs) -> list[str]:
    return [
        hit.candidate.full_name
        for hit in candidate_text_search(viewer=viewer, query=query, **kwargs)
    ]


def _read_cv(candidate: Candidate, text: str, name: str = "cv.txt") -> CandidateDocument:
    """A CV uploaded and read through the product's own services (as the worker does)."""
    document = cv_upload(candidate=candidate, data=text.encode(), original_name=name).document
    return document_extract(document_id=document.pk)


def test_words_of_the_cv_text_find_the_candidate_with_a_marked_snippet(recruiter: User) -> None:
    candidate = candidate_create(first_name="Ines", last_name="Moreau", email="ines@example.com")
    _read_cv(candidate, KUBERNETES_CV)
    candidate_create(first_name="Paul", last_name="Roux", email="paul@example.com")

    results = candidate_text_search(viewer=recruiter, query="kubernetes terraform")
    hits = list(results[0:10])

    assert len(results) == 1
    assert [hit.candidate.pk for hit in hits] == [candidate.pk]
    assert "<mark>Kubernetes</mark> clusters and <mark>Terraform</mark>" in hits[0].snippet
    assert hits[0].rank > 0


def test_prefixes_case_and_accents_are_ignored_and_every_word_must_match(recruiter: User) -> None:
    candidate_with_parsed_cv(
        "Développeur Python senior, Lyon.", first_name="Léa", last_name="Dupont", headline=""
    )
    candidate_with_parsed_cv("Java developer.", first_name="Marc", last_name="Petit", headline="")

    assert _names(recruiter, "developpeur") == ["Léa Dupont"]
    assert _names(recruiter, "PYTH") == ["Léa Dupont"]
    assert _names(recruiter, "lea") == ["Léa Dupont"]
    assert _names(recruiter, "python java") == []
    assert sorted(_names(recruiter, "develop")) == ["Léa Dupont", "Marc Petit"]
    assert _names(recruiter, "  ;;; ") == []


def test_a_profile_match_ranks_above_a_cv_only_match(recruiter: User) -> None:
    candidate_with_parsed_cv(
        "Backend work. " * 30 + "Some Kafka.", first_name="Cv", last_name="Only", headline="Dev"
    )
    candidate_with_parsed_cv(
        "Kafka streams.", first_name="Head", last_name="Line", headline="Kafka engineer"
    )

    hits = list(candidate_text_search(viewer=recruiter, query="kafka")[0:5])

    assert [hit.candidate.full_name for hit in hits] == ["Head Line", "Cv Only"]
    assert hits[0].rank > hits[1].rank


def test_snippet_escapes_the_cv_text(recruiter: User) -> None:
    candidate_with_parsed_cv("Python <script>alert(1)</script> dev", first_name="X", last_name="Y")

    hit = candidate_text_search(viewer=recruiter, query="alert")[0]

    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in hit.snippet


def test_sensitive_attributes_are_never_searchable(recruiter: User) -> None:
    candidate = CandidateFactory.create(first_name="Nora", last_name="Ba")
    SensitiveAttributesFactory.create(
        candidate=candidate, nationality="Zanzibarian", ethnicity="Quxethnic", gender="female"
    )
    candidate_search_index_rebuild()

    assert _names(recruiter, "zanzibarian") == []
    assert _names(recruiter, "quxethnic") == []
    assert _names(recruiter, "female") == []
    entry = CandidateSearchText.objects.get(candidate=candidate)
    assert "zanzibarian" not in entry.profile_terms + entry.cv_terms


def test_an_erased_candidate_is_never_found_and_their_search_text_is_gone(
    recruiter: User, django_capture_on_commit_callbacks
) -> None:
    candidate = candidate_create(first_name="Wilma", last_name="Kuyper", email="w@example.com")
    _read_cv(candidate, "Hydrographic surveyor, Westerschelde dredging.")
    assert _names(recruiter, "westerschelde") == ["Wilma Kuyper"]

    with django_capture_on_commit_callbacks(execute=True):
        candidate_erase(candidate=candidate, erased_by=recruiter)
    candidate_search_index_rebuild()

    assert _names(recruiter, "westerschelde") == []
    assert _names(recruiter, "erased") == []
    assert not CandidateSearchText.objects.filter(candidate=candidate).exists()


def test_the_search_follows_the_cv_used_for_scoring_and_profile_edits(recruiter: User) -> None:
    candidate = candidate_create(first_name="Sam", last_name="Lee", email="sam@example.com")
    old = _read_cv(candidate, "Fortran numerical modelling.", "old.txt")
    _read_cv(candidate, "Rust embedded firmware.", "new.txt")

    assert _names(recruiter, "rust") == ["Sam Lee"]
    assert _names(recruiter, "fortran") == []
    document_delete(document=candidate.documents.get(original_name="new.txt"), deleted_by=None)
    assert _names(recruiter, "fortran") == ["Sam Lee"]
    document_delete(document=old, deleted_by=None)
    assert _names(recruiter, "fortran") == []
    candidate_update(candidate=candidate, data={"headline": "Quantum chemist"})
    assert _names(recruiter, "quantum") == ["Sam Lee"]


def test_viewer_scope_and_a_narrower_candidate_set_apply(
    recruiter: User, candidate_user: User
) -> None:
    mine = candidate_with_parsed_cv("Golang services.", first_name="Own", last_name="Profile")
    Candidate.objects.filter(pk=mine.pk).update(user=candidate_user)
    candidate_with_parsed_cv("Golang tooling.", first_name="Some", last_name="One")

    assert _names(candidate_user, "golang") == ["Own Profile"]
    assert sorted(_names(recruiter, "golang")) == ["Own Profile", "Some One"]
    only = Candidate.objects.filter(last_name="One")
    assert _names(recruiter, "golang", candidates=only) == ["Some One"]


def test_results_paginate_best_first(recruiter: User) -> None:
    for index in range(7):
        candidate_with_parsed_cv("Scala " * (index + 1), first_name=f"P{index}", last_name="Z")

    results = candidate_text_search(viewer=recruiter, query="scala")
    first, second = list(results[0:4]), list(results[4:8])

    assert len(results) == 7
    assert len(first) == 4
    assert len(second) == 3
    ranks = [hit.rank for hit in first + second]
    assert ranks == sorted(ranks, reverse=True)
    assert len({hit.candidate.pk for hit in first + second}) == 7


def test_the_database_index_is_in_place() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            names = {row[0] for row in cursor.fetchall()}
            assert {
                "candidates_search_fts_insert",
                "candidates_search_fts_delete",
                "candidates_search_fts_update",
            } <= names
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'candidate_search_text_gin'"
            )
            (definition,) = cursor.fetchone()
            assert "USING gin" in definition
            assert "to_tsvector" in definition


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plan")
def test_postgresql_search_uses_the_gin_index(recruiter: User) -> None:
    for index in range(30):
        candidate_with_parsed_cv(f"Word{index} text", first_name=f"N{index}", last_name="Q")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        results = candidate_text_search(viewer=recruiter, query="word7")
        sql, params = _explained_query(results)
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")

    assert "candidate_search_text_gin" in plan


def _explained_query(results) -> tuple[str, tuple]:
    from candidates import search_postgres
    from candidates.search_text import tsquery_raw

    query = search_postgres.search_query(tsquery_raw(results.terms))
    queryset = (
        CandidateSearchText.objects.annotate(document=search_postgres.search_vector())
        .filter(document=query)
        .values("candidate_id")
    )
    return queryset.query.sql_with_params()
