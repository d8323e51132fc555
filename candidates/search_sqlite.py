# ruff: noqa: S608 -- every name in these statements is a module constant, never input.
"""SQLite FTS5 mirror of `CandidateSearchText` (external content, kept in sync by triggers).

Triggers, not the service, copy each write into the index, so that every way a row changes
(the service, a cascade delete, a test database flush) keeps the index exact.
"""

FTS_TABLE = "candidates_search_fts"
CONTENT_TABLE = "candidates_candidatesearchtext"
TRIGGERS = (
    "candidates_search_fts_insert",
    "candidates_search_fts_delete",
    "candidates_search_fts_update",
)

_DELETE_OLD = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, profile_terms, cv_terms) "
    "VALUES ('delete', old.candidate_id, old.profile_terms, old.cv_terms);"
)
_INSERT_NEW = (
    f"INSERT INTO {FTS_TABLE}(rowid, profile_terms, cv_terms) "
    "VALUES (new.candidate_id, new.profile_terms, new.cv_terms);"
)


def create_statements() -> list[str]:
    """The FTS5 table, its sync triggers, and the rebuild that indexes rows already there."""
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        f"profile_terms, cv_terms, content='{CONTENT_TABLE}', content_rowid='candidate_id')",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[0]} AFTER INSERT ON {CONTENT_TABLE} "
        f"BEGIN {_INSERT_NEW} END",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[1]} AFTER DELETE ON {CONTENT_TABLE} "
        f"BEGIN {_DELETE_OLD} END",
        f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[2]} AFTER UPDATE ON {CONTENT_TABLE} "
        f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    ]


def drop_statements() -> list[str]:
    """Undo `create_statements`."""
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS),
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
    ]


# Merges the index's segments: deleted rows' words leave the stored index (used on erasure).
OPTIMIZE = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"
# bm25 column weights: a word of the profile (name, headline, places) counts more than the CV's.
RANK_SQL = f"bm25({FTS_TABLE}, 4.0, 1.0)"
