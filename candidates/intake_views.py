"""Recruiter intake pages: complete a candidate's profile, and drop many CVs at once with live
progress (the files are read in the worker). Adding a candidate with an application is in
vacancies.intake_views (vacancies read candidates, never the reverse)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError
from ats_site.ratelimit import UploadRateLimitMixin
from ats_site.web_views import StaffRequiredMixin
from candidates.intake_forms import BulkIntakeForm, CandidateProfileForm
from candidates.intake_selectors import cv_intake_batch_list, cv_intake_items, cv_intake_progress
from candidates.models import Candidate, CvIntakeBatch
from candidates.selectors import candidate_list
from candidates.services.cv_files import CvFile
from candidates.services.intake_batches import cv_intake_start
from candidates.services.intake_processing import is_placeholder_email
from candidates.services.profiles import candidate_update

CANDIDATE_SAVED = _("Profile saved.")


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise Http404
    return request.user


def form_service_error(form: Any, error: ValidationError | ApplicationError) -> None:
    if isinstance(error, ApplicationError):
        field = "email" if "email" in error.extra else "cv" if "cv" in form.fields else None
        form.add_error(field if field in form.fields else None, error.message)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class CandidateEditView(StaffRequiredMixin, FormView[CandidateProfileForm]):
    """Complete or correct a candidate's profile (e.g. a bulk-intake placeholder)."""

    template_name = "candidates/candidate_edit.html"
    form_class = CandidateProfileForm

    @cached_property
    def candidate(self) -> Candidate:
        queryset = candidate_list(viewer=_user(self.request)).filter(is_anonymised=False)
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_initial(self) -> dict[str, Any]:
        initial = {
            name: getattr(self.candidate, name) for name in CandidateProfileForm.PROFILE_FIELDS
        }
        if is_placeholder_email(self.candidate.email):
            initial["email"] = ""
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(candidate=self.candidate, **kwargs)

    def form_valid(self, form: CandidateProfileForm) -> HttpResponse:
        try:
            candidate_update(candidate=self.candidate, data=form.profile())
        except (ValidationError, ApplicationError) as error:
            form_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, CANDIDATE_SAVED)
        return redirect("web:candidate-detail", pk=self.candidate.pk)


class BulkIntakeView(StaffRequiredMixin, UploadRateLimitMixin, FormView[BulkIntakeForm]):
    """Drop many CVs: each becomes a candidate; the next page follows the worker live."""

    template_name = "candidates/bulk_intake.html"
    form_class = BulkIntakeForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        batches = cv_intake_batch_list(viewer=_user(self.request))[:10]
        return super().get_context_data(batches=batches, **kwargs)

    def form_valid(self, form: BulkIntakeForm) -> HttpResponse:
        files = [CvFile(data=f.read(), name=f.name) for f in form.cleaned_data["cv_files"]]
        batch = cv_intake_start(files=files, uploaded_by=_user(self.request))
        return redirect("web:cv-intake-detail", pk=batch.pk)


def _batch(request: HttpRequest, pk: int) -> CvIntakeBatch:
    return get_object_or_404(cv_intake_batch_list(viewer=_user(request)), pk=pk)


class BulkIntakeDetailView(StaffRequiredMixin, TemplateView):
    """One intake: a progress bar and each file's candidate, updated while the worker reads."""

    template_name = "candidates/bulk_intake_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        batch = _batch(self.request, self.kwargs["pk"])
        return super().get_context_data(
            batch=batch,
            items=cv_intake_items(batch=batch),
            progress=cv_intake_progress(batch=batch),
            **kwargs,
        )


class BulkIntakeProgressView(StaffRequiredMixin, View):
    """The intake's progress as JSON, polled by its page."""

    def get(self, request: HttpRequest, pk: int) -> JsonResponse:
        batch = _batch(request, pk)
        progress = cv_intake_progress(batch=batch)
        items = [
            {
                "id": item.pk,
                "file": item.original_name,
                "status": item.status,
                "status_label": str(_(item.get_status_display())),
                "candidate": item.candidate.full_name if item.candidate else None,
                "candidate_url": reverse("web:candidate-detail", args=[item.candidate_id])
                if item.candidate_id
                else None,
                "needs_completion": item.needs_completion,
                "message": item.message,
            }
            for item in cv_intake_items(batch=batch)
        ]
        return JsonResponse(
            {
                "total": progress.total,
                "pending": progress.pending,
                "done": progress.done,
                "failed": progress.failed,
                "is_finished": progress.is_finished,
                "items": items,
            }
        )
