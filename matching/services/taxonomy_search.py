"""Embedding search over the taxonomy: a phrase to its nearest ESCO skill, a job title to its
nearest ESCO occupation (and so to the occupation's essential and optional skills).

Label vectors are computed once per process (and kept in the embedding store, so a restart does
not encode them again); each search is one BLAS product.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from matching.core.encoding.chunking import encode_documents
from matching.core.retrieval.retrieval import top_k
from matching.core.types import FloatArray
from matching.services.encoders import DatabaseEmbeddingStore, default_encoder
from matching.taxonomy.models import EscoOccupation, EscoSkill, OccupationSkillRelation

SKILL_MATCH_THRESHOLD = 0.75
OCCUPATION_MATCH_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class LabelIndex:
    ids: tuple[int, ...]
    vectors: FloatArray


@dataclass(frozen=True, slots=True)
class NearestSkill:
    skill: EscoSkill
    cosine: float


@dataclass(frozen=True, slots=True)
class OccupationMatch:
    occupation: EscoOccupation
    cosine: float
    essential_skills: tuple[str, ...]
    optional_skills: tuple[str, ...]


def _index(rows: list[tuple[int, str]]) -> LabelIndex:
    if not rows:
        return LabelIndex((), np.zeros((0, default_encoder().dimension), dtype=np.float32))
    vectors = encode_documents(
        [label for _, label in rows], default_encoder(), store=DatabaseEmbeddingStore()
    ).vectors
    return LabelIndex(tuple(pk for pk, _ in rows), vectors)


@lru_cache(maxsize=4)
def _skill_index(taxonomy_size: int) -> LabelIndex:
    del taxonomy_size  # part of the cache key: a new import builds a new index
    return _index(list(EscoSkill.objects.order_by("pk").values_list("pk", "preferred_label")))


@lru_cache(maxsize=4)
def _occupation_index(taxonomy_size: int) -> LabelIndex:
    del taxonomy_size
    return _index(list(EscoOccupation.objects.order_by("pk").values_list("pk", "label")))


def _query(text: str) -> FloatArray:
    return encode_documents([text], default_encoder(), kind="query").vectors[0]


def skill_nearest(*, phrase: str, threshold: float = SKILL_MATCH_THRESHOLD) -> NearestSkill | None:
    """The ESCO skill closest in meaning to `phrase`, if its cosine reaches `threshold`."""
    index = _skill_index(EscoSkill.objects.count())
    if not phrase.strip() or not index.ids:
        return None
    best = top_k(index.vectors, _query(phrase), 1)
    cosine = float(best.scores[0])
    if cosine < threshold:
        return None
    return NearestSkill(EscoSkill.objects.get(pk=index.ids[int(best.indices[0])]), cosine)


def occupation_match(
    *, title: str, threshold: float = OCCUPATION_MATCH_THRESHOLD
) -> OccupationMatch | None:
    """The ESCO occupation nearest to a job title, with its essential and optional skills."""
    index = _occupation_index(EscoOccupation.objects.count())
    if not title.strip() or not index.ids:
        return None
    best = top_k(index.vectors, _query(title), 1)
    cosine = float(best.scores[0])
    if cosine < threshold:
        return None
    occupation = EscoOccupation.objects.get(pk=index.ids[int(best.indices[0])])
    relations = OccupationSkillRelation.objects.filter(occupation=occupation).select_related(
        "skill"
    )
    essential = sorted(r.skill.preferred_label for r in relations if r.relation_type == "essential")
    optional = sorted(r.skill.preferred_label for r in relations if r.relation_type == "optional")
    return OccupationMatch(occupation, cosine, tuple(essential), tuple(optional))
