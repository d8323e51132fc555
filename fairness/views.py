"""HR admin pages: the fairness dashboard (server-side SVG charts) and stored audit reports."""

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView, View

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError, GroupTooSmall
from ats_site.templatetags.web import scope_label
from ats_site.web_views import HrAdminRequiredMixin
from fairness.api.decision_logs import decision_log_audit_upload
from fairness.charts import (
    CHART_BAR_WIDTH,
    CHART_LABEL_WIDTH,
    CHART_TOP,
    FOUR_FIFTHS,
    OUTCOME_LABELS,
    TREND_HEIGHT,
    TREND_MAX_REPORTS,
    attribute_chart,
    box_plot,
    trend_charts,
)
from fairness.exports import report_csv, report_outcomes, report_pdf
from fairness.forms import DecisionLogUploadForm
from fairness.models import AuditReport
from fairness.selectors import audit_report_list
from fairness.services import audit_run_database

AUDIT_STORED = _("Audit run and stored.")


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise Http404
    return request.user


class FairnessDashboardView(HrAdminRequiredMixin, TemplateView):
    """Selection rates by group and stage, impact ratios against the four-fifths line."""

    template_name = "fairness/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        reports = audit_report_list()
        report_id = self.request.GET.get("report", "")
        audit: AuditReport | None = (
            get_object_or_404(reports, pk=int(report_id))
            if report_id.isdigit()
            else reports.first()
        )
        context: dict[str, Any] = {"audit": audit, "threshold": FOUR_FIFTHS}
        if audit is not None:
            context["scope"] = scope_label(audit.scope)
        if audit is not None:
            outcomes = report_outcomes(audit.report)
            outcome = self.request.GET.get("outcome", "")
            if outcome not in outcomes:
                outcome = next(iter(outcomes), "")
            context |= {
                "outcome": outcome,
                "outcome_label": OUTCOME_LABELS.get(outcome, outcome),
                "outcome_links": [
                    (name, OUTCOME_LABELS.get(name, name), name == outcome) for name in outcomes
                ],
                "charts": [
                    attribute_chart(attribute, figures)
                    for attribute, figures in outcomes.get(outcome, {}).items()
                ],
                "label_width": CHART_LABEL_WIDTH,
                "bar_width": CHART_BAR_WIDTH,
                "chart_width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 70,
                "box_plots": [
                    box_plot(attribute, figures)
                    for attribute, figures in audit.report.get("score_distributions", {}).items()
                    if figures.get("groups")
                ],
            }
        return super().get_context_data(**context, **kwargs)


class AuditRunView(HrAdminRequiredMixin, View):
    """POST only: run a database audit over all vacancies, store it, show it."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            audit = audit_run_database(run_by=_user(request))
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("web:fairness-dashboard")
        messages.success(request, AUDIT_STORED)
        return redirect(f"{reverse('web:fairness-dashboard')}?report={audit.pk}")


class AuditReportListView(HrAdminRequiredMixin, ListView[AuditReport]):
    """Every stored audit report, newest first."""

    template_name = "fairness/report_list.html"
    context_object_name = "reports"
    paginate_by = 25

    def get_queryset(self) -> Any:
        return audit_report_list()


class AuditReportExportView(HrAdminRequiredMixin, View):
    """One stored report, parameters and figures, as a JSON download."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        audit = get_object_or_404(audit_report_list(), pk=pk)
        payload = {
            "id": audit.pk,
            "scope": audit.scope,
            "source": audit.source,
            "created_at": audit.created_at.isoformat(),
            "parameters": audit.parameters,
            "report": audit.report,
        }
        response = HttpResponse(json.dumps(payload, indent=2), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="fairness-audit-{audit.pk}.json"'
        return response


class AuditReportCsvView(HrAdminRequiredMixin, View):
    """One stored report as CSV: one row per attribute x outcome x group."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        audit = get_object_or_404(audit_report_list(), pk=pk)
        response = HttpResponse(report_csv(audit), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="fairness-audit-{audit.pk}.csv"'
        return response


class AuditReportPdfView(HrAdminRequiredMixin, View):
    """A one-page LL144-style PDF summary of one outcome of a stored report (``?outcome=``)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        audit = get_object_or_404(audit_report_list(), pk=pk)
        pdf = report_pdf(audit, request.GET.get("outcome") or None)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="fairness-audit-{audit.pk}.pdf"'
        return response


# Score distributions: box plots on a 0-100 score axis.
class FairnessTrendView(HrAdminRequiredMixin, TemplateView):
    """Impact ratios over the last stored reports of one scope and source, per outcome."""

    template_name = "fairness/trend.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        latest = audit_report_list().first()
        context: dict[str, Any] = {"latest": latest, "threshold": FOUR_FIFTHS}
        if latest is not None:
            recent = audit_report_list().filter(scope=latest.scope, source=latest.source)
            reports = list(reversed(recent[:TREND_MAX_REPORTS]))
            outcomes = list(dict.fromkeys(n for r in reports for n in report_outcomes(r.report)))
            outcome = self.request.GET.get("outcome", "")
            if outcome not in outcomes:
                outcome = next(iter(outcomes), "")
            context |= {
                "scope": scope_label(latest.scope),
                "report_count": len(reports),
                "outcome": outcome,
                "outcome_label": OUTCOME_LABELS.get(outcome, outcome),
                "outcome_links": [
                    (name, OUTCOME_LABELS.get(name, name), name == outcome) for name in outcomes
                ],
                "charts": trend_charts(reports, outcome),
                "chart_width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 110,
                "chart_height": TREND_HEIGHT + 2 * CHART_TOP + 20,
                "label_width": CHART_LABEL_WIDTH,
                "axis_right": CHART_LABEL_WIDTH + CHART_BAR_WIDTH,
                "axis_bottom": TREND_HEIGHT + CHART_TOP,
                "top": CHART_TOP,
            }
        return super().get_context_data(**context, **kwargs)


UPLOAD_N_BOOTSTRAP = 1000
UPLOAD_SEED = 0


class DecisionLogUploadView(HrAdminRequiredMixin, View):
    """Upload a decision log, audit it as ``fairness_audit --decisions`` does, store and show it."""

    template_name = "fairness/decision_log_upload.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = DecisionLogUploadForm(initial={"outcome": "selected"})
        return render(request, self.template_name, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DecisionLogUploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            upload = data["decisions"]
            try:
                audit = decision_log_audit_upload(
                    data=upload.read(),
                    original_name=upload.name or "decisions",
                    attributes=data["attributes"],
                    outcome=data["outcome"].strip() or "selected",
                    score=data["score"].strip() or None,
                    min_group_size=data["min_group_size"],
                    n_bootstrap=UPLOAD_N_BOOTSTRAP,
                    random_state=UPLOAD_SEED,
                    run_by=_user(request),
                )
            except GroupTooSmall as error:
                form.add_error("min_group_size", error.message)
            except ApplicationError as error:
                form.add_error("decisions", error.message)
            else:
                messages.success(request, AUDIT_STORED)
                return redirect(f"{reverse('web:fairness-dashboard')}?report={audit.pk}")
        return render(request, self.template_name, {"form": form}, status=400)
