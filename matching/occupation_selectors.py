"""Reads of the stored occupation readings: what a CV or a vacancy reads as, and filters by it.

Imports no vacancies module at run time, so candidate pages and APIs may use it. The
readings are engine output about a document's text (ESCO occupations, ISCO groups, the
derived domain), not sensitive attributes: recruiters may see and filter by them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Exists, Model, OuterRef, Prefetch, QuerySet

from candidates.models import Candidate
from matching.core.occupations.domains import DOMAIN_KEYS
from matching.core.occupations.isco_domains import isco_to_domain
from matching.core.occupations.profile import OccupationCandidate, OccupationProfile
from matching.models import OccupationReading, OccupationReadingEntry

if TYPE_CHECKING:
    from vacancies.models import Vacancy


@dataclass(frozen=True, slots=True)
class ReadOccupation:
    """One ESCO occupation a CV or vacancy reads as."""

    label: str
    uri: str
    isco_code: str
    isco_label: str
    confidence: float

    def reads_as(self) -> str:
        """'Accountant (ESCO), 0.82'."""
        return f"{self.label[:1].upper()}{self.label[1:]} (ESCO), {self.confidence:.2f}"


@dataclass(frozen=True, slots=True)
class OccupationSummary:
    """A subject's top occupations, its derived domain, and (vacancies) the recruiter's choice."""

    occupations: tuple[ReadOccupation, ...]
    domain: str
    engine_version: str
    chosen: ReadOccupation | None = None

    @property
    def top(self) -> ReadOccupation | None:
        """The occupation in use: the recruiter's choice, else the most confident reading."""
        if self.chosen is not None:
            return self.chosen
        return self.occupations[0] if self.occupations else None


def _entries_prefetch() -> Prefetch[str]:
    return Prefetch("entries", queryset=OccupationReadingEntry.objects.order_by("rank"))


ModelT = TypeVar("ModelT", bound=Model)


def with_occupation_readings(queryset: QuerySet[ModelT], *paths: str) -> QuerySet[ModelT]:
    """``queryset`` with the readings at ``paths`` (e.g. "occupation_reading",
    "candidate__occupation_reading") and their entries loaded: two queries per path, any size."""
    for path in paths:
        queryset = queryset.select_related(path).prefetch_related(
            Prefetch(f"{path}__entries", queryset=OccupationReadingEntry.objects.order_by("rank"))
        )
    return queryset


def _read(entry: OccupationReadingEntry) -> ReadOccupation:
    return ReadOccupation(
        entry.label, entry.uri, entry.isco_code, entry.isco_label, float(entry.confidence)
    )


def _chosen(vacancy: Vacancy) -> ReadOccupation | None:
    if not vacancy.chosen_occupation_uri:
        return None
    return ReadOccupation(
        vacancy.chosen_occupation_label,
        vacancy.chosen_occupation_uri,
        vacancy.chosen_occupation_isco_code,
        "",
        1.0,
    )


def _summary(
    reading: OccupationReading | None, chosen: ReadOccupation | None = None
) -> OccupationSummary | None:
    if reading is None:
        return OccupationSummary((), "", "", chosen) if chosen is not None else None
    occupations = tuple(_read(entry) for entry in reading.entries.all())
    return OccupationSummary(occupations, reading.domain, reading.engine_version, chosen)


def candidate_occupations(*, candidate_ids: Iterable[int]) -> dict[int, OccupationSummary]:
    """Each candidate's stored reading of their scored CV, in two queries (ranking rows)."""
    readings = (
        OccupationReading.objects.filter(candidate_id__in=list(candidate_ids))
        .only("candidate_id", "domain", "engine_version")
        .prefetch_related(_entries_prefetch())
    )
    summaries = {reading.candidate_id: _summary(reading) for reading in readings}
    return {pk: summary for pk, summary in summaries.items() if pk and summary is not None}


def vacancy_occupations(*, vacancy: Vacancy) -> OccupationSummary | None:
    """A vacancy's reading with the recruiter's chosen occupation, if any (None: neither yet)."""
    reading = (
        OccupationReading.objects.filter(vacancy=vacancy)
        .prefetch_related(_entries_prefetch())
        .first()
    )
    return _summary(reading, _chosen(vacancy))


def _stored_profile(reading: OccupationReading | None) -> OccupationProfile | None:
    if reading is None or not reading.profile:
        return None
    try:
        return OccupationProfile.from_json(reading.profile)
    except (KeyError, TypeError, ValueError):  # written by an older format: the sweep redoes it
        return None


def candidate_occupation_profiles(*, candidate_ids: Iterable[int]) -> dict[int, OccupationProfile]:
    """The engine's stored profiles of the candidates' scored CVs (for occupation fit)."""
    readings = OccupationReading.objects.filter(candidate_id__in=list(candidate_ids)).only(
        "candidate_id", "profile"
    )
    profiles = {reading.candidate_id: _stored_profile(reading) for reading in readings}
    return {pk: profile for pk, profile in profiles.items() if pk and profile is not None}


def vacancy_occupation_profile(*, vacancy: Vacancy) -> OccupationProfile | None:
    """The vacancy's profile, the recruiter's chosen occupation first when there is one.

    A chosen occupation counts as certain (confidence 1) and sets the domain through its ISCO
    group; the engine's other readings follow it.
    """
    stored = _stored_profile(OccupationReading.objects.filter(vacancy=vacancy).first())
    chosen = _chosen(vacancy)
    if chosen is None:
        return stored
    mapped = isco_to_domain(chosen.isco_code)
    domain = mapped.value if mapped is not None else (stored.domain if stored else "")
    confidence = 1.0 if mapped is not None else (stored.domain_confidence if stored else 0.0)
    head = OccupationCandidate(
        chosen.uri, chosen.label, chosen.isco_code, "", domain or None, 1.0, (("chosen", 1.0),)
    )
    others = tuple(
        item for item in (stored.occupations if stored else ()) if item.uri != chosen.uri
    )
    probabilities = stored.domain_probabilities if stored else ()
    if mapped is not None:  # the chosen occupation settles the domain
        probabilities = tuple(float(key == mapped.value) for key in DOMAIN_KEYS)
    return OccupationProfile(
        occupations=(head, *others),
        domain=domain,
        domain_confidence=confidence,
        domain_probabilities=probabilities,
        esco_version=stored.esco_version if stored else "",
    )


def candidates_filter_by_occupation(
    queryset: QuerySet[Candidate], *, occupation_uri: str = "", isco_group: str = ""
) -> QuerySet[Candidate]:
    """Candidates whose scored CV reads as the occupation (top 3), or one in the ISCO group.

    ``isco_group`` is any prefix of a four-digit ISCO code: "2" major, "241" minor, "2411" unit.
    """
    entries = OccupationReadingEntry.objects.filter(reading__candidate=OuterRef("pk"))
    if occupation_uri:
        queryset = queryset.filter(Exists(entries.filter(uri=occupation_uri)))
    if isco_group:
        queryset = queryset.filter(Exists(entries.filter(isco_code__startswith=isco_group)))
    return queryset
