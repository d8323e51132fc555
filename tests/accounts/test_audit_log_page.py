"""The HR admins' audit-log page: filters by actor, kind, dates and subject; paginated."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent
from ats_site.audit_log_views import AUDIT_LOG_PAGE_SIZE, DATES_REVERSED

pytestmark = pytest.mark.django_db


def _event(actor, action, target_type="", target_id="", days_ago=0) -> AuditEvent:
    event = audit_event_record(
        actor=actor, action=action, target_type=target_type, target_id=target_id
    )
    if days_ago:
        # Back-dating is test-only: the base manager bypasses the append-only guard on purpose.
        AuditEvent._base_manager.filter(pk=event.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return event


def _ids(response) -> list[int]:
    return [event.pk for event in response.context["events"]]


@pytest.fixture
def events(recruiter, hr_admin):
    return {
        "view": _event(recruiter, AuditEvent.Action.SCORE_VIEW, "vacancy_ranking", "12"),
        "old_view": _event(
            recruiter, AuditEvent.Action.SCORE_VIEW, "vacancy_ranking", "7", days_ago=40
        ),
        "sensitive": _event(hr_admin, AuditEvent.Action.SENSITIVE_READ, "candidate", "3"),
        "override": _event(recruiter, AuditEvent.Action.SCORE_OVERRIDE, "match_score", "12"),
    }


def test_the_page_lists_every_event_newest_first(hr_admin, events):
    client = Client()
    client.force_login(hr_admin)

    response = client.get(reverse("web:audit-log"))

    assert response.status_code == 200
    expected = [events[k].pk for k in ("override", "sensitive", "view", "old_view")]
    assert _ids(response) == expected
    assert "Sensitive attributes read" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param({"actor": "recruiter"}, ["override", "view", "old_view"], id="actor_case"),
        pytest.param({"action": "score_view"}, ["view", "old_view"], id="kind_case"),
        pytest.param({"subject": "vacancy_ranking#12"}, ["view"], id="subject_case"),
        pytest.param({"subject": "#12"}, ["override", "view"], id="subject_id_case"),
        pytest.param({"subject": "MATCH_SCORE"}, ["override"], id="subject_type_case"),
        pytest.param({"since": "{today}"}, ["override", "sensitive", "view"], id="since_case"),
        pytest.param({"until": "{month_ago}"}, ["old_view"], id="until_case"),
        pytest.param(
            {"actor": "recruiter", "action": "score_view", "since": "{today}"},
            ["view"],
            id="combined_case",
        ),
    ],
)
def test_filters(hr_admin, events, query, expected):
    today = timezone.localdate()
    dates = {"today": today.isoformat(), "month_ago": (today - timedelta(days=30)).isoformat()}
    client = Client()
    client.force_login(hr_admin)

    params = {key: value.format(**dates) for key, value in query.items()}
    response = client.get(reverse("web:audit-log"), params)

    assert _ids(response) == [events[name].pk for name in expected]


def test_reversed_dates_are_an_error_not_an_empty_page(hr_admin, events):
    client = Client()
    client.force_login(hr_admin)

    response = client.get(reverse("web:audit-log"), {"since": "2026-02-01", "until": "2026-01-01"})

    assert str(DATES_REVERSED) in response.content.decode()
    assert _ids(response) == []


def test_the_log_is_paginated_and_keeps_the_filters(hr_admin, recruiter):
    for n in range(AUDIT_LOG_PAGE_SIZE + 3):
        _event(recruiter, AuditEvent.Action.SCORE_VIEW, "match_score", str(n))
    client = Client()
    client.force_login(hr_admin)

    first = client.get(reverse("web:audit-log"), {"action": "score_view"})
    second = client.get(reverse("web:audit-log"), {"action": "score_view", "page": 2})

    assert len(_ids(first)) == AUDIT_LOG_PAGE_SIZE
    assert len(_ids(second)) == 3
    assert "action=score_view&amp;page=2" in first.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous_case"),
        pytest.param("candidate", 403, id="candidate_case"),
        pytest.param("recruiter", 403, id="recruiter_case"),
        pytest.param("api_client", 403, id="api_client_case"),
        pytest.param("hr_admin", 200, id="hr_admin_case"),
    ],
)
def test_only_hr_admins_see_the_audit_log(user_for_role, role, expected):
    user = user_for_role(role)
    client = Client()
    if user is not None:
        client.force_login(user)

    assert client.get(reverse("web:audit-log")).status_code == expected


def test_the_page_runs_a_fixed_number_of_queries(hr_admin, recruiter, django_assert_num_queries):
    for n in range(20):
        _event(recruiter, AuditEvent.Action.SCORE_VIEW, "match_score", str(n))
    client = Client()
    client.force_login(hr_admin)
    client.get(reverse("web:audit-log"))  # warm the session

    with django_assert_num_queries(4):  # session, user, count, page (actors joined)
        client.get(reverse("web:audit-log"))
