"""Fairness audit API (HR admins only): stored reports, database audits, decision-log audits."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle, ScopedRateThrottle

from ats_site.api_permissions import IsHrAdmin, authenticated_user
from ats_site.api_schema import (
    DETAIL_ERRORS,
    READ_ERRORS,
    THROTTLE_ERROR,
    WRITE_ERRORS,
    with_errors,
)
from fairness.api.decision_logs import decision_log_audit_upload
from fairness.api.serializers import (
    AuditDatabaseInputSerializer,
    AuditDecisionLogInputSerializer,
    AuditReportOutputSerializer,
)
from fairness.exports import report_csv, report_pdf
from fairness.models import AuditReport
from fairness.selectors import audit_report_list
from fairness.services import audit_run_database


@extend_schema_view(
    list=extend_schema(
        summary="Stored fairness audit reports, newest first",
        responses=with_errors({200: AuditReportOutputSerializer}, READ_ERRORS),
    ),
    retrieve=extend_schema(
        summary="One stored audit report",
        responses=with_errors({200: AuditReportOutputSerializer}, DETAIL_ERRORS),
    ),
)
class AuditReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[AuditReport]
):
    """Fairness audits: selection rates, impact ratios and the four-fifths flag per group."""

    serializer_class = AuditReportOutputSerializer
    permission_classes = [IsHrAdmin]
    filterset_fields = ["source"]
    ordering_fields = ["created_at"]

    throttle_scope = "upload"

    def get_throttles(self) -> list[BaseThrottle]:
        if self.action == "decision_log":
            return [ScopedRateThrottle()]
        return super().get_throttles()

    def get_queryset(self) -> QuerySet[AuditReport]:
        return audit_report_list()

    @extend_schema(
        summary="Audit FairMatch's applications per stage reached, and store the report",
        request=AuditDatabaseInputSerializer,
        responses=with_errors({201: AuditReportOutputSerializer}, WRITE_ERRORS),
    )
    def create(self, request: Request) -> Response:
        data = AuditDatabaseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        validated = data.validated_data
        audit_report = audit_run_database(
            vacancy_id=validated["vacancy"],
            attributes=validated["attributes"],
            min_group_size=validated["min_group_size"],
            n_bootstrap=validated["n_bootstrap"],
            random_state=validated["random_state"],
            run_by=authenticated_user(request),
        )
        return Response(
            AuditReportOutputSerializer(audit_report).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Audit an uploaded decision log (CSV or JSONL) from any tool, and store it",
        request={"multipart/form-data": AuditDecisionLogInputSerializer},
        responses=with_errors({201: AuditReportOutputSerializer}, WRITE_ERRORS, THROTTLE_ERROR),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="decision-log",
        parser_classes=[MultiPartParser, FormParser],
        filterset_fields=None,
    )
    def decision_log(self, request: Request) -> Response:
        data = AuditDecisionLogInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        validated = data.validated_data
        upload: Any = validated["decisions"]
        audit_report = decision_log_audit_upload(
            data=upload.read(),
            original_name=upload.name or "decisions",
            attributes=validated["attributes"],
            outcome=validated["outcome"],
            score=validated["score"] or None,
            min_group_size=validated["min_group_size"],
            n_bootstrap=validated["n_bootstrap"],
            random_state=validated["random_state"],
            run_by=authenticated_user(request),
        )
        return Response(
            AuditReportOutputSerializer(audit_report).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="A stored report as CSV: one row per attribute, outcome and group",
        responses={(200, "text/csv"): OpenApiTypes.STR, **DETAIL_ERRORS},
    )
    @action(detail=True, methods=["get"], url_path="export.csv", filterset_fields=None)
    def export_csv(self, request: Request, pk: str) -> HttpResponse:
        audit = self.get_object()
        response = HttpResponse(report_csv(audit), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="fairness-audit-{audit.pk}.csv"'
        return response

    @extend_schema(
        summary="A one-page PDF summary (NYC Local Law 144 style) of one outcome of a report",
        parameters=[OpenApiParameter("outcome", str, description="outcome (default: first)")],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **DETAIL_ERRORS},
    )
    @action(detail=True, methods=["get"], url_path="export.pdf", filterset_fields=None)
    def export_pdf(self, request: Request, pk: str) -> HttpResponse:
        audit = self.get_object()
        pdf = report_pdf(audit, request.query_params.get("outcome") or None)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="fairness-audit-{audit.pk}.pdf"'
        return response
