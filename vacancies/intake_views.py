"""Recruiter pages that may create applications: add a candidate (with a CV and, if chosen,
an application), and add an existing candidate to an open vacancy; the API's services."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError
from ats_site.ratelimit import UploadRateLimitMixin
from ats_site.web_views import StaffRequiredMixin
from candidates.intake_views import form_service_error
from candidates.selectors import candidate_list
from candidates.services.cv_files import CvFile
from vacancies.intake import candidate_add
from vacancies.intake_forms import ApplicationAddForm, CandidateAddForm
from vacancies.services import application_create

CANDIDATE_ADDED = _("Candidate added.")
APPLICATION_ADDED = _("Application added.")


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise Http404
    return request.user


class CandidateAddView(StaffRequiredMixin, UploadRateLimitMixin, FormView[CandidateAddForm]):
    """A recruiter adds one candidate, with a CV and an application if they like."""

    template_name = "candidates/candidate_add.html"

    def get_form(self, form_class: Any = None) -> CandidateAddForm:
        return CandidateAddForm(viewer=_user(self.request), **self.get_form_kwargs())

    def form_valid(self, form: CandidateAddForm) -> HttpResponse:
        upload = form.cleaned_data["cv"]
        try:
            candidate = candidate_add(
                profile=form.profile(),
                cv=CvFile(data=upload.read(), name=upload.name) if upload else None,
                vacancy=form.cleaned_data["vacancy"],
                source=form.cleaned_data["source"],
                added_by=_user(self.request),
            )
        except (ValidationError, ApplicationError) as error:
            form_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, CANDIDATE_ADDED)
        return redirect("web:candidate-detail", pk=candidate.pk)


class ApplicationAddView(StaffRequiredMixin, View):
    """POST only: add the candidate to an open vacancy (the same service as the API)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = _user(request)
        candidate = get_object_or_404(candidate_list(viewer=user), pk=pk)
        form = ApplicationAddForm(request.POST, viewer=user)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
            return redirect("web:candidate-detail", pk=pk)
        try:
            application_create(
                candidate=candidate,
                vacancy=form.cleaned_data["vacancy"],
                source=form.cleaned_data["source"],
                created_by=user,
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, APPLICATION_ADDED)
        return redirect("web:candidate-detail", pk=pk)
