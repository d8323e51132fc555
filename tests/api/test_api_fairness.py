"""Fairness audits over the API (HR admins): database audits and uploaded decision logs."""

import io

import pytest

from fairness.models import AuditReport

pytestmark = pytest.mark.django_db

# 10 women (6 selected), 10 men (3 selected), 2 not disclosed.
CSV_LOG = (
    b"gender,selected,score\n"
    + b"f,1,80\n" * 6
    + b"f,0,40\n" * 4
    + b"m,1,75\n" * 3
    + b"m,0,35\n" * 7
    + b"not disclosed,1,50\n" * 2
)


def _post_log(client, data: bytes, **fields):
    log = io.BytesIO(data)
    log.name = fields.pop("name", "screening.csv")
    return client.post(
        "/api/fairness/audits/decision-log/",
        {"decisions": log, "n_bootstrap": 0, **fields},
        format="multipart",
    )


def test_database_audit_is_run_and_stored(world, as_role):
    response = as_role("hr_admin").post(
        "/api/fairness/audits/",
        {"vacancy": world.vacancy.pk, "attributes": ["gender"], "n_bootstrap": 0},
        format="json",
    )

    stored = AuditReport.objects.get(pk=response.json()["id"])
    assert response.status_code == 201
    assert (stored.source, stored.scope, stored.run_by) == (
        "database",
        f"vacancy {world.vacancy.pk}",
        world.users["hr_admin"],
    )
    assert response.json()["report"]["n"] == 1
    assert response.json()["run_by"] == "hr_admin-user"


def test_unknown_attribute_is_a_400_and_stores_nothing(world, as_role):
    before = AuditReport.objects.count()

    response = as_role("hr_admin").post(
        "/api/fairness/audits/", {"attributes": ["religion"]}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "message": "Invalid input.",
        "extra": {"fields": {"attributes": {"0": ['"religion" is not a valid choice.']}}},
    }
    assert AuditReport.objects.count() == before


def test_decision_log_audit_gives_rates_and_impact_ratios(world, as_role):
    response = _post_log(as_role("hr_admin"), CSV_LOG, attributes="gender", score="score")

    assert response.status_code == 201
    body = response.json()
    gender = body["report"]["attributes"]["gender"]
    assert (body["source"], body["scope"], body["report"]["n"]) == (
        "decision_log",
        "screening.csv",
        22,
    )
    assert gender["unknown_count"] == 2
    assert gender["groups"]["f"]["selection_rate"] == 0.6
    assert gender["groups"]["m"]["impact_ratio"] == 0.5
    assert gender["groups"]["m"]["four_fifths_flag"] is True
    assert AuditReport.objects.filter(source="decision_log").count() == 1


def test_decision_log_without_the_column_is_a_400_naming_the_file(world, as_role):
    before = AuditReport.objects.count()

    response = _post_log(as_role("hr_admin"), CSV_LOG, attributes="race")

    assert response.status_code == 400
    assert response.json() == {
        "message": "decision log screening.csv has no column 'race' "
        "(columns: gender, selected, score)",
        "extra": {},
    }
    assert AuditReport.objects.count() == before


def test_audit_list_query_count_is_fixed(world, as_role, django_assert_num_queries):
    client = as_role("hr_admin")
    _post_log(client, CSV_LOG, attributes="gender")

    # token + count + page (who ran it joined)
    with django_assert_num_queries(3):
        response = client.get("/api/fairness/audits/")

    assert response.json()["count"] == 2
