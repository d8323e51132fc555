"""One router for the whole API."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from ats_site.accounts.api import TokenObtainView

router = DefaultRouter()

urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="api-token"),
    *router.urls,
]
