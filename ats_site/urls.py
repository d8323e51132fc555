"""Top-level routes: admin, API (with schema and docs) and the web UI."""

from django.contrib import admin
from django.urls import include, path

from ats_site.accounts.views import (
    RateLimitedLoginView,
    RateLimitedPasswordResetView,
    rate_limited_admin_login,
)
from ats_site.api_docs import ApiDocsView, ApiSchemaView
from matching.metrics_views import MetricsView

urlpatterns = [
    # Before the admin site, so its login form has the web login's failure limit.
    path("admin/login/", rate_limited_admin_login),
    path("admin/", admin.site.urls),
    # Behind login unless FAIRMATCH_API_DOCS_PUBLIC (ats_site/api_docs.py).
    path("api/schema/", ApiSchemaView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file (?script), so no inline script.
    path("api/docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("ats_site.api_urls")),
    # Before Django's auth URLs, so the login form is the rate-limited one.
    path("accounts/login/", RateLimitedLoginView.as_view(), name="login"),
    path(
        "accounts/password_reset/",
        RateLimitedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # Prometheus scrapes the exact path (no trailing slash).
    path("metrics", MetricsView.as_view(), name="metrics"),
    path("", include("ats_site.web_urls")),
]
