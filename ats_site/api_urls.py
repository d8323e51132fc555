"""One router for the whole API; each app's `api/urls.py` lists its ViewSets as ROUTES.

`matching.api.urls`, once it exists, is included as is (its own paths come before the router's,
so `vacancies/{id}/ranking/` and the like are matched first).
"""

from importlib.util import find_spec
from typing import Any

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from ats_site.accounts.api import TokenListView, TokenObtainView, TokenRevokeView
from ats_site.api_tasks import TaskStatusView
from candidates.api import urls as candidate_urls
from fairness.api import urls as fairness_urls
from vacancies.api import urls as vacancy_urls

router = DefaultRouter()
routes: list[tuple[str, Any, str]] = [
    *candidate_urls.ROUTES,
    *vacancy_urls.ROUTES,
    *fairness_urls.ROUTES,
]
for prefix, viewset, basename in routes:
    router.register(prefix, viewset, basename=basename)

extension_urls: list[URLPattern | URLResolver] = []
if find_spec("matching.api.urls") is not None:
    extension_urls.append(path("", include("matching.api.urls")))

urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="api-token"),
    path("auth/tokens/", TokenListView.as_view(), name="api-token-list"),
    path("auth/tokens/<str:user_id>/", TokenRevokeView.as_view(), name="api-token-revoke"),
    path("tasks/<str:task_id>/", TaskStatusView.as_view(), name="task-status"),
    *candidate_urls.urlpatterns,
    *vacancy_urls.urlpatterns,
    *extension_urls,
    *router.urls,
]
