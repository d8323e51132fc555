"""A vacancy scored through the Django path reads its domain with the O*NET title blend."""

from pathlib import Path

import pytest

from matching.services.scoring import pairs_score
from tests.factories import VacancyFactory, candidate_with_parsed_cv
from tests.matching.onet_files import write_onet_folder

pytestmark = pytest.mark.django_db

PYTHON_CV = (
    "SUMMARY\nBackend developer with 6 years of experience.\n\nEXPERIENCE\n"
    "Python developer, Acme (2019 - present)\n- Built Django REST APIs on PostgreSQL.\n\n"
    "SKILLS\nPython, Django, PostgreSQL, Docker\n"
)


def _candidate():
    profile = {"skills": [], "years_total": 6, "has_summary": True, "experience_count": 1}
    return candidate_with_parsed_cv(PYTHON_CV, profile)


def test_vacancy_domain_score_and_explanation_follow_the_title_lookup(
    settings, tmp_path: Path
) -> None:
    # A deliberately wrong entry, so the blend's effect cannot be mistaken for the classifier's.
    folder = write_onet_folder(tmp_path / "onet", {"Backend Developer": "23-1011.00"})
    settings.MATCHING_ONET_DIR = str(folder)
    candidate = _candidate()
    vacancy = VacancyFactory(
        title="Python backend developer",
        description="Build Django REST APIs on PostgreSQL; Docker a plus.",
        required_skills=["Python", "Django", "PostgreSQL"],
    )

    settings.MATCHING_ONET_TITLE_WEIGHT = 0.0  # lookup off
    (plain,) = pairs_score([(candidate, vacancy, None)])
    settings.MATCHING_ONET_TITLE_WEIGHT = 0.9
    (blended,) = pairs_score([(candidate, vacancy, None)])

    assert plain.vacancy_domain == "technology"
    assert blended.vacancy_domain == "legal"  # what the vacancy page and the API show
    assert blended.candidate_domain == plain.candidate_domain == "technology"  # resumes: never
    before, after = plain.features["domain"], blended.features["domain"]
    assert (before["relation"], after["relation"]) == ("same", "different")
    # same_probability = resume . vacancy; the vacancy row keeps 0.1 of the classifier's mass.
    assert after["same_probability"] < 0.1 * before["same_probability"] + 0.05
    assert after["score"] < before["score"]
    assert blended.score < plain.score - 10  # the pipeline's score used the same blend
