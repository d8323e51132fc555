"""Candidate pages that show or create applications: detail, my applications, apply.

Applications live in vacancies, which may read candidates but never the reverse, so these pages
sit here although their URLs and templates are the candidates' ones.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError, UploadRejected
from ats_site.ratelimit import UploadRateLimitMixin
from ats_site.web_views import CandidateRequiredMixin, StaffRequiredMixin
from candidates.forms import RecruiterCvUploadForm
from candidates.models import Candidate, CandidateDocument
from candidates.selectors import (
    candidate_documents_with_text,
    candidate_for_user,
    candidate_list,
    latest_parsed_document,
)
from candidates.services.uploads import UploadResult, cv_upload
from candidates.views import NO_CANDIDATE_PROFILE
from matching.occupation_selectors import candidate_occupations
from vacancies.cv_access import cv_documents_openable
from vacancies.forms import ApplyForm
from vacancies.intake_forms import ApplicationAddForm
from vacancies.selectors import application_list
from vacancies.services import application_create
from vacancies.web_selectors import candidate_applications, open_vacancy_list

CV_REQUIRED = _("Please attach your CV.")
APPLICATION_SENT = _("Your application has been sent.")
APPLICATION_CV_PENDING = _(
    "Your application to “%(title)s” is saved. We are still reading your CV “%(name)s”: "
    "its status is shown below, and we tell you here if it cannot be read."
)
APPLICATION_CV_FAILED = _(
    "Your application to “%(title)s” is saved, but we could not read your CV “%(name)s”: "
    "see why below and upload another."
)
CV_STORED = _("CV uploaded; its text is being extracted.")
CV_ALREADY_STORED = _("This CV was already on file.")
CV_EXCERPT_CHARS = 1500


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def _own_candidate(request: HttpRequest) -> Candidate | None:
    return candidate_for_user(user=_user(request))


def _openable_ids(user: User, candidate: Candidate) -> set[int]:
    return set(cv_documents_openable(viewer=user, candidate=candidate).values_list("pk", flat=True))


class CandidateDetailView(StaffRequiredMixin, TemplateView):
    """A candidate's profile, CVs with their parse status, and applications; no sensitive data."""

    template_name = "candidates/candidate_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = _user(self.request)
        candidate = get_object_or_404(candidate_list(viewer=user), pk=self.kwargs["pk"])
        return super().get_context_data(
            candidate=candidate,
            upload_form=kwargs.pop("upload_form", None) or RecruiterCvUploadForm(),
            documents=candidate_documents_with_text(viewer=user, candidate=candidate),
            openable_document_ids=_openable_ids(user, candidate),
            scored_document=latest_parsed_document(candidate=candidate),
            occupations=candidate_occupations(candidate_ids=[candidate.pk]).get(candidate.pk),
            applications=candidate_applications(viewer=user, candidate=candidate),
            excerpt_chars=CV_EXCERPT_CHARS,
            application_form=ApplicationAddForm(viewer=user),
            **kwargs,
        )


class CandidateCvUploadView(StaffRequiredMixin, UploadRateLimitMixin, View):
    """POST only: a recruiter uploads a CV for a candidate; a refused file stores nothing."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        candidate = get_object_or_404(candidate_list(viewer=_user(request)), pk=pk)
        form = RecruiterCvUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["cv"]
            try:
                result = cv_upload(
                    candidate=candidate,
                    data=upload.read(),
                    original_name=upload.name,
                    uploaded_by=_user(request),
                )
            except UploadRejected as error:
                form.add_error("cv", error.message)
            else:
                messages.success(request, CV_ALREADY_STORED if result.is_duplicate else CV_STORED)
                return redirect("web:candidate-detail", pk=candidate.pk)
        view = CandidateDetailView(request=request, kwargs={"pk": pk})
        context = view.get_context_data(upload_form=form)
        return render(request, CandidateDetailView.template_name, context, status=400)


class MyApplicationsView(CandidateRequiredMixin, TemplateView):
    """The candidate's own applications and their current status."""

    template_name = "candidates/my_applications.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = _user(self.request)
        candidate = _own_candidate(self.request)
        documents = (
            candidate_documents_with_text(viewer=user, candidate=candidate) if candidate else []
        )
        return super().get_context_data(
            candidate=candidate,
            applications=application_list(viewer=user),
            documents=documents,
            openable_document_ids=_openable_ids(user, candidate) if candidate else set(),
            scored_document=latest_parsed_document(candidate=candidate) if candidate else None,
            upload_form=RecruiterCvUploadForm(),
            **kwargs,
        )


class JobApplyView(CandidateRequiredMixin, UploadRateLimitMixin, View):
    """POST only: upload the CV (if given) and apply, all or nothing."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        vacancy = get_object_or_404(open_vacancy_list(viewer=_user(request)), pk=pk)
        form = ApplyForm(request.POST, request.FILES)
        candidate = _own_candidate(request)
        if candidate is None:
            form.add_error(None, NO_CANDIDATE_PROFILE)
        elif form.is_valid():
            upload = form.cleaned_data["cv"]
            if upload is None and not candidate.documents.exists():
                form.add_error("cv", CV_REQUIRED)
            else:
                try:
                    # The application first: a refused file then rolls it back, storing nothing.
                    with transaction.atomic():
                        application_create(candidate=candidate, vacancy=vacancy)
                        result = None
                        if upload is not None:
                            result = cv_upload(
                                candidate=candidate,
                                data=upload.read(),
                                original_name=upload.name,
                                uploaded_by=_user(request),
                            )
                except UploadRejected as error:
                    form.add_error("cv", error.message)
                except ApplicationError as error:
                    form.add_error(None, error.message)
                except ValidationError as error:
                    form.add_error(None, error.messages)
                else:
                    _confirm_application(request, vacancy.title, result)
                    return redirect("web:my-applications")
        context = {"vacancy": vacancy, "apply_form": form}
        return render(request, "vacancies/job_detail.html", context, status=400)


def _confirm_application(request: HttpRequest, title: str, upload: UploadResult | None) -> None:
    """Say "sent" only when the CV it is scored on is known to be readable."""
    document = upload.document if upload is not None else None
    if document is None or document.parse_status == CandidateDocument.ParseStatus.PARSED:
        messages.success(request, APPLICATION_SENT)
    elif document.parse_status == CandidateDocument.ParseStatus.FAILED:
        messages.error(
            request, APPLICATION_CV_FAILED % {"title": title, "name": document.original_name}
        )
    else:
        messages.warning(
            request, APPLICATION_CV_PENDING % {"title": title, "name": document.original_name}
        )
