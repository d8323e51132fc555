"""An occupation engine over the small synthetic ESCO and a bag-of-words encoder (no model)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pytest

from matching.core.occupations.esco_index import OccupationIndex, build_occupation_index
from matching.core.occupations.inference import DEFAULT_WEIGHTS
from matching.services import occupations
from matching.services.occupations import OccupationEngine, engine_version_of
from tests.matching.core.occupations.synthetic_esco import (
    BagOfWordsEncoder,
    skill,
    synthetic_taxonomy,
)

CHEF_CV = (
    "Head chef. Ran the kitchen of a restaurant: planned menus, controlled food costs, "
    "food safety, supervised the line cooks."
)
ACCOUNTANT_CV = (
    "Chartered accountant. Prepared financial statements and tax returns, audited accounts "
    "for small firms, kept spreadsheets."
)
# Words that stand for a synthetic ESCO skill (the real engine uses the ESCO skill matcher).
SKILL_WORDS = {
    "menus": "menu-planning",
    "food safety": "food-safety",
    "food costs": "food-costs",
    "financial statements": "financial-statements",
    "tax": "tax",
    "spreadsheets": "spreadsheets",
    "flight plans": "flight-plans",
    "programs": "programming",
}


@lru_cache(maxsize=1)
def synthetic_index() -> OccupationIndex:
    """Built once per test session (nine occupations, encoded in memory)."""
    return build_occupation_index(synthetic_taxonomy(), BagOfWordsEncoder(), cache_dir=None)


def synthetic_skills(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    return tuple(skill(name) for words, name in SKILL_WORDS.items() if words in lowered)


def synthetic_engine(*, tag: str = "") -> OccupationEngine:
    """A fresh engine (its own encoder, so ``engine.encoder.calls`` counts this test's encodes);
    ``tag`` changes its version, as a new ESCO release or new weights would."""
    index = synthetic_index()
    return OccupationEngine(
        index=index,
        encoder=BagOfWordsEncoder(),
        weights=replace(DEFAULT_WEIGHTS, classifier=0.0),
        skill_uris=synthetic_skills,
        domain_prior=lambda _text: None,
        version=engine_version_of(index, DEFAULT_WEIGHTS) + tag,
    )


def install_engine(monkeypatch: pytest.MonkeyPatch, engine: OccupationEngine) -> OccupationEngine:
    """Make ``engine`` the process's occupation engine for one test."""
    monkeypatch.setattr(occupations, "occupation_engine", lambda: engine)
    return engine
