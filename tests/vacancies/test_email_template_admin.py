"""HR admins edit the status e-mail templates in the Django admin; recruiters only read them;
the e-mail log is read only for everyone."""

import pytest
from django.test import Client

from vacancies.models import EmailTemplate

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(template: EmailTemplate, **changes: str) -> dict[str, str]:
    data = {
        "status": template.status,
        "language": template.language,
        "subject": template.subject,
        "body": template.body,
        "is_active": "on",
    }
    return {**data, **changes}


def test_an_hr_admin_edits_a_french_template_in_the_admin(hr_admin):
    template = EmailTemplate.objects.get(status="rejected", language="fr")
    url = f"/admin/vacancies/emailtemplate/{template.pk}/change/"

    response = _client(hr_admin).post(url, _form(template, subject="Suite de votre candidature"))

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.subject == "Suite de votre candidature"


def test_a_recruiter_reads_templates_but_cannot_change_them(recruiter):
    template = EmailTemplate.objects.get(status="rejected", language="en")
    url = f"/admin/vacancies/emailtemplate/{template.pk}/change/"
    client = _client(recruiter)

    listing = client.get("/admin/vacancies/emailtemplate/")
    changed = client.post(url, _form(template, subject="Changed"))

    assert listing.status_code == 200
    assert changed.status_code == 403
    template.refresh_from_db()
    assert template.subject == "Your application for $vacancy"


def test_a_second_template_for_the_same_status_and_language_is_refused(hr_admin):
    template = EmailTemplate.objects.get(status="offer", language="en")

    response = _client(hr_admin).post(
        "/admin/vacancies/emailtemplate/add/", _form(template, subject="Duplicate")
    )

    assert response.status_code == 200  # the form again, with the constraint's error
    assert EmailTemplate.objects.filter(status="offer", language="en").count() == 1


def test_nobody_edits_the_email_log_in_the_admin(hr_admin):
    response = _client(hr_admin).get("/admin/vacancies/applicationemail/add/")

    assert response.status_code == 403
