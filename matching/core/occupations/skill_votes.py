"""A document's ESCO skills voting for occupations through the occupation-skill relations.

Each occupation is a vector over skills: ``relation weight * idf`` (essential 1.0, optional 0.5;
``idf = log(n_occupations / occupations linking the skill)``, so "use a computer" says little and
"prepare flight plans" much). A document is the idf vector of its distinct skills; its vote for
an occupation is the cosine of the two, in [0, 1]. Pure Python: no Django.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.core.skills.types import OccupationSkillRelation

RELATION_WEIGHTS = {"essential": 1.0, "optional": 0.5}


@dataclass(frozen=True, eq=False)
class SkillVotes:
    """Per skill: the occupation rows linking it and their normalised weights; and its idf."""

    n_occupations: int
    links: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]]
    idf: dict[str, float]

    def scores(self, skill_uris: Iterable[str]) -> npt.NDArray[np.float64]:
        """Cosine between the document's skills and every occupation's, shape (n_occupations,)."""
        votes = np.zeros(self.n_occupations)
        known = [uri for uri in dict.fromkeys(skill_uris) if uri in self.links]
        if not known:
            return votes
        for uri in known:
            rows, weights = self.links[uri]
            votes[rows] += self.idf[uri] * weights
        return votes / math.sqrt(sum(self.idf[uri] ** 2 for uri in known))


def build_skill_votes(
    uris: Sequence[str], relations: Iterable[OccupationSkillRelation]
) -> SkillVotes:
    """Index ``relations`` for the occupations ``uris`` (links to other occupations are dropped)."""
    row_of = {uri: row for row, uri in enumerate(uris)}
    pairs: dict[str, dict[int, float]] = defaultdict(dict)
    for relation in relations:
        row = row_of.get(relation.occupation_uri)
        if row is None:
            continue
        weight = RELATION_WEIGHTS[relation.relation_type]
        links = pairs[relation.skill_uri]
        links[row] = max(links.get(row, 0.0), weight)
    n = max(len(uris), 1)
    idf = {skill: math.log((n + 1) / (len(links) + 0.5)) for skill, links in pairs.items()}
    norms = np.zeros(len(uris))
    for skill, links in pairs.items():
        for row, weight in links.items():
            norms[row] += (weight * idf[skill]) ** 2
    norms = np.sqrt(np.where(norms == 0, 1.0, norms))
    indexed = {}
    for skill, links in pairs.items():
        rows = np.fromiter(links, dtype=np.int32, count=len(links))
        weights = np.array([links[row] for row in rows]) * idf[skill] / norms[rows]
        indexed[skill] = (rows, weights)
    return SkillVotes(n_occupations=len(uris), links=indexed, idf=idf)
