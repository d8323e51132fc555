"""score_applications: enqueues a run and finishes it (here without a worker, in process)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from matching.models import MatchScore
from tests.factories import ApplicationFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def test_score_applications_scores_one_vacancy_and_prints_counts():
    vacancy = VacancyFactory()
    ApplicationFactory.create_batch(3, vacancy=vacancy)
    ApplicationFactory()  # another vacancy: left alone

    out = StringIO()
    call_command(
        "score_applications",
        "--vacancy",
        str(vacancy.pk),
        "--json",
        "--start-timeout",
        "0",
        stdout=out,
        stderr=StringIO(),
    )
    payload = json.loads(out.getvalue())

    assert (payload["status"], payload["applications"], payload["scored"]) == ("succeeded", 3, 3)
    assert MatchScore.objects.filter(vacancy=vacancy).count() == 3
    assert MatchScore.objects.count() == 3


def test_score_applications_rejects_an_unknown_vacancy():
    with pytest.raises(CommandError, match="No vacancy with id 999"):
        call_command("score_applications", "--vacancy", "999")
