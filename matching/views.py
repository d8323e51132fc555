"""HTML views of the matching engine: re-score with live progress, talent pool, job advice."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError
from ats_site.web_views import CandidateRequiredMixin, StaffRequiredMixin
from candidates.models import Candidate
from candidates.selectors import candidate_for_user, latest_parsed_document
from matching.forms import TalentPoolFilterForm
from matching.models import MatchScore, ScoringRun
from matching.occupation_selectors import candidate_occupations
from matching.services.overrides import match_score_override
from matching.services.ranking import candidate_recommend_vacancies, talent_pool_invite
from matching.services.ranking_read import vacancy_ranking_read
from matching.services.rerank import reranker_model_id
from matching.services.runs import scoring_run_start
from matching.services.score_views import score_view_record
from matching.services.versions import current_model_version
from matching.templatetags.matching_tags import contribution_bars
from vacancies.models import Vacancy

TALENT_POOL_SUGGESTIONS = 20


class VacancyRescoreView(StaffRequiredMixin, View):
    """Start a bulk re-score of a vacancy's applications and follow it live."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        vacancy = get_object_or_404(Vacancy, pk=pk)
        user = request.user if isinstance(request.user, User) else None
        run = scoring_run_start(vacancy=vacancy, requested_by=user)
        return HttpResponseRedirect(reverse("web:scoring-run", args=[run.pk]))


class ScoringRunView(StaffRequiredMixin, TemplateView):
    """A scoring run with a progress bar that updates itself."""

    template_name = "matching/scoring_run.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        run = get_object_or_404(ScoringRun.objects.select_related("vacancy"), pk=self.kwargs["pk"])
        return super().get_context_data(run=run, **kwargs)


class ScoringRunProgressView(StaffRequiredMixin, View):
    """The run's progress as JSON, polled by the progress bars."""

    def get(self, request: HttpRequest, pk: int) -> JsonResponse:
        run = get_object_or_404(ScoringRun, pk=pk)
        return JsonResponse(
            {
                "status": run.status,
                "status_text": run.status_text,
                "message": run.message,
                "done": run.done,
                "total": run.total,
                "progress": run.progress,
            }
        )


class TalentPoolSuggestionsView(StaffRequiredMixin, TemplateView):
    """The best talent-pool members for a vacancy, with one-click invitations."""

    template_name = "matching/talent_pool.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        vacancy = get_object_or_404(Vacancy, pk=self.kwargs["pk"])
        form = TalentPoolFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        ranking = vacancy_ranking_read(
            vacancy=vacancy,
            pool="talent_pool",
            k=TALENT_POOL_SUGGESTIONS,
            occupation_uri=filters.get("occupation", ""),
            isco_group=filters.get("isco_group", ""),
            search=filters.get("q", ""),
        )
        results = ranking.ranked
        occupations = candidate_occupations(candidate_ids=[row.candidate.pk for row in results])
        score_view_record(
            viewer=self.request.user,
            target_type="talent_pool_suggestions",
            target_id=vacancy.pk,
            detail={"k": TALENT_POOL_SUGGESTIONS, "via": "web"},
        )
        return super().get_context_data(
            vacancy=vacancy,
            filter_form=form,
            results=[(row, occupations.get(row.candidate.pk)) for row in results],
            ranking=ranking,
            model_version=current_model_version(),
            reranker=reranker_model_id(),
            **kwargs,
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        vacancy = get_object_or_404(Vacancy, pk=pk)
        candidate = get_object_or_404(Candidate, pk=request.POST.get("candidate") or 0)
        user = request.user
        assert isinstance(user, User)  # noqa: S101 - guaranteed by StaffRequiredMixin
        try:
            talent_pool_invite(vacancy=vacancy, candidate=candidate, invited_by=user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(name)s was invited to apply.") % {"name": candidate.full_name}
            )
        return HttpResponseRedirect(reverse("web:talent-pool-suggestions", args=[pk]))


class MyRecommendationsView(CandidateRequiredMixin, TemplateView):
    """Open vacancies ranked for the logged-in candidate."""

    template_name = "matching/recommendations.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        candidate = candidate_for_user(user=user) if isinstance(user, User) else None
        has_profile = candidate is not None and (
            latest_parsed_document(candidate=candidate) is not None or bool(candidate.headline)
        )
        items: list[dict[str, Any]] = []
        if candidate is not None and has_profile:
            scored = candidate_recommend_vacancies(candidate=candidate)
            score_view_record(
                viewer=user,
                target_type="candidate_recommendations",
                target_id=candidate.pk,
                detail={"via": "web"},
            )
            titles = {
                v.pk: v for v in Vacancy.objects.filter(pk__in=[s.vacancy_id for s in scored])
            }
            items = [
                {
                    "vacancy": titles[s.vacancy_id],
                    "scored": s,
                    "breakdown": contribution_bars(s.features),
                }
                for s in scored
            ]
        return super().get_context_data(
            has_profile=has_profile,
            recommendations=items,
            model_version=current_model_version(),
            **kwargs,
        )


class ScoreOverrideView(StaffRequiredMixin, View):
    """POST only: a recruiter overrides (or clears) a score with a reason; logged."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        match_score = get_object_or_404(MatchScore, pk=pk)
        user = request.user
        assert isinstance(user, User)  # noqa: S101 - guaranteed by StaffRequiredMixin
        raw = (request.POST.get("score") or "").strip()
        try:
            score = float(raw) if raw else None
            match_score_override(
                match_score=match_score,
                score=score,
                reason=request.POST.get("reason", ""),
                overridden_by=user,
            )
        except ValueError:
            messages.error(request, _("The score must be a number between 0 and 100."))
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Score override saved."))
        url = reverse("web:vacancy-detail", args=[match_score.vacancy_id])
        return HttpResponseRedirect(f"{url}#ranked-{match_score.candidate_id}")
