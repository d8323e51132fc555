"""Admin write paths: recruiters cannot fabricate consent, tick `is_anonymised` or relink a
profile to a login; erasure from the admin is the service's; HR admins keep relinking."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import Role
from ats_site.accounts.services import user_create
from candidates.models import Candidate
from tests.factories import CandidateDocumentFactory, CandidateFactory

pytestmark = pytest.mark.django_db


def _form_values(form: Any) -> dict[str, Any]:
    """A bound form's current values as a browser would post them."""
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[form.add_prefix(name)] = "on" if value is True else value
    return data


def _change_form_data(client: Client, url: str) -> dict[str, Any]:
    """What the admin change page would post unchanged, inlines and management forms included."""
    page = client.get(url)
    assert page.status_code == 200
    data = _form_values(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_values(formset.management_form))
        for form in formset.initial_forms:
            data.update(_form_values(form))
    return data


def _change_url(candidate: Candidate) -> str:
    return reverse("admin:candidates_candidate_change", args=[candidate.pk])


def _login(role: Role) -> Any:
    return user_create(
        username=f"{role.value}-login", password="correct horse battery staple", role=role
    )


def test_a_recruiters_consent_edit_is_ignored_not_a_500(client, recruiter):
    candidate = CandidateFactory(consent_version="", consent_given_at=None)
    CandidateDocumentFactory(candidate=candidate)
    client.force_login(recruiter)
    data = _change_form_data(client, _change_url(candidate))

    response = client.post(_change_url(candidate), {**data, "consent_version": "2026-01"})

    assert response.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.consent_version, candidate.consent_given_at) == ("", None)


def test_a_recruiter_can_neither_tick_is_anonymised_nor_relink_the_login(client, recruiter):
    candidate = CandidateFactory(user=None)
    stranger = _login(Role.CANDIDATE)
    client.force_login(recruiter)
    data = _change_form_data(client, _change_url(candidate))

    response = client.post(
        _change_url(candidate),
        {**data, "is_anonymised": "on", "user": stranger.pk, "headline": "Edited"},
    )

    assert response.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.is_anonymised, candidate.user_id, candidate.headline) == (
        False,
        None,
        "Edited",
    )


def test_a_recruiter_has_no_erase_action(client, recruiter):
    candidate = CandidateFactory()
    client.force_login(recruiter)
    changelist = reverse("admin:candidates_candidate_changelist")

    response = client.post(
        changelist, {"action": "erase_personal_data", "_selected_action": [candidate.pk]}
    )

    candidate.refresh_from_db()
    assert response.status_code in {200, 302}
    assert candidate.is_anonymised is False


def test_an_hr_admins_erase_action_runs_the_erasure_service(client, hr_admin):
    candidate = CandidateFactory(first_name="Ada", email="ada@example.com")
    client.force_login(hr_admin)
    changelist = reverse("admin:candidates_candidate_changelist")

    response = client.post(
        changelist, {"action": "erase_personal_data", "_selected_action": [candidate.pk]}
    )

    candidate.refresh_from_db()
    assert response.status_code == 302
    assert candidate.is_anonymised is True
    assert "ada@example.com" not in candidate.email


def test_an_hr_admin_relinks_only_to_a_candidate_login(client, hr_admin):
    candidate = CandidateFactory(user=None)
    candidate_login = _login(Role.CANDIDATE)
    recruiter_login = _login(Role.RECRUITER)
    client.force_login(hr_admin)
    data = _change_form_data(client, _change_url(candidate))

    refused = client.post(_change_url(candidate), {**data, "user": recruiter_login.pk})
    accepted = client.post(_change_url(candidate), {**data, "user": candidate_login.pk})

    assert refused.status_code == 200  # the form again, with the error
    assert "user" in refused.context["adminform"].form.errors
    assert accepted.status_code == 302
    candidate.refresh_from_db()
    assert candidate.user_id == candidate_login.pk


def test_a_cv_cannot_be_moved_to_another_candidate(client, recruiter):
    document = CandidateDocumentFactory()
    other = CandidateFactory()
    client.force_login(recruiter)
    url = reverse("admin:candidates_candidatedocument_change", args=[document.pk])
    data = _change_form_data(client, url)

    client.post(url, {**data, "candidate": other.pk})

    document.refresh_from_db()
    assert document.candidate_id != other.pk
