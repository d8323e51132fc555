"""Writes to the taxonomy: the idempotent ESCO import (bulk upsert on URI)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction

from matching.core.skills import ALIASES
from matching.core.skills import types as core
from matching.taxonomy.models import (
    EscoOccupation,
    EscoSkill,
    OccupationSkillRelation,
    TaxonomySource,
)

BATCH_SIZE = 2000
ModelT = TypeVar("ModelT", bound=models.Model)
ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class TaxonomyImportCounts:
    """Rows written by one import (the same on every run over the same files)."""

    skills: int
    occupations: int
    relations: int
    aliases: int
    skipped_relations: int


def _search_text(labels: Iterable[str]) -> str:
    return "\n".join(dict.fromkeys(label.lower() for label in labels if label))


def _skill_row(skill: core.EscoSkill, source: str) -> EscoSkill:
    return EscoSkill(
        uri=skill.uri,
        preferred_label=skill.preferred_label[:255],
        alt_labels=list(skill.alt_labels),
        description=skill.description,
        skill_type=skill.skill_type[:64],
        source=source,
        search_text=_search_text((skill.preferred_label, *skill.alt_labels)),
    )


def _alias_row(alias: core.SkillAlias) -> EscoSkill:
    return EscoSkill(
        uri=alias.uri,
        preferred_label=alias.label,
        alt_labels=[term for term in alias.terms if term != alias.label],
        skill_type=alias.category,
        source=TaxonomySource.FAIRMATCH,
        search_text=_search_text((alias.label, *alias.terms)),
    )


def _occupation_row(occupation: core.EscoOccupation, source: str) -> EscoOccupation:
    return EscoOccupation(
        uri=occupation.uri,
        label=occupation.label[:255],
        alt_labels=list(occupation.alt_labels),
        isco_group=occupation.isco_group[:16],
        description=occupation.description,
        source=source,
    )


def _upsert(
    model: type[ModelT],
    rows: Sequence[ModelT],
    *,
    unique_fields: list[str],
    update_fields: list[str],
    step: str,
    on_progress: ProgressCallback | None,
) -> None:
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        model._default_manager.bulk_create(
            batch, update_conflicts=True, unique_fields=unique_fields, update_fields=update_fields
        )
        if on_progress is not None:
            on_progress(step, start + len(batch), len(rows))


def _ids_by_uri(model: type[EscoSkill] | type[EscoOccupation]) -> dict[str, int]:
    return dict(model._default_manager.values_list("uri", "id"))


def _relation_rows(
    relations: Sequence[core.OccupationSkillRelation],
) -> tuple[list[OccupationSkillRelation], int]:
    skill_ids, occupation_ids = _ids_by_uri(EscoSkill), _ids_by_uri(EscoOccupation)
    rows: dict[tuple[int, int], OccupationSkillRelation] = {}
    skipped = 0
    for relation in relations:
        skill_id = skill_ids.get(relation.skill_uri)
        occupation_id = occupation_ids.get(relation.occupation_uri)
        if skill_id is None or occupation_id is None:
            skipped += 1
            continue
        rows[(occupation_id, skill_id)] = OccupationSkillRelation(
            occupation_id=occupation_id, skill_id=skill_id, relation_type=relation.relation_type
        )
    return list(rows.values()), skipped


SKILL_FIELDS = ["preferred_label", "alt_labels", "description", "skill_type", "source"]
OCCUPATION_FIELDS = ["label", "alt_labels", "isco_group", "description", "source"]


@transaction.atomic
def taxonomy_import(
    *,
    taxonomy: core.EscoTaxonomy,
    source: TaxonomySource,
    on_progress: ProgressCallback | None = None,
) -> TaxonomyImportCounts:
    """Upsert skills, occupations, relations and the curated aliases; safe to run again.

    Relations whose skill or occupation is unknown are skipped and counted.
    """
    skills = list({skill.uri: _skill_row(skill, source) for skill in taxonomy.skills}.values())
    known = {row.uri for row in skills}
    aliases = [_alias_row(alias) for alias in ALIASES if alias.uri not in known]
    fields: dict[str, Any] = {"unique_fields": ["uri"], "on_progress": on_progress}
    skill_fields = [*SKILL_FIELDS, "search_text", "updated_at"]
    _upsert(EscoSkill, skills, update_fields=skill_fields, step="skills", **fields)
    _upsert(EscoSkill, aliases, update_fields=skill_fields, step="aliases", **fields)
    occupations = list(
        {item.uri: _occupation_row(item, source) for item in taxonomy.occupations}.values()
    )
    occupation_fields = [*OCCUPATION_FIELDS, "updated_at"]
    _upsert(
        EscoOccupation, occupations, update_fields=occupation_fields, step="occupations", **fields
    )
    relations, skipped = _relation_rows(taxonomy.relations)
    _upsert(
        OccupationSkillRelation,
        relations,
        unique_fields=["occupation", "skill"],
        update_fields=["relation_type", "updated_at"],
        step="relations",
        on_progress=on_progress,
    )
    return TaxonomyImportCounts(
        skills=len(skills),
        occupations=len(occupations),
        relations=len(relations),
        aliases=len(aliases),
        skipped_relations=skipped,
    )
