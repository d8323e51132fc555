"""Erasure empties every profile field that describes the person, one by one, and the login's
e-mail: each field is asserted on its own so that keeping any single one fails (issue #26)."""

import pytest
from django.utils import timezone

from ats_site.accounts.models import Role
from candidates.models import Candidate
from candidates.services import candidate_erase
from tests.factories import CandidateFactory, UserFactory

pytestmark = pytest.mark.django_db

ERASED_PROFILE = {
    "phone": "",
    "city": "",
    "headline": "",
    "mobility_regions": [],
    "external_id": "",
    "region": "",
    "consent_version": "",
}


@pytest.fixture
def described_candidate() -> Candidate:
    user = UserFactory(role=Role.CANDIDATE, email="odile.fabre@example.org")
    return CandidateFactory(
        user=user,
        email="odile.fabre@example.org",
        phone="+33 6 12 34 56 78",
        city="Montélimar",
        headline="Infirmière de bloc, 12 ans à l'hôpital de Montélimar",
        mobility_regions=["Occitanie", "Provence-Alpes-Côte d'Azur"],
        external_id="WD-778812",
        region="Auvergne-Rhône-Alpes",
        consent_version="2026-01",
        consent_given_at=timezone.now(),
    )


@pytest.mark.parametrize("field", sorted(ERASED_PROFILE))
def test_erasure_empties_each_profile_field(described_candidate: Candidate, field: str) -> None:
    assert getattr(described_candidate, field) != ERASED_PROFILE[field]

    candidate_erase(candidate=described_candidate, erased_by=None)

    stored = Candidate.objects.get(pk=described_candidate.pk)
    assert getattr(stored, field) == ERASED_PROFILE[field]


def test_erasure_replaces_names_and_contact_email_with_placeholders(
    described_candidate: Candidate,
) -> None:
    candidate_erase(candidate=described_candidate, erased_by=None)

    stored = Candidate.objects.get(pk=described_candidate.pk)
    assert (stored.first_name, stored.last_name, stored.email) == (
        "Erased",
        f"candidate #{stored.pk}",
        f"erased-{stored.pk}@erased.invalid",
    )
    assert stored.is_anonymised is True


def test_erasure_clears_the_logins_email(described_candidate: Candidate) -> None:
    login = described_candidate.user
    assert login is not None

    candidate_erase(candidate=described_candidate, erased_by=None)

    login.refresh_from_db()
    assert login.email == ""
    assert not type(login).objects.filter(email="odile.fabre@example.org").exists()
