import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

CV = "Backend developer: Python, Django and PostgreSQL on AWS.\nDocker daily."


def test_extract_skills_json_has_the_contract_shape(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_text(CV, encoding="utf-8")
    out = StringIO()

    call_command("extract_skills", str(path), "--json", stdout=out)

    result = json.loads(out.getvalue())
    assert set(result) == {"skills", "seconds"}
    assert isinstance(result["seconds"], float)
    assert [skill["label"] for skill in result["skills"]] == [
        "Python",
        "Django",
        "PostgreSQL",
        "Amazon Web Services (AWS)",
        "Docker",
    ]
    for skill in result["skills"]:
        assert set(skill) == {"label", "uri", "spans"}
        assert all(CV[start:end].lower() in skill["label"].lower() for start, end in skill["spans"])
    assert result["skills"][1] == {
        "label": "Django",
        "uri": "fairmatch:skill/django",
        "spans": [[27, 33]],
    }


def test_extract_skills_rejects_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("extract_skills", str(tmp_path / "absent.txt"), "--json")


def test_extract_skills_rejects_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "cv.pdf"
    path.write_bytes(b"%PDF-1.4 \xff\xfe\x00\x81")

    with pytest.raises(CommandError, match="cannot read the file as UTF-8 text"):
        call_command("extract_skills", str(path), "--json")
