"""HR admin pages: the fairness dashboard (server-side SVG charts) and stored audit reports."""

import json
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView, View

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError
from ats_site.templatetags.web import scope_label
from ats_site.web_views import HrAdminRequiredMixin
from fairness.models import AuditReport
from fairness.selectors import audit_report_list
from fairness.services import audit_run_database

FOUR_FIFTHS = 0.8
CHART_LABEL_WIDTH = 120
CHART_BAR_WIDTH = 300
CHART_ROW_HEIGHT = 30
CHART_TOP = 10
OUTCOME_LABELS = {
    "screening_passed": _("Passed screening"),
    "interviewed": _("Interviewed"),
    "offered": _("Offered"),
    "hired": _("Hired"),
    "shortlist": _("Shortlisted by the model"),
    "selected": _("Selected"),
}
ATTRIBUTE_LABELS = {
    "gender": _("Gender"),
    "nationality": _("Nationality"),
    "ethnicity": _("Ethnicity"),
    "age_band": _("Age band"),
    "race": _("Race"),
}
AUDIT_STORED = _("Audit run and stored.")


@dataclass(frozen=True, slots=True)
class GroupBar:
    """One group's row in both charts, with its bar lengths already in SVG units."""

    group: str
    count: int
    selection_rate: float
    impact_ratio: float | None
    is_flagged: bool
    y: int
    rate_width: float
    ratio_width: float
    scoring_rate: float | None = None
    scoring_impact_ratio: float | None = None
    is_scoring_flagged: bool = False
    scoring_width: float = 0.0


@dataclass(frozen=True, slots=True)
class AttributeChart:
    """Selection rates and impact ratios of one attribute (or intersection) for one outcome."""

    attribute: str
    label: str
    unknown_count: int
    suppressed_groups: tuple[str, ...]
    reference_group: str | None
    bars: tuple[GroupBar, ...]
    height: int
    threshold_x: float
    median_score: float | None = None

    @property
    def has_scores(self) -> bool:
        """Whether the groups carry scoring rates (the outcome had model scores)."""
        return any(bar.scoring_rate is not None for bar in self.bars)


def _bar_width(value: float | None) -> float:
    return round(max(0.0, min(value or 0.0, 1.0)) * CHART_BAR_WIDTH, 1)


def attribute_chart(attribute: str, figures: dict[str, Any]) -> AttributeChart:
    """Lay out one attribute's groups as SVG bars (rates and ratios both on a 0-1 scale)."""
    bars = []
    for index, (group, values) in enumerate(sorted(figures.get("groups", {}).items())):
        bars.append(
            GroupBar(
                group=group,
                count=int(values.get("count", 0)),
                selection_rate=float(values.get("selection_rate") or 0.0),
                impact_ratio=values.get("impact_ratio"),
                is_flagged=bool(values.get("four_fifths_flag")),
                y=CHART_TOP + index * CHART_ROW_HEIGHT,
                rate_width=_bar_width(values.get("selection_rate")),
                ratio_width=_bar_width(values.get("impact_ratio")),
                scoring_rate=values.get("scoring_rate"),
                scoring_impact_ratio=values.get("scoring_impact_ratio"),
                is_scoring_flagged=bool(values.get("scoring_four_fifths_flag")),
                scoring_width=_bar_width(values.get("scoring_rate")),
            )
        )
    return AttributeChart(
        attribute=attribute,
        label=attribute_label(attribute),
        unknown_count=int(figures.get("unknown_count", 0)),
        suppressed_groups=tuple(figures.get("suppressed_groups", ())),
        reference_group=figures.get("reference_group"),
        bars=tuple(bars),
        height=CHART_TOP * 2 + max(len(bars), 1) * CHART_ROW_HEIGHT,
        threshold_x=CHART_LABEL_WIDTH + FOUR_FIFTHS * CHART_BAR_WIDTH,
        median_score=figures.get("median_score"),
    )


def attribute_label(attribute: str) -> str:
    """An attribute or intersection ("gender+age_band") in the active language."""
    return " × ".join(str(ATTRIBUTE_LABELS.get(part, part)) for part in attribute.split("+"))


def report_outcomes(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Outcome name -> attribute figures, for database audits (per stage) and decision logs."""
    if "outcomes" in report:
        return {name: data.get("attributes", {}) for name, data in report["outcomes"].items()}
    return {str(report.get("outcome", "selected")): report.get("attributes", {})}


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
