"""Top-level routes: admin, API (with schema and docs) and the web UI."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("ats_site.api_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("ats_site.web_urls")),
]
