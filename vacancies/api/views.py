"""Vacancy and application API: thin ViewSets over the vacancy selectors and services."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from ats_site.api_permissions import (
    ApplicationPermission,
    VacancyDeletePermission,
    VacancyPermission,
    authenticated_user,
    permissions_for_action,
)
from ats_site.api_schema import (
    CONFLICT_ERROR,
    DETAIL_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    with_errors,
)
from matching.occupation_selectors import with_occupation_readings
from vacancies.api.filters import ApplicationFilter, VacancyFilter
from vacancies.api.serializers import (
    ApplicationCreateInputSerializer,
    ApplicationMoveInputSerializer,
    ApplicationOutputSerializer,
    ApplicationStatusChangeOutputSerializer,
    VacancyCreateInputSerializer,
    VacancyOutputSerializer,
    VacancyUpdateInputSerializer,
)
from vacancies.models import Application, Vacancy
from vacancies.pipeline import application_move_notify
from vacancies.selectors import application_history, application_list, vacancy_list
from vacancies.services import (
    application_create,
    application_move,
    vacancy_create,
    vacancy_delete,
    vacancy_update,
)


@extend_schema_view(
    list=extend_schema(
        summary="List vacancies (candidates see open ones only)",
        responses=with_errors({200: VacancyOutputSerializer}, READ_ERRORS),
    ),
    retrieve=extend_schema(
        summary="One vacancy", responses=with_errors({200: VacancyOutputSerializer}, DETAIL_ERRORS)
    ),
)
class VacancyViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Vacancy]
):
    """Vacancies: read by every signed-in role, written by staff and API clients."""

    serializer_class = VacancyOutputSerializer
    filterset_class = VacancyFilter
    search_fields = ["title", "organisation", "description", "location"]
    ordering_fields = ["created_at", "updated_at", "title", "status", "application_count"]
    # The selector's annotation groups rows, which drops Meta.ordering: order explicitly.
    ordering = ["-created_at", "-pk"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_permissions(self) -> list[BasePermission]:
        return permissions_for_action(self, VacancyPermission, destroy=VacancyDeletePermission)

    def get_queryset(self) -> QuerySet[Vacancy]:
        if getattr(self, "swagger_fake_view", False):
            return Vacancy.objects.none()
        visible = vacancy_list(viewer=authenticated_user(self.request))
        return with_occupation_readings(visible, "occupation_reading")

    def _output(self, vacancy: Vacancy) -> VacancyOutputSerializer:
        """The vacancy as listed (with its annotations), read back through the selector."""
        return VacancyOutputSerializer(self.get_queryset().get(pk=vacancy.pk))

    @extend_schema(
        summary="Create a vacancy owned by the caller",
        request=VacancyCreateInputSerializer,
        responses=with_errors({201: VacancyOutputSerializer}, WRITE_ERRORS),
    )
    def create(self, request: Request) -> Response:
        data = VacancyCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vacancy = vacancy_create(owner=authenticated_user(request), **data.validated_data)
        return Response(self._output(vacancy).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Update a vacancy",
        request=VacancyUpdateInputSerializer,
        responses=with_errors({200: VacancyOutputSerializer}, WRITE_ERRORS),
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        vacancy = self.get_object()
        data = VacancyUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vacancy = vacancy_update(vacancy=vacancy, data=dict(data.validated_data))
        return Response(self._output(vacancy).data)

    @extend_schema(
        summary="Delete a vacancy nobody applied to (staff)",
        responses=with_errors({204: None}, DETAIL_ERRORS, CONFLICT_ERROR),
    )
    def destroy(self, request: Request, pk: str) -> Response:
        vacancy_delete(vacancy=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="List applications",
        responses=with_errors({200: ApplicationOutputSerializer}, READ_ERRORS),
    ),
    retrieve=extend_schema(
        summary="One application",
        responses=with_errors({200: ApplicationOutputSerializer}, DETAIL_ERRORS),
    ),
)
class ApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Application]
):
    """The pipeline: applications, their moves and their history."""

    serializer_class = ApplicationOutputSerializer
    permission_classes = [ApplicationPermission]
    filterset_class = ApplicationFilter
    ordering_fields = ["created_at", "updated_at", "status"]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self) -> QuerySet[Application]:
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        return application_list(viewer=authenticated_user(self.request))

    @extend_schema(
        summary="Put a candidate in a vacancy's pipeline (status new)",
        request=ApplicationCreateInputSerializer,
        responses=with_errors({201: ApplicationOutputSerializer}, WRITE_ERRORS, CONFLICT_ERROR),
    )
    def create(self, request: Request) -> Response:
        data = ApplicationCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = application_create(
            candidate=data.validated_data["candidate"],
            vacancy=data.validated_data["vacancy"],
            source=data.validated_data["source"],
            created_by=authenticated_user(request),
        )
        return Response(
            ApplicationOutputSerializer(application).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Move an application to another status (an illegal move is a 409)",
        request=ApplicationMoveInputSerializer,
        responses=with_errors({200: ApplicationOutputSerializer}, WRITE_ERRORS, CONFLICT_ERROR),
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def move(self, request: Request, pk: str) -> Response:
        application = self.get_object()
        data = ApplicationMoveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if fields.pop("send_email"):
            fields.pop("candidate_notified")
            application = application_move_notify(
                application=application,
                moved_by=authenticated_user(request),
                send_email=True,
                **fields,
            )
        else:
            application = application_move(
                application=application, moved_by=authenticated_user(request), **fields
            )
        return Response(ApplicationOutputSerializer(application).data)

    @extend_schema(
        summary="Every status the application held, oldest first",
        responses=with_errors(
            {200: ApplicationStatusChangeOutputSerializer(many=True)}, DETAIL_ERRORS
        ),
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def history(self, request: Request, pk: str) -> Response:
        changes = application_history(application=self.get_object())
        return Response(ApplicationStatusChangeOutputSerializer(changes, many=True).data)
