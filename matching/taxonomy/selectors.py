"""Reads of the taxonomy: autocomplete and the skill matcher built from the database."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from django.db import DatabaseError
from django.db.models import Count, Max
from django.db.models.functions import Length

from matching.core.skills import SkillMatcher, build_matcher, read_skills
from matching.core.skills import types as core
from matching.taxonomy.esco_files import SKILLS_FILE, official_esco_folder
from matching.taxonomy.models import EscoSkill

AUTOCOMPLETE_MAX = 50
_matcher_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class _CachedMatcher:
    version: tuple[int, object]
    matcher: SkillMatcher


_cache: dict[str, _CachedMatcher] = {}


def skill_autocomplete(*, query: str, limit: int = 10) -> list[EscoSkill]:
    """Skills whose labels contain ``query``: preferred-label prefixes first, shortest first."""
    needle = " ".join(query.lower().split())
    limit = max(0, min(limit, AUTOCOMPLETE_MAX))
    if not needle or limit == 0:
        return []
    shortest_first = (Length("preferred_label").asc(), "preferred_label")
    prefixed = list(
        EscoSkill.objects.filter(preferred_label__istartswith=needle).order_by(*shortest_first)[
            :limit
        ]
    )
    others = (
        EscoSkill.objects.filter(search_text__contains=needle)
        .exclude(pk__in=[skill.pk for skill in prefixed])
        .order_by(*shortest_first)[: limit - len(prefixed)]
    )
    return prefixed + list(others)


def taxonomy_skills() -> list[core.EscoSkill]:
    """Every skill in the database as core dataclasses (curated aliases included)."""
    rows = EscoSkill.objects.values_list(
        "uri", "preferred_label", "alt_labels", "description", "skill_type"
    )
    return [
        core.EscoSkill(uri, label, tuple(alt_labels or ()), description, skill_type)
        for uri, label, alt_labels, description, skill_type in rows.iterator(chunk_size=5000)
    ]


def _taxonomy_version() -> tuple[int, object]:
    stats = EscoSkill.objects.aggregate(count=Count("id"), updated=Max("updated_at"))
    return stats["count"], stats["updated"]


@functools.cache
def official_matcher() -> SkillMatcher:
    """The matcher over the official ESCO skills of ``official_esco_dir()``, built once."""
    return build_matcher(read_skills(official_esco_folder().file(SKILLS_FILE)))


def skill_matcher_get() -> SkillMatcher:
    """The matcher over the imported taxonomy, rebuilt only when the taxonomy changed.

    Falls back to the official ESCO skills of ``official_esco_dir()`` (``../shared/data/esco``
    or the copy shipped with FairMatch, plus the curated aliases) when nothing was imported yet
    or the tables do not exist.
    """
    try:
        version = _taxonomy_version()
    except DatabaseError:
        return official_matcher()
    if version[0] == 0:
        return official_matcher()
    with _matcher_lock:
        cached = _cache.get("database")
        if cached is None or cached.version != version:
            cached = _CachedMatcher(version, build_matcher(taxonomy_skills()))
            _cache["database"] = cached
        return cached.matcher


def skill_matcher_in_use() -> SkillMatcher:
    """``skill_matcher_get()``, or the official ESCO matcher where the database cannot be read
    (a process without one, a test that does not use it): postings are read with it."""
    try:
        return skill_matcher_get()
    except RuntimeError:  # pytest-django blocks database access outside db tests
        return official_matcher()
