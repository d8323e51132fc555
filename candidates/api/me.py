"""Candidate self-service under `me/`: own profile, consent, export, erasure.

`me/applications/` is served by ``vacancies.api.me``: applications live in vacancies.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ats_site.api_permissions import IsCandidate, authenticated_user
from ats_site.api_schema import (
    AUTH_ERRORS,
    DETAIL_ERRORS,
    WRITE_ERRORS,
    with_errors,
)
from candidates.api.serializers import (
    CandidateConsentInputSerializer,
    CandidateEraseInputSerializer,
    CandidateExportOutputSerializer,
    CandidateOutputSerializer,
    CandidateSelfUpdateInputSerializer,
)
from candidates.models import Candidate
from candidates.selectors import candidate_for_user
from candidates.services import (
    candidate_erase,
    candidate_export,
    candidate_give_consent,
    candidate_update,
)

NO_CANDIDATE_PROFILE = "No candidate profile is linked to this login."
ERASE_NOT_CONFIRMED = "Send {'confirm': true} to erase your data; this cannot be undone."


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
        summary="Update my profile",
        request=CandidateSelfUpdateInputSerializer,
        responses=with_errors({200: CandidateOutputSerializer}, WRITE_ERRORS),
    )
    def patch(self, request: Request) -> Response:
        candidate = own_candidate(request)
        data = CandidateSelfUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        candidate = candidate_update(candidate=candidate, data=dict(data.validated_data))
        return Response(CandidateOutputSerializer(candidate).data)


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
