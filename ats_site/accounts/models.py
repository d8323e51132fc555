"""Users and their role: candidate, recruiter, HR admin or API client."""

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    CANDIDATE = "candidate", "Candidate"
    RECRUITER = "recruiter", "Recruiter"
    HR_ADMIN = "hr_admin", "HR admin"
    API_CLIENT = "api_client", "API client"


class User(AbstractUser):
    """A FairMatch login; its role decides what it may see (and its permission group)."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CANDIDATE)
    # API clients get scopes such as "candidates:read" or "scores:write".
    api_scopes = models.JSONField(default=list, blank=True)

    @property
    def is_candidate(self) -> bool:
        return self.role == Role.CANDIDATE

    @property
    def is_recruiter(self) -> bool:
        return self.role == Role.RECRUITER

    @property
    def is_hr_admin(self) -> bool:
        return self.role == Role.HR_ADMIN

    @property
    def is_api_client(self) -> bool:
        return self.role == Role.API_CLIENT

    @property
    def is_staff_member(self) -> bool:
        """Recruiters and HR admins work inside the company."""
        return self.role in (Role.RECRUITER, Role.HR_ADMIN)


AUDIT_EVENT_IMMUTABLE = "Audit events are append-only: they cannot be changed."


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError(AUDIT_EVENT_IMMUTABLE)

    def anonymise(self) -> int:
        """The one permitted change (GDPR Art. 17): forget who acted; what and when stay."""
        return super().update(actor=None)

    def redact_detail(self, *, detail: dict[str, Any]) -> int:
        """The other permitted change (GDPR Art. 17): an erased person's name, e-mail or phone
        replaced in an event's free text; always logged by a `data_redaction` event."""
        return super().update(detail=detail)


class AuditEvent(models.Model):
    """An append-only record of who did what: status changes, score views and overrides,
    sensitive-attribute reads. Kept at least six months (EU AI Act, Art. 26 deployers' logs):
    FAIRMATCH_AUDIT_RETENTION_DAYS, purged daily by `audit_events_purge`."""

    class Action(models.TextChoices):
        STATUS_CHANGE = "status_change", "Application status change"
        SCORE_VIEW = "score_view", "Score or ranking viewed"
        SCORE_OVERRIDE = "score_override", "Score overridden"
        SENSITIVE_READ = "sensitive_read", "Sensitive attributes read"
        DATA_EXPORT = "data_export", "Personal data exported"
        DATA_ERASURE = "data_erasure", "Personal data erased"
        CV_FILE_VIEW = "cv_file_view", "Original CV file opened"
        DATA_REDACTION = "data_redaction", "Personal data redacted from free text"
        INTERVIEW_SCHEDULE = "interview_schedule", "Interview scheduled"

    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=32, choices=Action.choices, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A guard, not behaviour: a log that can be rewritten proves nothing.
        if not self._state.adding:
            raise PermissionError(AUDIT_EVENT_IMMUTABLE)
        super().save(*args, **kwargs)
