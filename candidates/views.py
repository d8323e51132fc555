"""Web pages for candidates: the recruiter's candidate list and detail, and self-service."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView, View

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError, UploadRejected
from ats_site.ratelimit import UploadRateLimitMixin
from ats_site.web_views import CandidateRequiredMixin, StaffRequiredMixin
from candidates.forms import (
    ApplyForm,
    CandidateSearchForm,
    EraseConfirmForm,
    RecruiterCvUploadForm,
)
from candidates.intake_forms import ApplicationAddForm
from candidates.models import Candidate, CandidateDocument
from candidates.selectors import candidate_for_user, candidate_list, latest_parsed_document
from candidates.services.profiles import candidate_erase, candidate_export
from candidates.services.uploads import UploadResult, cv_upload
from vacancies.selectors import application_list
from vacancies.services import application_create
from vacancies.web_selectors import (
    candidate_applications,
    candidate_documents_with_text,
    candidate_search,
    open_vacancy_list,
)

NO_CANDIDATE_PROFILE = _("Your login has no candidate profile yet; please contact the recruiters.")
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
DATA_ERASED = _("Your personal data has been erased and your login closed.")
CV_EXCERPT_CHARS = 1500


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def _own_candidate(request: HttpRequest) -> Candidate | None:
    return candidate_for_user(user=_user(request))


class CandidateListView(StaffRequiredMixin, ListView[Candidate]):
    """Candidates with free-text search and a region filter."""

    template_name = "candidates/candidate_list.html"
    context_object_name = "candidates"
    paginate_by = 25

    def get_queryset(self) -> Any:
        user = _user(self.request)
        self.search_form = CandidateSearchForm(self.request.GET or None, viewer=user)
        if self.search_form.is_valid():
            data = self.search_form.cleaned_data
            return candidate_search(viewer=user, search=data["q"], region=data["region"])
        return candidate_list(viewer=user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            search_form=self.search_form, query_string=query.urlencode(), **kwargs
        )


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
            scored_document=latest_parsed_document(candidate=candidate),
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


class MyDataView(CandidateRequiredMixin, TemplateView):
    """Download my data, or erase it."""

    template_name = "candidates/my_data.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            candidate=_own_candidate(self.request),
            erase_form=kwargs.pop("erase_form", EraseConfirmForm()),
            **kwargs,
        )


class MyDataExportView(CandidateRequiredMixin, View):
    """Everything FairMatch holds about me, as a JSON download."""

    def get(self, request: HttpRequest) -> HttpResponse:
        candidate = _own_candidate(request)
        if candidate is None:
            raise Http404(NO_CANDIDATE_PROFILE)
        export = candidate_export(candidate=candidate, exported_by=_user(request))
        payload = json.dumps(export, indent=2, ensure_ascii=False)
        response = HttpResponse(payload, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="fairmatch-my-data.json"'
        return response


class MyDataEraseView(CandidateRequiredMixin, View):
    """POST only: erase my data after an explicit confirmation, then log out."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        candidate = _own_candidate(request)
        if candidate is None:
            raise Http404(NO_CANDIDATE_PROFILE)
        form = EraseConfirmForm(request.POST)
        if not form.is_valid():
            context = {"candidate": candidate, "erase_form": form}
            return render(request, "candidates/my_data.html", context, status=400)
        candidate_erase(candidate=candidate, erased_by=_user(request))
        logout(request)
        messages.success(request, DATA_ERASED)
        return redirect("web:job-board")
