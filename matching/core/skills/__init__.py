"""ESCO skills taxonomy: readers, curated aliases, normalisation and fast extraction.

Pure Python (no Django): the Django app ``matching.taxonomy`` stores what these readers return.

Public names: ``__all__``; those in ``_LAZY`` load on first use (``matching.core.lazy_exports``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matching.core.lazy_exports import lazy_exports
from matching.core.skills.aliases import ALIASES
from matching.core.skills.esco_csv import read_official_taxonomy
from matching.core.skills.matcher import (
    SkillMatcher,
    build_matcher,
    default_matcher,
    extract_skills,
)
from matching.core.skills.packaged import read_packaged_taxonomy
from matching.core.skills.standard_text import candidate_standard_text, vacancy_standard_text
from matching.core.skills.types import (
    EscoOccupation,
    EscoSkill,
    EscoTaxonomy,
    OccupationSkillRelation,
    SkillAlias,
    SkillMatch,
)

if TYPE_CHECKING:
    from matching.core.skills.esco_csv import read_skills

# Public name -> the module that defines it (imported on first access).
_LAZY: dict[str, str] = {
    "read_skills": "matching.core.skills.esco_csv",
}


__all__ = [
    "ALIASES",
    "EscoOccupation",
    "EscoSkill",
    "EscoTaxonomy",
    "OccupationSkillRelation",
    "SkillAlias",
    "SkillMatch",
    "SkillMatcher",
    "build_matcher",
    "candidate_standard_text",
    "default_matcher",
    "extract_skills",
    "read_official_taxonomy",
    "read_packaged_taxonomy",
    "read_skills",
    "vacancy_standard_text",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
