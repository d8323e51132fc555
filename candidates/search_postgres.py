"""PostgreSQL full-text search of `CandidateSearchText`: one vector expression, GIN-indexed.

The migration indexes exactly `search_vector()` and the selector filters and ranks on it, so
the planner uses the index. The 'simple' configuration neither stems nor drops stop words:
the words were already folded (`candidates.search_text`), as on SQLite.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models.expressions import CombinedExpression

CONFIG = "simple"
GIN_INDEX_NAME = "candidate_search_text_gin"
# ts_rank weights for D, C, B, A: profile words (A) count four times as much as CV words (B).
RANK_WEIGHTS = [0.0, 0.0, 0.25, 1.0]


def search_vector(prefix: str = "") -> CombinedExpression:
    """Profile words weighted A, CV words B; `prefix` reaches the fields through a relation."""
    return SearchVector(f"{prefix}profile_terms", config=CONFIG, weight="A") + SearchVector(
        f"{prefix}cv_terms", config=CONFIG, weight="B"
    )


def search_query(raw: str) -> SearchQuery:
    """A to_tsquery query from `search_text.tsquery_raw`."""
    return SearchQuery(raw, search_type="raw", config=CONFIG)


def gin_index() -> GinIndex:
    """The GIN index over `search_vector()` that migration 0006 adds on PostgreSQL."""
    return GinIndex(search_vector(), name=GIN_INDEX_NAME)
