"""Fairness audit reports: every audit run is stored with its parameters and figures."""

from django.conf import settings
from django.db import models

from ats_site.common.models import BaseModel


class AuditReport(BaseModel):
    """One stored fairness audit: what was audited, how, its figures, who ran it and when."""

    class Source(models.TextChoices):
        DATABASE = "database", "FairMatch database"
        DECISION_LOG = "decision_log", "Decision log"

    scope = models.CharField(max_length=255)
    source = models.CharField(max_length=16, choices=Source.choices, db_index=True)
    parameters = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=dict, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fairness_audits",
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__in=["database", "decision_log"]),
                name="audit_report_source_known",
            ),
        ]

    def __str__(self) -> str:
        when = f" ({self.created_at:%Y-%m-%d})" if self.created_at else ""
        return f"{self.get_source_display()} audit of {self.scope}{when}"
