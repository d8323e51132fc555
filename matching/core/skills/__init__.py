"""ESCO skills taxonomy: readers, curated aliases, normalisation and fast extraction.

Pure Python (no Django): the Django app ``matching.taxonomy`` stores what these readers return.
"""

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
    "vacancy_standard_text",
]
