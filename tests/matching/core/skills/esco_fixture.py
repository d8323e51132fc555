"""A tiny ESCO download in the official CSV format, written by the tests that need it."""

import csv
from pathlib import Path

SKILL = "http://data.europa.eu/esco/skill/"
OCCUPATION = "http://data.europa.eu/esco/occupation/"
PYTHON_ID = "ccd0a1d9-afda-43d9-b901-96344886e14d"

SKILLS = [
    {
        "conceptType": "KnowledgeSkillCompetence",
        "conceptUri": SKILL + PYTHON_ID,
        "skillType": "knowledge",
        "preferredLabel": "Python (computer programming)",
        "altLabels": "Python\nPython programming\nPython (computer programming)",
        "description": "The techniques of software development in Python.",
    },
    {
        "conceptType": "KnowledgeSkillCompetence",
        "conceptUri": SKILL + "music-staff",
        "skillType": "skill/competence",
        "preferredLabel": "manage musical staff",
        "altLabels": "manage staff of music\ndirect musical staff",
        "description": "Assign and manage staff tasks.",
    },
]
OCCUPATIONS = [
    {
        "conceptType": "Occupation",
        "conceptUri": OCCUPATION + "developer",
        "iscoGroup": "2512",
        "preferredLabel": "software developer",
        "altLabels": "programmer\nsoftware engineer",
        "description": "Software developers write code.",
    }
]
RELATIONS = [
    {
        "occupationUri": OCCUPATION + "developer",
        "relationType": "essential",
        "skillType": "knowledge",
        "skillUri": SKILL + PYTHON_ID,
    },
    {
        "occupationUri": OCCUPATION + "developer",
        "relationType": "optional",
        "skillType": "skill/competence",
        "skillUri": SKILL + "music-staff",
    },
    {
        "occupationUri": OCCUPATION + "developer",
        "relationType": "optional",
        "skillType": "knowledge",
        "skillUri": SKILL + "not-in-the-skills-file",
    },
]


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_esco_download(folder: Path) -> tuple[Path, Path, Path]:
    """Write skills_en.csv, occupations_en.csv and occupationSkillRelations.csv."""
    return (
        _write(folder / "skills_en.csv", SKILLS),
        _write(folder / "occupations_en.csv", OCCUPATIONS),
        _write(folder / "occupationSkillRelations.csv", RELATIONS),
    )
