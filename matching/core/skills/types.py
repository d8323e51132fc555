"""Frozen value types of the ESCO skills taxonomy and of skill extraction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RelationType = Literal["essential", "optional"]
AliasCategory = Literal["technology", "education", "general"]


@dataclass(frozen=True, slots=True)
class EscoSkill:
    """One ESCO skill or knowledge concept."""

    uri: str
    preferred_label: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""
    skill_type: str = ""


@dataclass(frozen=True, slots=True)
class EscoOccupation:
    """One ESCO occupation."""

    uri: str
    label: str
    alt_labels: tuple[str, ...] = ()
    isco_group: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class OccupationSkillRelation:
    """An essential or optional link from an occupation to a skill."""

    occupation_uri: str
    skill_uri: str
    relation_type: RelationType


@dataclass(frozen=True, slots=True)
class EscoTaxonomy:
    """Skills, occupations and their relations, as read from one source."""

    skills: tuple[EscoSkill, ...]
    occupations: tuple[EscoOccupation, ...] = ()
    relations: tuple[OccupationSkillRelation, ...] = ()


@dataclass(frozen=True, slots=True)
class SkillAlias:
    """A curated canonical skill with the surface forms people write for it.

    ``terms`` match case-insensitively; ``case_sensitive_terms`` only with the exact case
    (after punctuation normalisation); ``context_terms`` are case-sensitive and are kept only
    when another technology skill is mentioned close by (``"R"``, ``"C"``, ``"Go"``).
    """

    label: str
    uri: str
    terms: tuple[str, ...] = ()
    case_sensitive_terms: tuple[str, ...] = ()
    context_terms: tuple[str, ...] = ()
    category: AliasCategory = "technology"


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """A canonical skill found in a text, with every ``(start, end)`` span it occurs at."""

    label: str
    uri: str
    spans: tuple[tuple[int, int], ...]
