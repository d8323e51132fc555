"""Vacancies, applications and the full history of every status change."""

from django.conf import settings
from django.db import models

from ats_site.common.models import BaseModel
from vacancies.workflow import STATUS_LABELS, ApplicationStatus

APPLICATION_STATUS_CHOICES = [(s.value, STATUS_LABELS[s][0]) for s in ApplicationStatus]


class Vacancy(BaseModel):
    """An open (or draft, closed, filled) position owned by a recruiter."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        FILLED = "filled", "Filled"

    class Seniority(models.TextChoices):
        ENTRY = "entry", "Entry"
        JUNIOR = "junior", "Junior"
        MID = "mid", "Mid-level"
        SENIOR = "senior", "Senior"
        LEAD = "lead", "Lead"
        PRINCIPAL = "principal", "Principal"

    title = models.CharField(max_length=255)
    organisation = models.CharField(max_length=255, blank=True)
    department = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    required_skills = models.JSONField(default=list, blank=True)
    preferred_skills = models.JSONField(default=list, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    seniority = models.CharField(max_length=16, choices=Seniority.choices, default=Seniority.MID)
    experience_min_years = models.PositiveSmallIntegerField(default=0)
    experience_max_years = models.PositiveSmallIntegerField(null=True, blank=True)
    location = models.CharField(max_length=255, blank=True)
    region = models.CharField(max_length=120, blank=True, db_index=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_vacancies",
        null=True,
        blank=True,
    )
    external_id = models.CharField(max_length=120, blank=True, db_index=True)
    # The ESCO occupation a recruiter chose (accepted or picked): used instead of the inferred
    # one wherever the vacancy's occupation is read (``matching.selectors``).
    chosen_occupation_uri = models.CharField(max_length=255, blank=True)
    chosen_occupation_label = models.CharField(max_length=255, blank=True)
    chosen_occupation_isco_code = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name_plural = "vacancies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(experience_max_years__isnull=True)
                | models.Q(experience_max_years__gte=models.F("experience_min_years")),
                name="vacancy_experience_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Application(BaseModel):
    """A candidate in a vacancy's pipeline; one per (candidate, vacancy)."""

    Status = ApplicationStatus

    class Source(models.TextChoices):
        APPLIED = "applied", "Applied"
        TALENT_POOL = "talent_pool", "Talent pool"
        SOURCED = "sourced", "Sourced by a recruiter"
        REFERRAL = "referral", "Referral"
        IMPORTED = "imported", "Imported"

    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="applications"
    )
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applications")
    status = models.CharField(
        max_length=24,
        choices=APPLICATION_STATUS_CHOICES,
        default=ApplicationStatus.NEW.value,
        db_index=True,
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.APPLIED)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "vacancy"], name="application_unique_candidate_vacancy"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in ApplicationStatus]),
                name="application_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} -> {self.vacancy} ({self.status})"


class ApplicationStatusChange(models.Model):
    """One row per status change, written by the service that moves the application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=24, choices=APPLICATION_STATUS_CHOICES, blank=True)
    to_status = models.CharField(max_length=24, choices=APPLICATION_STATUS_CHOICES)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application_status_changes",
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reason = models.TextField(blank=True)
    candidate_notified = models.BooleanField(default=False)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"


class EmailTemplate(BaseModel):
    """The e-mail sent to a candidate when their application reaches a status, per language.

    Subject and body are plain text with `$placeholders` (``vacancies.emails.PLACEHOLDERS``);
    HR admins edit them in the Django admin.
    """

    class Language(models.TextChoices):
        EN = "en", "English"
        FR = "fr", "Français"

    status = models.CharField(max_length=24, choices=APPLICATION_STATUS_CHOICES)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.EN)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["status", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["status", "language"], name="email_template_unique_status_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} ({self.language})"


class Interview(BaseModel):
    """An interview slot for one application, with its interviewers (staff logins)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=255, blank=True)
    meeting_link = models.URLField(max_length=500, blank=True)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="interviews_to_conduct"
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="interview_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Interview {self.starts_at:%Y-%m-%d %H:%M} ({self.application_id})"


class ApplicationEmail(BaseModel):
    """One e-mail to one recipient about an application: queued, then sent once by a task."""

    class Kind(models.TextChoices):
        STATUS = "status", "Status e-mail"
        INTERVIEW_INVITE = "interview_invite", "Interview invitation"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=24, choices=Kind.choices, default=Kind.STATUS)
    template = models.ForeignKey(
        EmailTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, null=True, blank=True, related_name="emails"
    )
    language = models.CharField(max_length=8, default="en")
    recipient = models.EmailField()
    is_to_candidate = models.BooleanField(default=True)
    subject = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    error_message = models.TextField(blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sent_at__isnull=True) | models.Q(status="sent"),
                name="application_email_sent_at_only_when_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient} ({self.status})"


class InterviewFeedback(BaseModel):
    """One interviewer's scorecard for one interview: ratings 1-5 per criterion."""

    class Recommendation(models.TextChoices):
        STRONG_YES = "strong_yes", "Strong yes"
        YES = "yes", "Yes"
        NO = "no", "No"
        STRONG_NO = "strong_no", "Strong no"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="feedback")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ratings = models.JSONField(default=dict)
    recommendation = models.CharField(max_length=16, choices=Recommendation.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "interviewer"], name="interview_feedback_one_per_interviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.interview_id} by {self.interviewer_id}"
