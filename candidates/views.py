"""Web pages for candidates: the recruiter's candidate list, and my data (export, erase).

Pages that show or create applications (candidate detail, my applications, apply) are in
``vacancies.candidate_views``: applications live in vacancies, which may read candidates.
"""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView, View

from ats_site.accounts.models import User
from ats_site.web_views import CandidateRequiredMixin, StaffRequiredMixin
from candidates.forms import (
    CandidateSearchForm,
    EraseConfirmForm,
)
from candidates.models import Candidate
from candidates.search_selectors import CandidateSearchHit, candidate_text_search
from candidates.selectors import candidate_for_user, candidate_list, candidate_search
from candidates.services import candidate_erase, candidate_export
from matching.occupation_selectors import candidate_occupations

NO_CANDIDATE_PROFILE = _("Your login has no candidate profile yet; please contact the recruiters.")
DATA_ERASED = _("Your personal data has been erased and your login closed.")


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def _own_candidate(request: HttpRequest) -> Candidate | None:
    return candidate_for_user(user=_user(request))


class CandidateListView(StaffRequiredMixin, ListView[Candidate]):
    """Candidates with full-text search (profile and CV text, ranked, with a snippet) and
    region and occupation filters."""

    template_name = "candidates/candidate_list.html"
    context_object_name = "candidates"
    paginate_by = 25

    def get_queryset(self) -> Any:
        user = _user(self.request)
        self.search_form = CandidateSearchForm(self.request.GET or None, viewer=user)
        if self.search_form.is_valid():
            data = self.search_form.cleaned_data
            filtered = candidate_search(
                viewer=user,
                region=data["region"],
                occupation_uri=data["occupation"],
                isco_group=data["isco_group"],
            )
            if data["q"].strip():
                return candidate_text_search(viewer=user, query=data["q"], candidates=filtered)
            return filtered
        return candidate_list(viewer=user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.copy()
        query.pop("page", None)
        context = super().get_context_data(
            search_form=self.search_form, query_string=query.urlencode(), **kwargs
        )
        hits = [
            row
            if isinstance(row, CandidateSearchHit)
            else CandidateSearchHit(row, 0.0, SafeString())
            for row in context["candidates"]
        ]
        readings = candidate_occupations(candidate_ids=[hit.candidate.pk for hit in hits])
        context["candidate_rows"] = [(hit, readings.get(hit.candidate.pk)) for hit in hits]
        return context


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


class MyDataSummaryView(CandidateRequiredMixin, View):
    """Everything FairMatch holds about me, as a readable page (the JSON download's content)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        candidate = _own_candidate(request)
        if candidate is None:
            raise Http404(NO_CANDIDATE_PROFILE)
        export = candidate_export(candidate=candidate, exported_by=_user(request))
        return render(request, "candidates/export_summary.html", export)


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
