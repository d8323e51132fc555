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
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView, View

from ats_site.accounts.models import User
from ats_site.web_views import CandidateRequiredMixin, StaffRequiredMixin
from candidates.forms import (
    CandidateSearchForm,
    EraseConfirmForm,
)
from candidates.models import Candidate
from candidates.selectors import candidate_for_user, candidate_list, candidate_search
from candidates.services.profiles import candidate_erase, candidate_export

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
