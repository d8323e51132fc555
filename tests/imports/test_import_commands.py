"""import_vacancies and import_candidates: idempotent, per-row errors, CVs attached."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from candidates.models import Candidate, CandidateDocument
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db


def _run(command: str, *args: str) -> dict:
    out = StringIO()
    call_command(command, *args, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_import_vacancies_from_jsonl_is_idempotent_and_reports_bad_rows(tmp_path):
    source = tmp_path / "vacancies.jsonl"
    rows = [
        {
            "external_id": "v1",
            "title": "Data engineer",
            "required_skills": ["Python", "SQL"],
            "experience_min_years": 2,
            "status": "open",
        },
        {"external_id": "v2", "title": "", "description": "no title"},
        {
            "external_id": "v3",
            "title": "Nurse",
            "experience_min_years": 5,
            "experience_max_years": 1,
        },
    ]
    source.write_text("\n".join(json.dumps(row) for row in rows) + "\n")

    first = _run("import_vacancies", str(source))
    second = _run("import_vacancies", str(source))

    assert (first["created"], first["updated"]) == (1, 0)
    assert (second["created"], second["updated"]) == (0, 1)
    assert [error["row"] for error in first["errors"]] == [2, 3]
    assert first["errors"][0]["error"] == "missing 'title'"
    vacancy = Vacancy.objects.get()
    assert (vacancy.required_skills, vacancy.status) == (["Python", "SQL"], "open")


def test_import_candidates_from_csv_with_cv_text_and_cv_path(tmp_path):
    (tmp_path / "ada.txt").write_text("SUMMARY\nEngineer.\n\nSKILLS\nPython\n")
    (tmp_path / "bad.pdf").write_bytes(b"MZ\x90\x00 not a pdf")
    source = tmp_path / "candidates.csv"
    source.write_text(
        "first_name,last_name,email,region,mobility_regions,cv_path,cv_text\n"
        "Ada,Lovelace,ADA@example.com,Occitanie,Bretagne;Normandie,ada.txt,\n"
        'Alan,Turing,alan@example.com,,,,"SUMMARY\nMathematician."\n'
        "Bad,File,bad@example.com,,,bad.pdf,\n"
        "No,Email,,,,,\n",
        encoding="utf-8",
    )

    report = _run("import_candidates", str(source))
    again = _run("import_candidates", str(source))

    assert (report["created"], report["documents"]) == (2, 2)
    assert (again["created"], again["updated"], again["documents"]) == (0, 2, 0)
    assert {error["error"] for error in report["errors"]} >= {"missing 'email'"}
    assert len(report["errors"]) == 2
    ada = Candidate.objects.get(email="ada@example.com")
    assert ada.mobility_regions == ["Bretagne", "Normandie"]
    document = CandidateDocument.objects.get(candidate=ada)
    assert document.parse_status == "parsed"
    assert "Engineer." in document.extracted_text
    assert not Candidate.objects.filter(email="bad@example.com").exists()


def test_import_of_a_missing_file_fails_with_one_line():
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_candidates", "/nonexistent/candidates.jsonl")
