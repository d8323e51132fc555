"""The admin lists every model; sensitive attributes are hidden from recruiters."""

import pytest
from django.contrib import admin
from django.urls import reverse

from candidates.models import CandidateSensitiveAttributes
from tests.factories import ApplicationFactory, SensitiveAttributesFactory

pytestmark = pytest.mark.django_db

DOMAIN_MODELS = [
    "candidates.Candidate",
    "candidates.CandidateDocument",
    "candidates.CandidateSensitiveAttributes",
    "vacancies.Vacancy",
    "vacancies.Application",
    "vacancies.ApplicationStatusChange",
    "matching.MatchScore",
    "matching.ScoringRun",
    "matching.EmbeddingRecord",
]


@pytest.mark.parametrize("label", DOMAIN_MODELS)
def test_every_domain_model_is_in_the_admin_with_list_display_and_search(label):
    from django.apps import apps

    model_admin = admin.site._registry[apps.get_model(label)]
    assert model_admin.list_display != ("__str__",)
    assert model_admin.search_fields


def test_recruiter_admin_shows_candidates_but_never_sensitive_attributes(client, recruiter):
    attributes = SensitiveAttributesFactory(nationality="Atlantis")
    client.force_login(recruiter)

    change_page = client.get(
        reverse("admin:candidates_candidate_change", args=[attributes.candidate.pk])
    )
    sensitive_list = client.get(reverse("admin:candidates_candidatesensitiveattributes_changelist"))

    assert change_page.status_code == 200
    assert attributes.candidate.email in change_page.content.decode()
    assert "Atlantis" not in change_page.content.decode()
    assert sensitive_list.status_code == 403


def test_hr_admin_sees_and_edits_sensitive_attributes(client, hr_admin):
    attributes = SensitiveAttributesFactory(nationality="Atlantis")
    client.force_login(hr_admin)

    page = client.get(reverse("admin:candidates_candidate_change", args=[attributes.candidate.pk]))

    assert page.status_code == 200
    assert "Atlantis" in page.content.decode()
    assert CandidateSensitiveAttributes.objects.count() == 1


def test_candidate_login_cannot_open_the_admin(client, candidate_user):
    ApplicationFactory()
    client.force_login(candidate_user)

    response = client.get(reverse("admin:vacancies_application_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_shows_only_the_attributes_this_deployment_may_collect(client, hr_admin, settings):
    attributes = SensitiveAttributesFactory(nationality="Atlantis")
    client.force_login(hr_admin)
    url = reverse("admin:candidates_candidatesensitiveattributes_change", args=[attributes.pk])

    settings.FAIRNESS_COLLECTED_ATTRIBUTES = ["gender", "birth_year"]
    restricted = client.get(url).content.decode()
    settings.FAIRNESS_COLLECTED_ATTRIBUTES = ["gender", "nationality", "ethnicity", "birth_year"]
    full = client.get(url).content.decode()

    assert 'name="nationality"' not in restricted
    assert 'name="ethnicity"' not in restricted
    assert 'name="gender"' in restricted
    assert 'name="nationality"' in full
    assert 'name="ethnicity"' in full


def _sensitive_reads():
    from ats_site.accounts.models import AuditEvent

    return AuditEvent.objects.filter(action=AuditEvent.Action.SENSITIVE_READ)


def test_hr_admin_reads_of_sensitive_attributes_in_the_admin_are_logged(client, hr_admin):
    first = SensitiveAttributesFactory(nationality="Atlantis")
    second = SensitiveAttributesFactory(nationality="Lemuria")
    client.force_login(hr_admin)

    listed = client.get(reverse("admin:candidates_candidatesensitiveattributes_changelist"))
    opened = client.get(
        reverse("admin:candidates_candidatesensitiveattributes_change", args=[first.pk])
    )
    candidate_page = client.get(
        reverse("admin:candidates_candidate_change", args=[second.candidate.pk])
    )

    assert (listed.status_code, opened.status_code, candidate_page.status_code) == (200, 200, 200)
    events = list(_sensitive_reads().order_by("pk"))
    assert [(e.actor, e.detail["page"]) for e in events] == [
        (hr_admin, "list"),
        (hr_admin, "change"),
        (hr_admin, "candidate_change"),
    ]
    assert sorted(events[0].detail["candidate_ids"]) == sorted(
        [first.candidate_id, second.candidate_id]
    )
    assert events[1].target_id == str(first.candidate_id)
    assert events[2].detail["candidate_ids"] == [second.candidate_id]


def test_a_recruiter_opening_a_candidate_in_the_admin_reads_nothing_sensitive(client, recruiter):
    attributes = SensitiveAttributesFactory()
    client.force_login(recruiter)

    client.get(reverse("admin:candidates_candidate_change", args=[attributes.candidate.pk]))

    assert _sensitive_reads().count() == 0
