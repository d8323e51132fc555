"""Embedding search over the taxonomy: nearest skill and nearest occupation."""

import pytest

from matching.services.taxonomy_search import occupation_match, skill_nearest
from matching.taxonomy.models import EscoOccupation, EscoSkill, OccupationSkillRelation

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_taxonomy():
    skills = {
        label: EscoSkill.objects.create(
            uri=f"http://data.europa.eu/esco/skill/{n}", preferred_label=label, source="official"
        )
        for n, label in enumerate(
            ["Python (computer programming)", "patient care", "manage budgets"]
        )
    }
    developer = EscoOccupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/dev",
        label="software developer",
        source="official",
    )
    EscoOccupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/nurse",
        label="nurse responsible for general care",
        source="official",
    )
    OccupationSkillRelation.objects.create(
        occupation=developer,
        skill=skills["Python (computer programming)"],
        relation_type="essential",
    )
    OccupationSkillRelation.objects.create(
        occupation=developer, skill=skills["manage budgets"], relation_type="optional"
    )
    return skills


def test_a_paraphrase_maps_to_its_nearest_skill(small_taxonomy):
    nearest = skill_nearest(phrase="caring for patients", threshold=0.5)

    assert nearest is not None
    assert nearest.skill.preferred_label == "patient care"
    assert 0.5 <= nearest.cosine <= 1.0


def test_an_unrelated_phrase_maps_to_nothing_above_the_threshold(small_taxonomy):
    assert skill_nearest(phrase="medieval tapestry restoration", threshold=0.75) is None


def test_a_job_title_maps_to_its_occupation_and_its_skills(small_taxonomy):
    match = occupation_match(title="Senior Python Software Developer")

    assert match is not None
    assert match.occupation.label == "software developer"
    assert match.essential_skills == ("Python (computer programming)",)
    assert match.optional_skills == ("manage budgets",)


def test_empty_inputs_match_nothing(small_taxonomy):
    assert skill_nearest(phrase="  ") is None
    assert occupation_match(title="") is None
