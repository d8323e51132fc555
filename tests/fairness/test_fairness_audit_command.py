import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from fairness.core.decision_log import ERROR_BAD_OUTCOME, ERROR_FILE_MISSING
from fairness.management.commands.fairness_audit import ERROR_NO_ATTRIBUTE
from fairness.models import AuditReport
from fairness.services import ERROR_NO_VACANCY, ERROR_NOT_COLLECTED
from matching.models import MatchScore
from tests.factories import ApplicationFactory, SensitiveAttributesFactory, VacancyFactory
from vacancies.models import Vacancy
from vacancies.services import application_move

LOG_ROWS = (
    ["black,f,1,90"] * 2
    + ["black,f,0,10"] * 4
    + ["white,m,1,80"] * 4
    + ["white,m,0,20"] * 2
    + ["white,f,1,85"] * 3
    + ["asian,m,1,50"] * 2
    + ["not disclosed,f,1,5"]
)


@pytest.fixture
def decision_log(tmp_path: Path) -> Path:
    path = tmp_path / "decisions.csv"
    path.write_text("\n".join(["race,gender,selected,score", *LOG_ROWS]) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> str:
    out = StringIO()
    call_command("fairness_audit", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_decision_log_json_follows_the_contract_and_is_stored(decision_log: Path) -> None:
    output = _run("--decisions", str(decision_log), "--attribute", "race,gender", "--json")

    report = json.loads(output)
    assert list(report) == ["n", "outcome", "min_group_size", "attributes"]
    assert (report["n"], report["outcome"], report["min_group_size"]) == (18, "selected", 5)
    assert list(report["attributes"]) == ["race", "gender", "race+gender"]
    black_f = report["attributes"]["race+gender"]["groups"]["black+f"]
    assert black_f["count"] == 6
    assert black_f["selection_rate"] == pytest.approx(1 / 3)
    assert black_f["impact_ratio"] == pytest.approx(0.5)
    assert black_f["four_fifths_flag"] is True
    assert "scoring_rate" not in black_f
    assert report["attributes"]["race"]["unknown_count"] == 1
    assert report["attributes"]["race"]["suppressed_groups"] == ["asian"]
    stored = AuditReport.objects.get()
    assert stored.source == AuditReport.Source.DECISION_LOG
    assert stored.report == report
    assert stored.parameters["attributes"] == ["race", "gender"]


@pytest.mark.django_db
def test_decision_log_with_scores_adds_scoring_rates(decision_log: Path) -> None:
    output = _run(
        "--decisions", str(decision_log), "--attribute", "race", "--score", "score", "--json"
    )

    groups = json.loads(output)["attributes"]["race"]["groups"]
    assert groups["black"]["scoring_rate"] == pytest.approx(2 / 6)
    assert groups["white"]["scoring_rate"] == pytest.approx(7 / 9)


@pytest.mark.django_db
def test_decision_log_table_marks_groups_below_four_fifths(decision_log: Path) -> None:
    output = _run("--decisions", str(decision_log), "--attribute", "race", "--bootstrap", "0")

    assert "race: unknown 1, suppressed groups: asian" in output
    black_line = next(line for line in output.splitlines() if line.strip().startswith("black"))
    assert black_line.split() == ["black", "6", "0.333", "0.429", "BELOW", "0.8"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--decisions", "{log}"], ERROR_NO_ATTRIBUTE),
        (
            ["--decisions", "{missing}", "--attribute", "race"],
            ERROR_FILE_MISSING.format(path="{missing}"),
        ),
        (
            ["--decisions", "{log}", "--attribute", "race", "--outcome", "score"],
            ERROR_BAD_OUTCOME.format(path="{log}", line=2, column="score", value="90"),
        ),
        (
            ["--decisions", "{log}", "--attribute", "race", "--min-group-size", "0"],
            "--min-group-size must be at least 1, got 0",
        ),
    ],
)
def test_bad_input_is_a_one_line_command_error(
    decision_log: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    paths = {"log": str(decision_log), "missing": str(tmp_path / "missing.csv")}

    with pytest.raises(CommandError) as raised:
        _run(*(arg.format(**paths) for arg in args))

    assert str(raised.value) == message.format(**paths)
    assert "\n" not in str(raised.value)


def _application(vacancy: Vacancy, *, gender: str, birth_year: int, path: list[str]) -> None:
    attributes = SensitiveAttributesFactory.create(gender=gender, birth_year=birth_year)
    application = ApplicationFactory.create(vacancy=vacancy, candidate=attributes.candidate)
    for status in path:
        application_move(application=application, to_status=status, moved_by=None)


@pytest.fixture
def pipeline() -> Vacancy:
    """Ten women (2 interviewed, 1 hired) and ten men (5 interviewed, 2 hired) on one vacancy."""
    vacancy = VacancyFactory.create()
    this_year = timezone.now().year
    hired = ["screening", "interview", "offer", "hired"]
    interviewed = ["screening", "interview", "rejected"]
    rejected = ["screening", "rejected"]
    for index in range(10):
        path = hired if index < 1 else interviewed if index < 2 else rejected
        _application(vacancy, gender="female", birth_year=this_year - 35, path=path)
    for index in range(10):
        path = hired if index < 2 else interviewed if index < 5 else rejected
        _application(vacancy, gender="male", birth_year=this_year - 55, path=path)
    ApplicationFactory.create(vacancy=VacancyFactory.create())  # another vacancy, no attributes row
    return vacancy


def _database_report(*args: str) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(_run(*args, "--json", "--bootstrap", "0"))
    return report


@pytest.mark.django_db
def test_database_audit_of_one_vacancy_per_stage_reached(pipeline: Vacancy) -> None:
    report = _database_report("--vacancy", str(pipeline.pk), "--attribute", "gender")

    assert report["n"] == 20
    assert list(report["outcomes"]) == [
        "screening_passed",
        "interviewed",
        "offered",
        "hired",
        "shortlist",
        "ranking_exposure",
    ]
    assert (report["outcomes"]["shortlist"]["n"], report["outcomes"]["shortlist"]["selected"]) == (
        0,
        0,
    )
    interviewed = report["outcomes"]["interviewed"]
    assert interviewed["selected"] == 7
    gender = interviewed["attributes"]["gender"]["groups"]
    assert gender["female"]["selection_rate"] == pytest.approx(0.2)
    assert gender["male"]["selection_rate"] == pytest.approx(0.5)
    assert gender["female"]["impact_ratio"] == pytest.approx(0.4)
    assert gender["female"]["four_fifths_flag"] is True
    hired = report["outcomes"]["hired"]["attributes"]["gender"]["groups"]
    assert hired["female"]["impact_ratio"] == pytest.approx(0.5)
    stored = AuditReport.objects.get(pk=report["report_id"])
    assert stored.source == AuditReport.Source.DATABASE
    assert stored.scope == f"vacancy {pipeline.pk}"


@pytest.mark.django_db
def test_database_audit_of_all_vacancies_counts_unknowns_and_age_bands(pipeline: Vacancy) -> None:
    with override_settings(FAIRNESS_COLLECTED_ATTRIBUTES=["gender", "birth_year"]):
        report = _database_report("--attribute", "gender,age_band")

    assert report["n"] == 21
    interviewed = report["outcomes"]["interviewed"]["attributes"]
    assert list(interviewed) == ["gender", "age_band", "gender+age_band"]
    assert interviewed["gender"]["unknown_count"] == 1
    assert sorted(interviewed["age_band"]["groups"]) == ["30-39", "50+"]
    assert sorted(interviewed["gender+age_band"]["groups"]) == ["female+30-39", "male+50+"]


@pytest.mark.django_db
def test_database_audit_errors_are_one_line(pipeline: Vacancy) -> None:
    with pytest.raises(CommandError) as missing:
        _run("--vacancy", "999999")
    with (
        override_settings(FAIRNESS_COLLECTED_ATTRIBUTES=["gender"]),
        pytest.raises(CommandError) as not_collected,
    ):
        _run("--attribute", "ethnicity")

    assert str(missing.value) == ERROR_NO_VACANCY.format(vacancy_id=999999)
    assert str(not_collected.value) == ERROR_NOT_COLLECTED.format(
        name="ethnicity", field="ethnicity", collected="gender"
    )
    assert AuditReport.objects.count() == 0


@pytest.mark.django_db
def test_database_audit_shortlist_uses_the_latest_model_score(pipeline: Vacancy) -> None:
    applications = list(pipeline.applications.select_related("candidate__sensitive_attributes"))
    for application in applications:
        is_female = application.candidate.sensitive_attributes.gender == "female"
        MatchScore.objects.create(
            vacancy=pipeline,
            candidate=application.candidate,
            application=application,
            model_version="v1",
            score=90.0 if is_female else 10.0,
            bucket="old",
        )
        MatchScore.objects.create(
            vacancy=pipeline,
            candidate=application.candidate,
            application=application,
            model_version="v2",
            score=40.0 + application.pk % 7 if is_female else 60.0 + application.pk % 7,
            bucket="new",
        )

    report = _database_report(
        "--vacancy", str(pipeline.pk), "--attribute", "gender", "--shortlist-k", "5"
    )

    shortlist = report["outcomes"]["shortlist"]
    assert (shortlist["n"], shortlist["selected"], shortlist["k"]) == (20, 5, 5)
    groups = shortlist["attributes"]["gender"]["groups"]
    assert groups["male"]["selection_rate"] == pytest.approx(0.5)
    assert groups["female"]["selection_rate"] == 0.0
    assert groups["female"]["impact_ratio"] == 0.0
    assert groups["female"]["scoring_rate"] == 0.0
    assert groups["male"]["scoring_rate"] == pytest.approx(1.0)
    assert groups["female"]["scoring_four_fifths_flag"] is True
