"""Fairness audit API routes (a ViewSet for the one router)."""

from fairness.api.views import AuditReportViewSet

# (prefix, viewset, basename) registered on the one router in ats_site/api_urls.py.
ROUTES = [
    ("fairness/audits", AuditReportViewSet, "fairness-audit"),
]
