"""Engine metrics: /metrics for Prometheus (HR admin session or bearer token) and a page."""

import hmac
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views import View
from django.views.generic import TemplateView

from ats_site.accounts.models import User
from ats_site.web_views import HrAdminRequiredMixin
from matching.services.metrics import engine_metrics, metrics_exposition

BEARER = "Bearer "


def _token_ok(request: HttpRequest) -> bool:
    """True when the request carries FAIRMATCH_METRICS_TOKEN (never when the setting is empty)."""
    expected = str(settings.FAIRMATCH_METRICS_TOKEN)
    header = request.headers.get("Authorization", "")
    if not expected or not header.startswith(BEARER):
        return False
    return hmac.compare_digest(header.removeprefix(BEARER).strip(), expected)


class MetricsView(View):
    """Prometheus text exposition: 401 without credentials, 403 for other roles."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not _token_ok(request):
            if not user.is_authenticated or request.headers.get("Authorization"):
                response = HttpResponse("Authentication required.\n", status=401)
                response["WWW-Authenticate"] = 'Bearer realm="fairmatch-metrics"'
                return response
            if not (isinstance(user, User) and (user.is_hr_admin or user.is_superuser)):
                return HttpResponse("Forbidden.\n", status=403)
        body, content_type = metrics_exposition()
        return HttpResponse(body, content_type=content_type)


class EngineMetricsView(HrAdminRequiredMixin, TemplateView):
    """The engine's latency, throughput, cache, batches, queue and model, for HR admins."""

    template_name = "matching/engine_metrics.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(metrics=engine_metrics(), **kwargs)
