"""The vacancy form suggests an ESCO occupation; the recruiter's choice is stored and used."""

import pytest
from django.test import Client
from django.urls import reverse

from ats_site.exceptions import ApplicationError
from matching.occupation_selectors import vacancy_occupation_profile
from matching.taxonomy.occupation_catalogue import (
    occupation_autocomplete,
    occupation_get,
    occupation_resolve,
)
from tests.factories import VacancyFactory
from tests.matching.occupations.synthetic_engine import install_engine, synthetic_engine
from vacancies.models import Vacancy
from vacancies.services import VACANCY_OCCUPATION_UNKNOWN, vacancy_create, vacancy_update

pytestmark = pytest.mark.django_db
# Real ESCO v1.1.1 occupations (shipped compact copy, or ../shared/data/esco).
ACCOUNTANT = "http://data.europa.eu/esco/occupation/eda0d957-3c3c-4139-b89a-a18bc9e18897"
HEAD_CHEF = "http://data.europa.eu/esco/occupation/01484951-15e6-4b88-a20f-1201868d36a0"
FORM_FIELDS = {
    "title": "Chef de cuisine",
    "description": "Run the kitchen, plan menus, control food costs.",
    "seniority": "senior",
    "experience_min_years": "3",
    "status": "open",
}


@pytest.fixture(autouse=True)
def engine(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return install_engine(monkeypatch, synthetic_engine())


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_catalogue_reads_real_esco_occupations() -> None:
    accountant = occupation_get(uri=ACCOUNTANT)

    assert accountant is not None
    assert (accountant.label, accountant.isco_code) == ("accountant", "2411")
    assert occupation_resolve(value="  Head   Chef ") == occupation_get(uri=HEAD_CHEF)
    assert occupation_resolve(value="not an occupation") is None


def test_autocomplete_puts_label_prefixes_first_and_matches_isco_codes() -> None:
    labels = [o.label for o in occupation_autocomplete(query="chef", limit=5)]

    assert labels[0].startswith("chef")
    assert all("chef" in label for label in labels)
    assert {o.isco_code[:3] for o in occupation_autocomplete(query="241", limit=50)} == {"241"}
    assert occupation_autocomplete(query=" ", limit=5) == []


@pytest.mark.parametrize(
    ("role", "status"),
    [("recruiter", 200), ("hr_admin", 200), ("candidate", 403), ("api_client", 403)],
    ids=["recruiter_case", "hr_admin_case", "candidate_case", "api_client_case"],
)
def test_only_staff_get_occupation_suggestions(user_for_role, role: str, status: int) -> None:
    response = _client(user_for_role(role)).post(
        reverse("web:occupation-suggestions"),
        {"title": "Head chef", "description": "Plan menus, food safety."},
    )

    assert response.status_code == status
    if status == 200:
        rows = response.json()["occupations"]
        assert len(rows) == 3
        assert rows[0]["label"] == "head chef"
        assert rows[0]["reads_as"] == f"Head chef (ESCO), {rows[0]['confidence']:.2f}"


def test_anonymous_visitors_are_sent_to_log_in() -> None:
    response = _client(None).post(reverse("web:occupation-suggestions"), {"title": "Cook"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_empty_form_gets_no_suggestion(recruiter) -> None:
    response = _client(recruiter).post(reverse("web:occupation-suggestions"), {"title": " "})

    assert response.json() == {"occupations": []}


def test_occupation_autocomplete_endpoint_is_for_staff(recruiter, candidate_user) -> None:
    url = reverse("web:occupation-autocomplete")

    rows = _client(recruiter).get(url, {"q": "accountant"}).json()["occupations"]

    assert rows[0] == {"uri": ACCOUNTANT, "label": "accountant", "isco_code": "2411"}
    assert _client(candidate_user).get(url, {"q": "accountant"}).status_code == 403


def test_without_javascript_suggest_then_accept_fills_the_field_and_saves_nothing(
    recruiter,
) -> None:
    client = _client(recruiter)
    url = reverse("web:vacancy-create")

    suggested = client.post(url, {**FORM_FIELDS, "suggest_occupation": "1"}).content.decode()
    accepted = client.post(url, {**FORM_FIELDS, "accept_occupation": HEAD_CHEF}).content.decode()

    assert 'name="accept_occupation" value="http://data.europa.eu/esco/occupation/chef"' in (
        suggested
    )
    assert "Accept: Head chef (ESCO), " in suggested
    assert 'value="head chef"' in accepted  # the field shows the name, it cleans to the URI
    assert 'value="Chef de cuisine"' in accepted
    assert Vacancy.objects.count() == 0


def test_saving_the_form_stores_the_chosen_occupation(recruiter) -> None:
    response = _client(recruiter).post(
        reverse("web:vacancy-create"), {**FORM_FIELDS, "chosen_occupation_uri": "Head chef"}
    )

    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert vacancy.chosen_occupation_uri == HEAD_CHEF
    assert vacancy.chosen_occupation_label == "head chef"
    assert vacancy.chosen_occupation_isco_code == "3434"


def test_the_form_refuses_an_unknown_occupation(recruiter) -> None:
    response = _client(recruiter).post(
        reverse("web:vacancy-create"), {**FORM_FIELDS, "chosen_occupation_uri": "Wizard"}
    )

    assert response.status_code == 200
    assert "Pick an ESCO occupation from the suggestions" in response.content.decode()
    assert Vacancy.objects.count() == 0


def test_the_service_fills_and_clears_the_choice_and_refuses_unknown_uris() -> None:
    vacancy = vacancy_create(owner=None, title="Accountant", chosen_occupation_uri=ACCOUNTANT)
    assert (vacancy.chosen_occupation_label, vacancy.chosen_occupation_isco_code) == (
        "accountant",
        "2411",
    )
    assert vacancy_occupation_profile(vacancy=vacancy).top.uri == ACCOUNTANT

    with pytest.raises(ApplicationError, match=VACANCY_OCCUPATION_UNKNOWN):
        vacancy_update(vacancy=vacancy, data={"chosen_occupation_uri": "http://example.com/x"})
    vacancy.refresh_from_db()
    assert vacancy.chosen_occupation_uri == ACCOUNTANT

    vacancy_update(vacancy=vacancy, data={"chosen_occupation_uri": ""})
    vacancy.refresh_from_db()
    assert (vacancy.chosen_occupation_uri, vacancy.chosen_occupation_label) == ("", "")


def test_the_edit_form_shows_the_chosen_occupation_by_name(recruiter) -> None:
    vacancy = VacancyFactory(owner=recruiter, chosen_occupation_uri=ACCOUNTANT)

    page = _client(recruiter).get(reverse("web:vacancy-edit", args=[vacancy.pk])).content.decode()

    assert 'value="accountant"' in page
