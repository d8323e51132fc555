"""Candidate self-service under `me/`: own profile, applications, consent, export, erasure."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ats_site.api_permissions import IsCandidate, authenticated_user
from ats_site.api_schema import (
    AUTH_ERRORS,
    CONFLICT_ERROR,
    DETAIL_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    with_errors,
)
from candidates.api.serializers import (
    CandidateConsentInputSerializer,
    CandidateEraseInputSerializer,
    CandidateExportOutputSerializer,
    CandidateOutputSerializer,
    CandidateSelfUpdateInputSerializer,
    EmailChangeConfirmInputSerializer,
    MeUpdateOutputSerializer,
)
from candidates.models import Candidate
from candidates.selectors import candidate_for_user
from candidates.services import (
    candidate_erase,
    candidate_export,
    candidate_give_consent,
    candidate_update,
)
from candidates.services.email_change import (
    candidate_email_change_confirm,
    candidate_email_change_request,
)
from vacancies.api.serializers import ApplicationApplyInputSerializer, ApplicationOutputSerializer
from vacancies.models import Application
from vacancies.selectors import application_list, vacancy_list
from vacancies.services import application_create

NO_CANDIDATE_PROFILE = "No candidate profile is linked to this login."
ERASE_NOT_CONFIRMED = "Send {'confirm': true} to erase your data; this cannot be undone."
VACANCY_NOT_AVAILABLE = "This vacancy does not exist or is not open."


def own_candidate(request: Request) -> Candidate:
    """The signed-in candidate's own profile, or a 404 when none is linked to the login."""
    candidate = candidate_for_user(user=authenticated_user(request))
    if candidate is None:
        raise NotFound(NO_CANDIDATE_PROFILE)
    return candidate


class MeView(APIView):
    """The signed-in candidate's own profile."""

    permission_classes = [IsCandidate]

    @extend_schema(
        summary="My profile", responses=with_errors({200: CandidateOutputSerializer}, DETAIL_ERRORS)
    )
    def get(self, request: Request) -> Response:
        return Response(CandidateOutputSerializer(own_candidate(request)).data)

    @extend_schema(
        summary="Update my profile (a new e-mail address waits for its confirmation)",
        request=CandidateSelfUpdateInputSerializer,
        responses=with_errors({200: MeUpdateOutputSerializer}, WRITE_ERRORS),
    )
    def patch(self, request: Request) -> Response:
        candidate = own_candidate(request)
        data = CandidateSelfUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        new_email = fields.pop("email", None)
        candidate = candidate_update(candidate=candidate, data=fields)
        pending = None
        if new_email is not None:
            # The same answer whether the address is free or taken (no existence oracle).
            pending = candidate_email_change_request(candidate=candidate, email=new_email)
            pending = None if pending == candidate.email else pending
        body = {**CandidateOutputSerializer(candidate).data, "email_pending_confirmation": pending}
        return Response(MeUpdateOutputSerializer(body).data)


class MeEmailConfirmView(APIView):
    """Confirm a new e-mail address with the code mailed to it."""

    permission_classes = [IsCandidate]

    @extend_schema(
        summary="Confirm my new e-mail address",
        request=EmailChangeConfirmInputSerializer,
        responses=with_errors({200: CandidateOutputSerializer}, WRITE_ERRORS),
    )
    def post(self, request: Request) -> Response:
        data = EmailChangeConfirmInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        candidate = candidate_email_change_confirm(
            candidate=own_candidate(request), token=data.validated_data["token"]
        )
        return Response(CandidateOutputSerializer(candidate).data)


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


class MeConsentView(APIView):
    """Record that the candidate accepted a version of the privacy notice."""

    permission_classes = [IsCandidate]

    @extend_schema(
        summary="Give consent to a privacy notice version",
        request=CandidateConsentInputSerializer,
        responses=with_errors({200: CandidateOutputSerializer}, WRITE_ERRORS),
    )
    def post(self, request: Request) -> Response:
        candidate = own_candidate(request)
        data = CandidateConsentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        candidate = candidate_give_consent(
            candidate=candidate, version=data.validated_data["version"]
        )
        return Response(CandidateOutputSerializer(candidate).data)


class MeExportView(APIView):
    """Everything FairMatch holds about the signed-in candidate, as JSON."""

    permission_classes = [IsCandidate]

    @extend_schema(
        summary="Export my data (JSON)",
        responses=with_errors({200: CandidateExportOutputSerializer}, DETAIL_ERRORS),
    )
    def get(self, request: Request) -> Response:
        export = candidate_export(
            candidate=own_candidate(request),
            exported_by=request.user,  # type: ignore[arg-type]
        )
        return Response(
            export,
            headers={"Content-Disposition": 'attachment; filename="fairmatch-export.json"'},
        )


class MeEraseView(APIView):
    """Erase the signed-in candidate's personal data and close the login."""

    permission_classes = [IsCandidate]

    @extend_schema(
        summary="Erase my data (cannot be undone)",
        request=CandidateEraseInputSerializer,
        responses=with_errors({204: None}, WRITE_ERRORS, AUTH_ERRORS),
    )
    def post(self, request: Request) -> Response:
        candidate = own_candidate(request)
        data = CandidateEraseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not data.validated_data["confirm"]:
            raise ValidationError({"confirm": [ERASE_NOT_CONFIRMED]})
        candidate_erase(candidate=candidate, erased_by=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)
