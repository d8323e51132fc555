"""The ESCO occupations a recruiter may choose for a vacancy: lookup and autocomplete.

Read once per process from the same official CSVs the occupation engine indexes
(``official_esco_folder()``: ``MATCHING_ESCO_DIR``, ``../shared/data/esco`` or the shipped copy),
so a chosen occupation is always one the engine knows.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from matching.core.occupations.esco_index import read_isco_groups
from matching.core.skills.esco_csv import read_occupations
from matching.taxonomy.esco_files import GROUPS_FILE, OCCUPATIONS_FILE, official_esco_folder

OCCUPATION_AUTOCOMPLETE_MAX = 50


@dataclass(frozen=True, slots=True)
class CatalogueOccupation:
    """One ESCO occupation: URI, preferred label, ISCO unit group and its title."""

    uri: str
    label: str
    isco_code: str
    isco_label: str
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Catalogue:
    occupations: tuple[CatalogueOccupation, ...]
    by_uri: dict[str, CatalogueOccupation]
    by_label: dict[str, CatalogueOccupation]


@functools.cache
def _catalogue() -> _Catalogue:
    folder = official_esco_folder()
    groups = read_isco_groups(folder.file(GROUPS_FILE))
    occupations = tuple(
        sorted(
            (
                CatalogueOccupation(
                    uri=row.uri,
                    label=row.label,
                    isco_code=row.isco_group,
                    isco_label=groups.get(row.isco_group, ""),
                    alt_labels=tuple(row.alt_labels),
                )
                for row in read_occupations(folder.file(OCCUPATIONS_FILE))
            ),
            key=lambda occupation: occupation.label,
        )
    )
    by_label = {occupation.label.lower(): occupation for occupation in occupations}
    return _Catalogue(occupations, {o.uri: o for o in occupations}, by_label)


def occupation_get(*, uri: str) -> CatalogueOccupation | None:
    """The ESCO occupation with this URI, or None."""
    return _catalogue().by_uri.get(uri.strip())


def occupation_resolve(*, value: str) -> CatalogueOccupation | None:
    """The occupation a recruiter typed: its URI or its preferred label (any case), or None."""
    text = " ".join(value.split())
    return occupation_get(uri=text) or _catalogue().by_label.get(text.lower())


def occupation_autocomplete(*, query: str, limit: int = 10) -> list[CatalogueOccupation]:
    """Occupations matching ``query``: label prefixes first, then labels, then alternative
    labels containing it (shortest first); a number matches ISCO codes by prefix."""
    needle = " ".join(query.lower().split())
    limit = max(0, min(limit, OCCUPATION_AUTOCOMPLETE_MAX))
    if not needle or limit == 0:
        return []
    occupations = _catalogue().occupations
    if needle.isdigit():
        return [o for o in occupations if o.isco_code.startswith(needle)][:limit]

    def rank(occupation: CatalogueOccupation) -> tuple[int, int, str] | None:
        label = occupation.label.lower()
        if label.startswith(needle):
            return (0, len(label), label)
        if needle in label:
            return (1, len(label), label)
        if any(needle in alternative.lower() for alternative in occupation.alt_labels):
            return (2, len(label), label)
        return None

    ranked = [(key, o) for o in occupations if (key := rank(o)) is not None]
    return [occupation for _, occupation in sorted(ranked, key=lambda pair: pair[0])[:limit]]
