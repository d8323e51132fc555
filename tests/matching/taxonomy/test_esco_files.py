"""The ESCO folder resolver and the official copy shipped with FairMatch."""

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from matching.core.skills.esco_csv import read_occupations, read_relations, read_skills
from matching.taxonomy.esco_files import (
    OCCUPATIONS_FILE,
    RELATIONS_FILE,
    SHARED_ESCO_DIR,
    SKILLS_FILE,
    official_esco_folder,
    read_manifest,
    shipped_esco_dir,
)
from matching.taxonomy.models import EscoSkill, OccupationSkillRelation
from tests.matching.core.skills.esco_fixture import write_esco_download
from tests.requirements import missing


def test_shared_folder_wins_over_the_shipped_copy(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    write_esco_download(tmp_path / "shared")

    folder = official_esco_folder(
        configured="", shared_dir=tmp_path / "shared", cache_dir=tmp_path / "cache"
    )

    assert (folder.origin, folder.path) == ("shared", tmp_path / "shared")
    assert not (tmp_path / "cache").exists()


def test_without_shared_the_shipped_copy_is_expanded_once_and_parses(tmp_path: Path) -> None:
    folder = official_esco_folder(
        configured="", shared_dir=tmp_path / "absent", cache_dir=tmp_path / "cache"
    )
    manifest = read_manifest()

    assert folder.origin == "shipped"
    assert "ESCO v1.1.1" in (folder.path / "SOURCE.txt").read_text(encoding="utf-8")
    files = manifest["files"]
    assert len(read_skills(folder.file(SKILLS_FILE))) == files[SKILLS_FILE]["rows"] == 13896
    assert len(read_occupations(folder.file(OCCUPATIONS_FILE))) == 3007
    assert len(read_relations(folder.file(RELATIONS_FILE))) == 123855
    before = folder.file(SKILLS_FILE).stat().st_mtime_ns
    assert shipped_esco_dir(cache_dir=tmp_path / "cache") == folder.path
    assert folder.file(SKILLS_FILE).stat().st_mtime_ns == before


def test_a_damaged_shipped_copy_is_refused(tmp_path: Path) -> None:
    shipped = Path(read_manifest.__defaults__[0])  # type: ignore[index]
    copy = tmp_path / "shipped"
    copy.mkdir()
    for path in shipped.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    manifest = json.loads((copy / "MANIFEST.json").read_text())
    manifest["files"][SKILLS_FILE]["sha256"] = "0" * 64
    (copy / "MANIFEST.json").write_text(json.dumps(manifest))

    with pytest.raises(ValueError, match="damaged"):
        shipped_esco_dir(shipped_dir=copy, cache_dir=tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []


@pytest.mark.shared_data
def test_shipped_labels_equal_the_official_files() -> None:
    if not SHARED_ESCO_DIR.is_dir():
        missing(f"{SHARED_ESCO_DIR} is absent: the comparison reads ../shared/data/esco")
    shipped = shipped_esco_dir()
    for name, label in ((SKILLS_FILE, "preferredLabel"), (OCCUPATIONS_FILE, "preferredLabel")):
        with (SHARED_ESCO_DIR / name).open(encoding="utf-8", newline="") as handle:
            official = {
                row["conceptUri"]: (row[label], row["altLabels"]) for row in csv.DictReader(handle)
            }
        with (shipped / name).open(encoding="utf-8", newline="") as handle:
            ours = {
                row["conceptUri"]: (row[label], row["altLabels"]) for row in csv.DictReader(handle)
            }
        assert ours == official


@pytest.mark.django_db
def test_import_of_the_shipped_copy_has_official_labels_and_relations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHING_ESCO_DIR", str(shipped_esco_dir(cache_dir=tmp_path)))
    out = StringIO()

    call_command("import_esco", "--json", stdout=out, stderr=StringIO())

    summary = json.loads(out.getvalue())
    assert (summary["skills"], summary["occupations"]) == (13896, 3007)
    assert summary["relations"] == OccupationSkillRelation.objects.count() > 100_000
    assert (
        EscoSkill.objects.get(
            uri="http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"
        ).preferred_label
        == "manage musical staff"
    )
