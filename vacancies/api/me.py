"""Candidate self-service for applications: `me/applications/` lists mine, POST applies.

It lives in vacancies (applications live here, and vacancies may read candidates, never the
reverse); the other `me/` paths are in ``candidates.api.me``.
"""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ats_site.api_permissions import IsCandidate, authenticated_user
from ats_site.api_schema import CONFLICT_ERROR, READ_ERRORS, WRITE_ERRORS, with_errors
from candidates.api.me import own_candidate
from vacancies.api.serializers import ApplicationApplyInputSerializer, ApplicationOutputSerializer
from vacancies.models import Application
from vacancies.selectors import application_list, vacancy_list
from vacancies.services import application_create

VACANCY_NOT_AVAILABLE = "This vacancy does not exist or is not open."


@extend_schema_view(
    get=extend_schema(
        summary="My applications",
        responses=with_errors({200: ApplicationOutputSerializer}, READ_ERRORS),
    )
)
class MeApplicationListView(generics.ListAPIView[Application]):
    """The signed-in candidate's applications; POST applies to an open vacancy."""

    permission_classes = [IsCandidate]

    serializer_class = ApplicationOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[Application]:
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        return application_list(viewer=authenticated_user(self.request))

    @extend_schema(
        summary="Apply to an open vacancy",
        request=ApplicationApplyInputSerializer,
        responses=with_errors({201: ApplicationOutputSerializer}, WRITE_ERRORS, CONFLICT_ERROR),
    )
    def post(self, request: Request) -> Response:
        candidate = own_candidate(request)
        data = ApplicationApplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticated_user(request)
        vacancy = vacancy_list(viewer=user).filter(pk=data.validated_data["vacancy"]).first()
        if vacancy is None:
            raise ValidationError({"vacancy": [VACANCY_NOT_AVAILABLE]})
        application = application_create(candidate=candidate, vacancy=vacancy, created_by=user)
        return Response(
            ApplicationOutputSerializer(application).data, status=status.HTTP_201_CREATED
        )
