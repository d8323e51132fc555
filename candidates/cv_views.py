"""Web pages that manage CV files: upload, choose the scored one, delete, open, poll status.

Candidates act on their own CVs under /me/cv/; recruiters and HR admins on any candidate's
under /candidates/<pk>/cv/. Opening the original file is `vacancies.cv_file_views` (audited).
"""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError, UploadRejected
from ats_site.ratelimit import UploadRateLimitMixin
from ats_site.web_views import CandidateRequiredMixin, StaffRequiredMixin
from candidates.forms import RecruiterCvUploadForm
from candidates.models import Candidate, CandidateDocument
from candidates.selectors import candidate_for_user, candidate_list
from candidates.services.cv_choice import document_delete, document_select
from candidates.services.uploads import cv_upload

CV_SELECTED = _("“%(name)s” is now the CV used for scoring.")
CV_DELETED = _("“%(name)s” was deleted.")
CV_STORED_PENDING = _("“%(name)s” is uploaded; we are reading its text (status below).")
CV_ALREADY_STORED = _("This CV was already on file.")
NO_CANDIDATE_PROFILE = _("Your login has no candidate profile yet; please contact the recruiters.")


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise Http404
    return request.user


def _own_candidate(request: HttpRequest) -> Candidate:
    candidate = candidate_for_user(user=_user(request))
    if candidate is None or candidate.is_anonymised:
        raise Http404(NO_CANDIDATE_PROFILE)
    return candidate


def _staff_candidate(request: HttpRequest, pk: int) -> Candidate:
    return get_object_or_404(candidate_list(viewer=_user(request)), pk=pk)


def cv_status_payload(documents: QuerySet[CandidateDocument]) -> dict[str, Any]:
    """Each document's parse status, for the page that polls until none is pending."""
    rows = [
        {"id": d.pk, "status": d.parse_status, "is_selected": d.is_selected}
        for d in documents.only("pk", "parse_status", "is_selected")
    ]
    pending = {CandidateDocument.ParseStatus.PENDING, CandidateDocument.ParseStatus.PROCESSING}
    return {"documents": rows, "pending": any(row["status"] in pending for row in rows)}


def _upload(request: HttpRequest, candidate: Candidate) -> None:
    form = RecruiterCvUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("cv", []):
            messages.error(request, str(error))
        return
    upload = form.cleaned_data["cv"]
    try:
        result = cv_upload(
            candidate=candidate,
            data=upload.read(),
            original_name=upload.name,
            uploaded_by=_user(request),
        )
    except UploadRejected as error:
        messages.error(request, error.message)
        return
    if result.is_duplicate:
        messages.info(request, CV_ALREADY_STORED)
    else:
        messages.info(request, CV_STORED_PENDING % {"name": result.document.original_name})


def _select(request: HttpRequest, document: CandidateDocument) -> None:
    try:
        document_select(document=document, selected_by=_user(request))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, CV_SELECTED % {"name": document.original_name})


def _delete(request: HttpRequest, document: CandidateDocument) -> None:
    name = document.original_name
    document_delete(document=document, deleted_by=_user(request))
    messages.success(request, CV_DELETED % {"name": name})


class MyCvUploadView(CandidateRequiredMixin, UploadRateLimitMixin, View):
    """POST: a candidate adds a CV; it is scored once its text is read."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        _upload(request, _own_candidate(request))
        return redirect("web:my-applications")


class MyCvActionView(CandidateRequiredMixin, View):
    """POST: a candidate chooses (`select`) or deletes (`delete`) one of their CVs."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, document_pk: int, verb: str) -> HttpResponse:
        candidate = _own_candidate(request)
        document = get_object_or_404(candidate.documents.all(), pk=document_pk)
        (_select if verb == "select" else _delete)(request, document)
        return redirect("web:my-applications")


class MyCvStatusView(CandidateRequiredMixin, View):
    """GET: the parse status of my CVs, as JSON (polled while one is being read)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return JsonResponse(cv_status_payload(_own_candidate(request).documents.all()))


class StaffCvActionView(StaffRequiredMixin, View):
    """POST: a recruiter chooses (`select`) or deletes (`delete`) a candidate's CV."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, document_pk: int, verb: str) -> HttpResponse:
        candidate = _staff_candidate(request, pk)
        document = get_object_or_404(candidate.documents.all(), pk=document_pk)
        (_select if verb == "select" else _delete)(request, document)
        return redirect("web:candidate-detail", pk=pk)


class StaffCvStatusView(StaffRequiredMixin, View):
    """GET: the parse status of a candidate's CVs, as JSON."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return JsonResponse(cv_status_payload(_staff_candidate(request, pk).documents.all()))
