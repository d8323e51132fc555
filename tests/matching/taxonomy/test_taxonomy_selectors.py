from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from matching.taxonomy.selectors import skill_autocomplete, skill_matcher_get
from tests.matching.core.skills.esco_fixture import PYTHON_ID, SKILL, write_esco_download

pytestmark = pytest.mark.django_db


@pytest.fixture
def taxonomy(tmp_path: Path) -> None:
    skills, occupations, relations = write_esco_download(tmp_path)
    call_command(
        "import_esco",
        f"--skills={skills}",
        f"--occupations={occupations}",
        f"--relations={relations}",
        stdout=StringIO(),
        stderr=StringIO(),
    )


@pytest.mark.usefixtures("taxonomy")
def test_skill_autocomplete_puts_label_prefixes_first() -> None:
    labels = [skill.preferred_label for skill in skill_autocomplete(query="py", limit=4)]

    assert labels == ["PyTorch", "Python (computer programming)", "NumPy", "Apache Spark"]


@pytest.mark.usefixtures("taxonomy")
def test_skill_autocomplete_searches_alternative_labels() -> None:
    labels = [skill.preferred_label for skill in skill_autocomplete(query="Staff of MUSIC")]

    assert labels == ["manage musical staff"]


@pytest.mark.usefixtures("taxonomy")
def test_skill_autocomplete_respects_the_limit_and_blank_queries() -> None:
    assert len(skill_autocomplete(query="a", limit=3)) == 3
    assert skill_autocomplete(query="   ", limit=3) == []
    assert skill_autocomplete(query="python", limit=0) == []


@pytest.mark.usefixtures("taxonomy")
def test_skill_matcher_get_uses_the_imported_taxonomy() -> None:
    matches = skill_matcher_get().extract("I direct musical staff and write Python.")

    assert [(m.label, m.uri) for m in matches] == [
        ("manage musical staff", SKILL + "music-staff"),
        ("Python", SKILL + PYTHON_ID),
    ]


def test_skill_matcher_get_falls_back_to_the_official_esco_on_an_empty_database() -> None:
    matches = skill_matcher_get().extract("We need Kubernetes and project management.")

    assert [m.label for m in matches] == ["Kubernetes", "project management"]
