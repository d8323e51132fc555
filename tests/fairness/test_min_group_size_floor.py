"""`min_group_size` never goes below the deployment's floor: API, command and web form."""

import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ats_site.accounts.models import User
from fairness.group_size import MIN_GROUP_SIZE_BELOW_FLOOR
from fairness.models import AuditReport

pytestmark = pytest.mark.django_db

# Two groups of 5 and one of 2: the small one is named only if suppression is bypassed.
CSV_LOG = b"gender,selected\n" + b"f,1\n" * 5 + b"m,0\n" * 5 + b"x,1\n" * 2
BELOW_FLOOR = MIN_GROUP_SIZE_BELOW_FLOOR.format(requested=1, floor=5)


def _api(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _log(name: str = "log.csv") -> io.BytesIO:
    log = io.BytesIO(CSV_LOG)
    log.name = name
    return log


def test_api_database_audit_below_the_floor_is_a_400_and_stores_nothing(hr_admin):
    response = _api(hr_admin).post(
        "/api/fairness/audits/",
        {"attributes": ["gender"], "min_group_size": 1, "n_bootstrap": 0},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"message": BELOW_FLOOR, "extra": {"min_group_size": 1, "floor": 5}}
    assert AuditReport.objects.count() == 0


def test_api_decision_log_below_the_floor_is_a_400(hr_admin):
    response = _api(hr_admin).post(
        "/api/fairness/audits/decision-log/",
        {"decisions": _log(), "attributes": "gender", "min_group_size": 1, "n_bootstrap": 0},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["message"] == BELOW_FLOOR
    assert AuditReport.objects.count() == 0


def test_api_at_the_floor_suppresses_the_small_group(hr_admin):
    response = _api(hr_admin).post(
        "/api/fairness/audits/decision-log/",
        {"decisions": _log(), "attributes": "gender", "min_group_size": 5, "n_bootstrap": 0},
        format="multipart",
    )

    gender = response.json()["report"]["attributes"]["gender"]
    assert response.status_code == 201
    assert (sorted(gender["groups"]), gender["suppressed_groups"]) == (["f", "m"], ["x"])


def test_a_lower_floor_setting_allows_smaller_groups(hr_admin, settings):
    settings.FAIRNESS_MIN_GROUP_SIZE_FLOOR = 2

    response = _api(hr_admin).post(
        "/api/fairness/audits/decision-log/",
        {"decisions": _log(), "attributes": "gender", "min_group_size": 2, "n_bootstrap": 0},
        format="multipart",
    )

    assert response.status_code == 201
    assert sorted(response.json()["report"]["attributes"]["gender"]["groups"]) == ["f", "m", "x"]


def test_the_default_size_is_raised_to_the_floor(hr_admin, settings):
    settings.FAIRNESS_MIN_GROUP_SIZE = 2  # misconfigured below the floor

    response = _api(hr_admin).post(
        "/api/fairness/audits/decision-log/",
        {"decisions": _log(), "attributes": "gender", "n_bootstrap": 0},
        format="multipart",
    )

    assert response.json()["report"]["min_group_size"] == 5


@pytest.mark.parametrize("source_case", ["decision_log", "database"])
def test_command_below_the_floor_fails_with_the_message(tmp_path, source_case):
    path = tmp_path / "log.csv"
    path.write_bytes(CSV_LOG)
    source = ["--decisions", str(path)] if source_case == "decision_log" else []

    with pytest.raises(CommandError) as error:
        call_command(
            "fairness_audit", *source, "--attribute", "gender", "--min-group-size", "1",
            stdout=StringIO(),
        )  # fmt: skip

    assert str(error.value) == BELOW_FLOOR
    assert AuditReport.objects.count() == 0


def test_command_at_the_floor_runs(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(CSV_LOG)
    out = StringIO()

    call_command(
        "fairness_audit", "--decisions", str(path), "--attribute", "gender",
        "--min-group-size", "5", "--bootstrap", "0", "--json", stdout=out,
    )  # fmt: skip

    assert json.loads(out.getvalue())["min_group_size"] == 5


def test_web_upload_below_the_floor_shows_the_message_on_the_field(hr_admin):
    client = Client()
    client.force_login(hr_admin)

    response = client.post(
        "/fairness/decision-log/",
        {"decisions": _log(), "attributes": "gender", "outcome": "selected", "min_group_size": 1},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["min_group_size"] == [BELOW_FLOOR]
    assert AuditReport.objects.count() == 0
