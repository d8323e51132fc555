"""With the file-based e-mail backend (what `make run` uses), erasure rewrites the stored
mail: the candidate's messages lose their identifiers, other people's mail is untouched."""

import pytest
from django.core.mail import get_connection, send_mail
from django.test import override_settings

from ats_site.common.personal_terms import REDACTED
from candidates.services import candidate_erase
from candidates.services.mail_log import FILE_BACKEND, MESSAGE_SEPARATOR
from candidates.services.retention import RETENTION_NOTICE_SUBJECT
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


def test_erasure_redacts_the_candidates_stored_mail_and_leaves_others(
    tmp_path, django_capture_on_commit_callbacks
):
    candidate = CandidateFactory(first_name="Hendrika", last_name="Zwart", email="hz@example.org")
    with override_settings(EMAIL_BACKEND=FILE_BACKEND, EMAIL_FILE_PATH=tmp_path):
        # One connection, one file, two messages: as the backend writes a batch of mail.
        connection = get_connection()
        for to, body in [
            ("hz@example.org", "Dear Hendrika Zwart, your profile in Lyon will be erased."),
            ("someone@example.org", "Dear Hendrika (another one), welcome."),
        ]:
            send_mail(RETENTION_NOTICE_SUBJECT, body, None, [to], connection=connection)
        connection.close()
        [stored] = tmp_path.glob("*.log")

        with django_capture_on_commit_callbacks(execute=True):
            candidate_erase(candidate=candidate)

    theirs, others = stored.read_text().split(MESSAGE_SEPARATOR)[:2]
    assert "hz@example.org" not in theirs
    assert "Hendrika" not in theirs
    assert "Zwart" not in theirs
    assert "Lyon" not in theirs
    assert f"To: {REDACTED}" in theirs
    assert f"Dear {REDACTED}, your profile in {REDACTED} will be erased." in theirs
    assert "To: someone@example.org" in others
    assert "Dear Hendrika (another one), welcome." in others


def test_other_backends_store_nothing_to_rewrite(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        candidate_erase(candidate=CandidateFactory())

    assert len(callbacks) == 1  # the mail pass ran, as a no-op under the test's locmem backend
