"""Candidate API: thin ViewSets over the candidate selectors and services."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle, ScopedRateThrottle

from ats_site.accounts.models import User
from ats_site.api_permissions import (
    CandidateDocumentPermission,
    CandidateErasePermission,
    CandidatePermission,
    authenticated_user,
    permissions_for_action,
)
from ats_site.api_schema import (
    CONFLICT_ERROR,
    DETAIL_ERRORS,
    READ_ERRORS,
    THROTTLE_ERROR,
    WRITE_ERRORS,
    with_errors,
)
from ats_site.exceptions import UploadRejected
from candidates.api.filters import CandidateFilter
from candidates.api.serializers import (
    CandidateCreateInputSerializer,
    CandidateDocumentOutputSerializer,
    CandidateDocumentUploadInputSerializer,
    CandidateDocumentUploadOutputSerializer,
    CandidateOutputSerializer,
    CandidateProfileOutputSerializer,
    CandidateUpdateInputSerializer,
)
from candidates.extraction.types import megabytes
from candidates.models import Candidate, CandidateDocument
from candidates.selectors import candidate_list, document_list, latest_parsed_document
from candidates.services import candidate_create, candidate_erase, candidate_update
from candidates.services.uploads import UPLOAD_TOO_LARGE, cv_upload
from matching.occupation_selectors import with_occupation_readings

NO_PARSED_CV = "This candidate has no parsed CV yet."
CANDIDATE_ID = OpenApiParameter("candidate_pk", int, OpenApiParameter.PATH)


@extend_schema_view(
    list=extend_schema(
        summary="List candidates (a candidate sees only themself)",
        responses=with_errors({200: CandidateOutputSerializer}, READ_ERRORS),
    ),
    retrieve=extend_schema(
        summary="One candidate",
        responses=with_errors({200: CandidateOutputSerializer}, DETAIL_ERRORS),
    ),
)
class CandidateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Candidate]
):
    """Candidates for recruiters, HR admins and API clients; sensitive attributes never appear."""

    serializer_class = CandidateOutputSerializer
    filterset_class = CandidateFilter
    search_fields = ["first_name", "last_name", "email", "headline"]
    ordering_fields = ["last_name", "first_name", "created_at", "updated_at"]
    ordering = ["last_name", "first_name", "pk"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_permissions(self) -> list[BasePermission]:
        return permissions_for_action(self, CandidatePermission, destroy=CandidateErasePermission)

    def get_queryset(self) -> QuerySet[Candidate]:
        if getattr(self, "swagger_fake_view", False):
            return Candidate.objects.none()
        visible = candidate_list(viewer=authenticated_user(self.request))
        return with_occupation_readings(visible, "occupation_reading")

    @extend_schema(
        summary="Create a candidate",
        request=CandidateCreateInputSerializer,
        responses=with_errors({201: CandidateOutputSerializer}, WRITE_ERRORS, CONFLICT_ERROR),
    )
    def create(self, request: Request) -> Response:
        data = CandidateCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        candidate = candidate_create(**data.validated_data)
        return Response(CandidateOutputSerializer(candidate).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Update a candidate's profile fields",
        request=CandidateUpdateInputSerializer,
        responses=with_errors({200: CandidateOutputSerializer}, WRITE_ERRORS),
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        candidate = self.get_object()
        data = CandidateUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        candidate = candidate_update(candidate=candidate, data=dict(data.validated_data))
        return Response(CandidateOutputSerializer(candidate).data)

    @extend_schema(
        summary="Erase a candidate's personal data (HR admins; the anonymised record stays)",
        responses=with_errors({204: None}, DETAIL_ERRORS),
    )
    def destroy(self, request: Request, pk: str) -> Response:
        candidate_erase(candidate=self.get_object(), erased_by=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Structured profile parsed from the latest CV",
        responses=with_errors({200: CandidateProfileOutputSerializer}, DETAIL_ERRORS),
    )
    @action(detail=True, methods=["get"])
    def profile(self, request: Request, pk: str) -> Response:
        document = latest_parsed_document(candidate=self.get_object())
        if document is None:
            raise NotFound(NO_PARSED_CV)
        return Response(CandidateProfileOutputSerializer(document).data)


@extend_schema_view(
    list=extend_schema(
        summary="A candidate's CVs, newest first",
        parameters=[CANDIDATE_ID],
        responses=with_errors({200: CandidateDocumentOutputSerializer}, DETAIL_ERRORS),
    ),
)
class CandidateDocumentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[CandidateDocument]):
    """CV upload and listing for one candidate (`candidates/{id}/documents/`)."""

    serializer_class = CandidateDocumentOutputSerializer
    permission_classes = [CandidateDocumentPermission]
    parser_classes = [MultiPartParser, FormParser]
    throttle_scope = "upload"
    filter_backends: list[type] = []

    def get_throttles(self) -> list[BaseThrottle]:
        if self.action == "create":
            return [ScopedRateThrottle()]
        return super().get_throttles()

    def _candidate(self) -> Candidate:
        viewer = authenticated_user(self.request)
        return get_object_or_404(candidate_list(viewer=viewer), pk=self.kwargs["candidate_pk"])

    def get_queryset(self) -> QuerySet[CandidateDocument]:
        if getattr(self, "swagger_fake_view", False):
            return CandidateDocument.objects.none()
        viewer = authenticated_user(self.request)
        return document_list(viewer=viewer, candidate=self._candidate())

    @extend_schema(
        summary="Upload a CV (PDF, DOCX, ODT, RTF or TXT); the same file twice is recognised",
        parameters=[CANDIDATE_ID],
        request={"multipart/form-data": CandidateDocumentUploadInputSerializer},
        responses=with_errors(
            {
                201: CandidateDocumentUploadOutputSerializer,
                200: CandidateDocumentUploadOutputSerializer,
            },
            WRITE_ERRORS,
            THROTTLE_ERROR,
        ),
    )
    def create(self, request: Request, candidate_pk: str) -> Response:
        candidate = self._candidate()
        data = CandidateDocumentUploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload: Any = data.validated_data["file"]
        limit = settings.CV_MAX_UPLOAD_BYTES
        if upload.size > limit:
            # Refused before reading, so a huge upload never sits in memory.
            raise UploadRejected(
                UPLOAD_TOO_LARGE.format(size=megabytes(upload.size), limit=megabytes(limit)),
                {"size": upload.size, "limit": limit},
            )
        result = cv_upload(
            candidate=candidate,
            data=upload.read(),
            original_name=upload.name,
            uploaded_by=request.user if isinstance(request.user, User) else None,
        )
        body = CandidateDocumentUploadOutputSerializer(
            {"document": result.document, "is_duplicate": result.is_duplicate}
        ).data
        code = status.HTTP_200_OK if result.is_duplicate else status.HTTP_201_CREATED
        return Response(body, status=code)
