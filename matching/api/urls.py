"""Routes of the matching API (included by ats_site.api_urls)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from matching.api.views import (
    CandidateRecommendationsView,
    MatchScoreViewSet,
    ScoringRunView,
    TalentPoolSuggestionsView,
    VacancyRankingView,
)

router = SimpleRouter()
router.register("scores", MatchScoreViewSet, basename="score")

urlpatterns = [
    path("vacancies/<int:pk>/ranking/", VacancyRankingView.as_view(), name="vacancy-ranking"),
    path(
        "vacancies/<int:pk>/talent-pool-suggestions/",
        TalentPoolSuggestionsView.as_view(),
        name="vacancy-talent-pool-suggestions",
    ),
    path(
        "candidates/<int:pk>/recommendations/",
        CandidateRecommendationsView.as_view(),
        name="candidate-recommendations",
    ),
    path("scoring-runs/<int:pk>/", ScoringRunView.as_view(), name="scoring-run"),
    *router.urls,
]
