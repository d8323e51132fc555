"""Vacancy and application API routes: ViewSets for the one router, and plain paths."""

from django.urls import path

from vacancies.api.me import MeApplicationListView
from vacancies.api.skills import SkillAutocompleteView
from vacancies.api.views import ApplicationViewSet, VacancyViewSet

# (prefix, viewset, basename) registered on the one router in ats_site/api_urls.py.
ROUTES = [
    ("vacancies", VacancyViewSet, "vacancy"),
    ("applications", ApplicationViewSet, "application"),
]

# Included before the router's paths, so "skills-autocomplete" is never read as a vacancy id.
urlpatterns = [
    path(
        "vacancies/skills-autocomplete/",
        SkillAutocompleteView.as_view(),
        name="vacancy-skills-autocomplete",
    ),
    # The candidate's own applications (the other `me/` paths are in candidates.api.urls).
    path("me/applications/", MeApplicationListView.as_view(), name="me-applications"),
]
