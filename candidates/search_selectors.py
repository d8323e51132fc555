"""Full-text search over candidates' profiles and scored CVs, ranked, with a snippet.

One behaviour on both databases: PostgreSQL full-text search (GIN-indexed vector, ts_rank) or
SQLite FTS5 (bm25). Every word of the query must match the start of a word of the profile
(name, headline, city, regions) or of the CV used for scoring, accents and case ignored;
profile matches rank higher. Erased candidates are never found, sensitive attributes are never
indexed, and the viewer's scoping (`candidate_list`) applies.
"""

from dataclasses import dataclass
from functools import cached_property
from typing import Any, overload

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from ats_site.accounts.models import User
from candidates import search_postgres, search_sqlite
from candidates.models import Candidate, CandidateSearchText
from candidates.search_text import fts5_match as _fts5_match
from candidates.search_text import query_terms, snippet_html, tsquery_raw
from candidates.selectors import candidate_list, latest_cv_by_candidate


@dataclass(frozen=True, slots=True)
class CandidateSearchHit:
    """One found candidate: its rank (higher is better) and an HTML snippet with <mark>s."""

    candidate: Candidate
    rank: float
    snippet: SafeString


def candidate_profile_parts(*, candidate: Candidate) -> list[str]:
    """The profile texts that search reads: name, headline, city, region, mobility regions."""
    parts = [
        candidate.first_name,
        candidate.last_name,
        candidate.headline,
        candidate.city,
        candidate.region,
    ]
    return parts + [str(region) for region in candidate.mobility_regions or []]


def _ranked_postgresql(
    visible: QuerySet[Candidate], terms: list[str], offset: int, limit: int
) -> list[tuple[int, float]]:
    vector = search_postgres.search_vector()
    query = search_postgres.search_query(tsquery_raw(terms))
    rows = (
        CandidateSearchText.objects.filter(candidate__in=visible.values("pk"))
        .annotate(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(vector, query, weights=search_postgres.RANK_WEIGHTS))
        .order_by("-rank", "candidate_id")
        .values_list("candidate_id", "rank")
    )
    return [(pk, float(rank)) for pk, rank in rows[offset : offset + limit]]


def _count_postgresql(visible: QuerySet[Candidate], terms: list[str]) -> int:
    query = search_postgres.search_query(tsquery_raw(terms))
    return (
        CandidateSearchText.objects.filter(candidate__in=visible.values("pk"))
        .annotate(document=search_postgres.search_vector())
        .filter(document=query)
        .count()
    )


def _sqlite_where(visible: QuerySet[Candidate], terms: list[str]) -> tuple[str, list[Any]]:
    sql, params = visible.order_by().values("pk").query.sql_with_params()
    table = search_sqlite.FTS_TABLE
    return f"{table} MATCH %s AND rowid IN ({sql})", [_fts5_match(terms), *params]


def _ranked_sqlite(
    visible: QuerySet[Candidate], terms: list[str], offset: int, limit: int
) -> list[tuple[int, float]]:
    where, params = _sqlite_where(visible, terms)
    rank = search_sqlite.RANK_SQL
    sql = (
        f"SELECT rowid, {rank} FROM {search_sqlite.FTS_TABLE} WHERE {where} "  # noqa: S608
        f"ORDER BY {rank}, rowid LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        # bm25 is lower for better matches: negated so that higher is better, as ts_rank.
        return [(pk, -float(bm25)) for pk, bm25 in cursor.fetchall()]


def _count_sqlite(visible: QuerySet[Candidate], terms: list[str]) -> int:
    where, params = _sqlite_where(visible, terms)
    sql = f"SELECT count(*) FROM {search_sqlite.FTS_TABLE} WHERE {where}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def _snippet(candidate: Candidate, cv_text: str, terms: list[str]) -> SafeString:
    profile = " · ".join(part for part in candidate_profile_parts(candidate=candidate) if part)
    found = snippet_html(cv_text, terms) or snippet_html(profile, terms)
    # snippet_html escapes the text and adds only <mark> elements.
    return mark_safe(found)  # noqa: S308


class CandidateSearchResults:
    """Lazy ranked results for a Paginator: len() counts, a slice loads one page."""

    def __init__(self, *, visible: QuerySet[Candidate], terms: list[str]) -> None:
        self.visible = visible
        self.terms = terms
        self.is_postgresql = connection.vendor == "postgresql"

    @cached_property
    def total(self) -> int:
        """How many candidates match."""
        if not self.terms:
            return 0
        if self.is_postgresql:
            return _count_postgresql(self.visible, self.terms)
        return _count_sqlite(self.visible, self.terms)

    def count(self) -> int:
        """The Paginator's count."""
        return self.total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> CandidateSearchHit: ...

    @overload
    def __getitem__(self, index: slice) -> list[CandidateSearchHit]: ...

    def __getitem__(self, index: int | slice) -> CandidateSearchHit | list[CandidateSearchHit]:
        if isinstance(index, int):
            hits = self.page(offset=index, limit=1)
            if not hits:
                raise IndexError(index)
            return hits[0]
        start, stop, _ = index.indices(self.total)
        return self.page(offset=start, limit=max(0, stop - start))

    def ranked_ids(self) -> list[int]:
        """Every matching candidate's id, best first (no snippets loaded)."""
        if not self.terms:
            return []
        ranked = (_ranked_postgresql if self.is_postgresql else _ranked_sqlite)(
            self.visible, self.terms, 0, max(self.total, 1)
        )
        return [pk for pk, _ in ranked]

    def page(self, *, offset: int, limit: int) -> list[CandidateSearchHit]:
        """Hits `offset` to `offset + limit`, best first, each with its snippet."""
        if not self.terms or limit <= 0:
            return []
        ranked = (_ranked_postgresql if self.is_postgresql else _ranked_sqlite)(
            self.visible, self.terms, offset, limit
        )
        ids = [pk for pk, _ in ranked]
        candidates = Candidate.objects.in_bulk(ids)
        cvs = latest_cv_by_candidate(candidate_ids=ids)
        return [
            CandidateSearchHit(
                candidate=candidates[pk],
                rank=rank,
                snippet=_snippet(
                    candidates[pk], getattr(cvs.get(pk), "extracted_text", ""), self.terms
                ),
            )
            for pk, rank in ranked
            if pk in candidates
        ]


def candidate_text_search(
    *, viewer: User, query: str, candidates: QuerySet[Candidate] | None = None
) -> CandidateSearchResults:
    """Candidates the viewer may see (within `candidates` if given) matching every word of
    `query` in their profile or scored CV, best first; paginate or slice the result."""
    visible = candidate_list(viewer=viewer).filter(is_anonymised=False)
    if candidates is not None:
        visible = visible.filter(pk__in=candidates.values("pk"))
    return CandidateSearchResults(visible=visible, terms=query_terms(query))


def candidates_filter_by_text(queryset: QuerySet[Candidate], *, query: str) -> QuerySet[Candidate]:
    """`queryset` narrowed to the candidates whose profile or scored CV matches `query` (the
    caller has already scoped it to what its viewer may see); a blank query keeps all."""
    terms = query_terms(query)
    if not terms:
        return queryset
    visible = queryset.filter(is_anonymised=False)
    return queryset.filter(pk__in=CandidateSearchResults(visible=visible, terms=terms).ranked_ids())
