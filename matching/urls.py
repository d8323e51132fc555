"""HTML routes of the matching engine (included in the `web` namespace)."""

from django.urls import path

from matching import metrics_views, views

urlpatterns = [
    path("vacancies/<int:pk>/rescore/", views.VacancyRescoreView.as_view(), name="vacancy-rescore"),
    path(
        "vacancies/<int:pk>/talent-pool/",
        views.TalentPoolSuggestionsView.as_view(),
        name="talent-pool-suggestions",
    ),
    path("scoring-runs/<int:pk>/", views.ScoringRunView.as_view(), name="scoring-run"),
    path(
        "scoring-runs/<int:pk>/progress/",
        views.ScoringRunProgressView.as_view(),
        name="scoring-run-progress",
    ),
    path("scores/<int:pk>/override/", views.ScoreOverrideView.as_view(), name="score-override"),
    path("me/recommendations/", views.MyRecommendationsView.as_view(), name="my-recommendations"),
    path("engine/metrics/", metrics_views.EngineMetricsView.as_view(), name="engine-metrics"),
]
