"""`/api/schema/` and `/api/docs/`: for signed-in users unless FAIRMATCH_API_DOCS_PUBLIC=true.

The schema lists every route and parameter, which helps an attacker map the API; a deployment
that publishes its API on purpose opens both with the setting. The schema answers an anonymous
caller with the API's 401; the docs page sends a browser to the login form instead.
"""

from typing import Any

from csp.decorators import csp_update
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView


class ApiDocsPermission(BasePermission):
    """Any signed-in user (session or token); anyone when FAIRMATCH_API_DOCS_PUBLIC is true."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if settings.FAIRMATCH_API_DOCS_PUBLIC:
            return True
        return bool(request.user and request.user.is_authenticated)


class ApiSchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema, behind login unless the docs are public."""

    permission_classes = [ApiDocsPermission]


# Swagger UI's page carries one inline <style> and its widgets set styles: allowed here only.
@method_decorator(csp_update({"style-src": ["'unsafe-inline'"]}), name="dispatch")
class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI (its start-up script served as a file); anonymous browsers go to the login."""

    permission_classes = [ApiDocsPermission]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # A browser page, so the session decides (a token cannot be sent by a link anyway).
        if not settings.FAIRMATCH_API_DOCS_PUBLIC and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)
