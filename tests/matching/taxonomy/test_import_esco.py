import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from matching.core.skills.aliases import ALIASES
from matching.taxonomy.models import (
    EscoOccupation,
    EscoSkill,
    OccupationSkillRelation,
    TaxonomySource,
)
from tests.matching.core.skills.esco_fixture import (
    OCCUPATION,
    PYTHON_ID,
    SKILL,
    write_esco_download,
)
from tests.requirements import require_shared

pytestmark = pytest.mark.django_db


def _import(*args: str) -> dict[str, float]:
    out = StringIO()
    call_command("import_esco", *args, "--json", stdout=out, stderr=StringIO())
    summary: dict[str, float] = json.loads(out.getvalue())
    return summary


def _paths(folder: Path) -> list[str]:
    skills, occupations, relations = write_esco_download(folder)
    return [
        f"--skills={skills}",
        f"--occupations={occupations}",
        f"--relations={relations}",
    ]


def _table_sizes() -> tuple[int, int, int]:
    return (
        EscoSkill.objects.count(),
        EscoOccupation.objects.count(),
        OccupationSkillRelation.objects.count(),
    )


def test_import_esco_reads_the_official_csvs(tmp_path: Path) -> None:
    summary = _import(*_paths(tmp_path))

    assert set(summary) == {"skills", "occupations", "relations", "seconds"}
    assert (summary["skills"], summary["occupations"], summary["relations"]) == (2, 1, 2)
    skill = EscoSkill.objects.get(uri=SKILL + PYTHON_ID)
    assert skill.preferred_label == "Python (computer programming)"
    assert skill.alt_labels == ["Python", "Python programming"]
    assert skill.skill_type == "knowledge"
    assert skill.source == TaxonomySource.OFFICIAL
    relation = OccupationSkillRelation.objects.get(skill=skill)
    assert relation.occupation.uri == OCCUPATION + "developer"
    assert relation.relation_type == OccupationSkillRelation.RelationType.ESSENTIAL


def test_import_esco_adds_the_curated_aliases_esco_lacks(tmp_path: Path) -> None:
    _import(*_paths(tmp_path))

    docker = EscoSkill.objects.get(uri="fairmatch:skill/docker")
    assert docker.preferred_label == "Docker"
    assert docker.source == TaxonomySource.FAIRMATCH
    # The Python alias relabels the ESCO skill of the fixture; the others get their own rows.
    assert EscoSkill.objects.filter(source=TaxonomySource.FAIRMATCH).count() == len(ALIASES) - 1


def test_import_esco_twice_gives_the_same_counts_and_no_duplicates(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    first = _import(*paths)
    sizes = _table_sizes()

    second = _import(*paths)

    assert {key: second[key] for key in ("skills", "occupations", "relations")} == {
        key: first[key] for key in ("skills", "occupations", "relations")
    }
    assert _table_sizes() == sizes == (1 + len(ALIASES), 1, 2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--skills=/no/such/skills.csv"], "/no/such/skills.csv: no such file"),
        (["--occupations=/tmp/o.csv"], "--occupations and --relations need --skills"),
    ],
)
def test_import_esco_rejects_bad_paths(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("import_esco", *args, "--json", stdout=StringIO())

    assert _table_sizes() == (0, 0, 0)


def test_import_esco_rejects_a_file_in_another_format(tmp_path: Path) -> None:
    wrong = tmp_path / "skills.csv"
    wrong.write_text("id,description\nx,y\n", encoding="utf-8")

    with pytest.raises(CommandError, match="not an ESCO skills CSV"):
        call_command("import_esco", f"--skills={wrong}", stdout=StringIO())

    assert _table_sizes() == (0, 0, 0)


def test_import_esco_without_paths_reads_the_resolved_official_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_esco_download(tmp_path)
    monkeypatch.setenv("MATCHING_ESCO_DIR", str(tmp_path))

    default = _import()
    explicit = _import(*_paths(tmp_path))

    assert default["relations"] >= 1
    assert {key: default[key] for key in ("skills", "occupations", "relations")} == {
        key: explicit[key] for key in ("skills", "occupations", "relations")
    }
    assert EscoSkill.objects.get(uri=SKILL + PYTHON_ID).source == TaxonomySource.OFFICIAL


def test_import_esco_with_a_configured_folder_lacking_files_fails_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHING_ESCO_DIR", str(tmp_path))

    with pytest.raises(CommandError, match="MATCHING_ESCO_DIR=.*missing skills_en.csv"):
        call_command("import_esco", stdout=StringIO(), stderr=StringIO())


@pytest.mark.shared_data
def test_import_esco_of_the_real_skills_file_is_idempotent() -> None:
    skills = require_shared("esco", "skills_en.csv")

    first = _import(f"--skills={skills}")
    size = EscoSkill.objects.count()
    second = _import(f"--skills={skills}")

    assert first["skills"] == second["skills"] == 13896
    assert EscoSkill.objects.count() == size
    assert (
        EscoSkill.objects.get(uri=SKILL + PYTHON_ID).preferred_label
        == "Python (computer programming)"
    )
