"""Reader for the official ESCO CSV download (``skills_en.csv``, ``occupations_en.csv``, ...)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from matching.core.skills.types import (
    EscoOccupation,
    EscoSkill,
    EscoTaxonomy,
    OccupationSkillRelation,
    RelationType,
)

MISSING_COLUMNS = "{path}: not an ESCO {kind} CSV (missing columns: {columns})"
UNKNOWN_RELATION = "{path}: line {line}: unknown relation type {value!r}"

SKILL_COLUMNS = ("conceptUri", "preferredLabel", "altLabels", "description", "skillType")
OCCUPATION_COLUMNS = ("conceptUri", "preferredLabel", "altLabels", "iscoGroup", "description")
RELATION_COLUMNS = ("occupationUri", "relationType", "skillUri")
T = TypeVar("T")

RELATION_TYPES: tuple[RelationType, ...] = ("essential", "optional")

Row = dict[str, str]


def split_labels(value: str) -> tuple[str, ...]:
    """Split an ESCO ``altLabels`` cell (one label per line) into stripped, unique labels."""
    labels = (label.strip() for label in value.splitlines())
    return tuple(dict.fromkeys(label for label in labels if label))


def _rows(path: Path, kind: str, columns: tuple[str, ...]) -> Iterator[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(MISSING_COLUMNS.format(path=path, kind=kind, columns=missing))
        yield from reader


def _alt_labels(row: Row, preferred: str) -> tuple[str, ...]:
    return tuple(label for label in split_labels(row["altLabels"]) if label != preferred)


def read_skills(path: Path) -> tuple[EscoSkill, ...]:
    """Read ``skills_en.csv``.

    Args:
        path: the official ESCO skills CSV.

    Returns:
        One ``EscoSkill`` per row; alternative labels exclude the preferred label.

    Raises:
        ValueError: when a required column is missing.
        OSError: when the file cannot be read.
    """
    return tuple(
        EscoSkill(
            uri=row["conceptUri"].strip(),
            preferred_label=row["preferredLabel"].strip(),
            alt_labels=_alt_labels(row, row["preferredLabel"].strip()),
            description=row["description"].strip(),
            skill_type=row["skillType"].strip(),
        )
        for row in _rows(path, "skills", SKILL_COLUMNS)
    )


def read_occupations(path: Path) -> tuple[EscoOccupation, ...]:
    """Read ``occupations_en.csv``.

    Args:
        path: the official ESCO occupations CSV.

    Returns:
        One ``EscoOccupation`` per row.

    Raises:
        ValueError: when a required column is missing.
        OSError: when the file cannot be read.
    """
    return tuple(
        EscoOccupation(
            uri=row["conceptUri"].strip(),
            label=row["preferredLabel"].strip(),
            alt_labels=_alt_labels(row, row["preferredLabel"].strip()),
            isco_group=row["iscoGroup"].strip(),
            description=row["description"].strip(),
        )
        for row in _rows(path, "occupations", OCCUPATION_COLUMNS)
    )


def read_relations(path: Path) -> tuple[OccupationSkillRelation, ...]:
    """Read ``occupationSkillRelations.csv``.

    Args:
        path: the official ESCO occupation-skill relations CSV.

    Returns:
        One ``OccupationSkillRelation`` per row.

    Raises:
        ValueError: when a required column is missing or a relation type is unknown.
        OSError: when the file cannot be read.
    """
    relations = []
    for line, row in enumerate(_rows(path, "relations", RELATION_COLUMNS), start=2):
        value = row["relationType"].strip()
        if value not in RELATION_TYPES:
            raise ValueError(UNKNOWN_RELATION.format(path=path, line=line, value=value))
        relations.append(
            OccupationSkillRelation(
                occupation_uri=row["occupationUri"].strip(),
                skill_uri=row["skillUri"].strip(),
                relation_type="essential" if value == "essential" else "optional",
            )
        )
    return tuple(relations)


def _read_optional(path: Path | None, reader: Callable[[Path], tuple[T, ...]]) -> tuple[T, ...]:
    return reader(path) if path is not None else ()


def read_official_taxonomy(
    skills: Path, occupations: Path | None = None, relations: Path | None = None
) -> EscoTaxonomy:
    """Read the official ESCO CSV files into one ``EscoTaxonomy``.

    Args:
        skills: ``skills_en.csv``.
        occupations: ``occupations_en.csv`` or ``None``.
        relations: ``occupationSkillRelations.csv`` or ``None``.

    Returns:
        The taxonomy; parts whose path is ``None`` are empty.
    """
    return EscoTaxonomy(
        skills=read_skills(skills),
        occupations=_read_optional(occupations, read_occupations),
        relations=_read_optional(relations, read_relations),
    )
