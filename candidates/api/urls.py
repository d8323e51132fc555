"""Candidate API routes: ViewSets for the one router, and the `me/` self-service paths.

`me/applications/` is in ``vacancies.api.urls`` (applications live in vacancies).
"""

from django.urls import path

from candidates.api.me import (
    MeConsentView,
    MeEraseView,
    MeExportView,
    MeView,
)
from candidates.api.views import CandidateDocumentViewSet, CandidateViewSet

# (prefix, viewset, basename) registered on the one router in ats_site/api_urls.py.
ROUTES = [
    ("candidates", CandidateViewSet, "candidate"),
    # Any segment matches, so a malformed id is the API's JSON 404, not the site's HTML one.
    (
        r"candidates/(?P<candidate_pk>[^/.]+)/documents",
        CandidateDocumentViewSet,
        "candidate-document",
    ),
]

urlpatterns = [
    path("me/", MeView.as_view(), name="me"),
    path("me/consent/", MeConsentView.as_view(), name="me-consent"),
    path("me/export/", MeExportView.as_view(), name="me-export"),
    path("me/erase/", MeEraseView.as_view(), name="me-erase"),
]
