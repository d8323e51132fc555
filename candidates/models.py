"""Candidates, their CVs, and their sensitive attributes (in a table of their own)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ats_site.common.models import BaseModel

NOT_DISCLOSED = "not_disclosed"


class Candidate(BaseModel):
    """A person FairMatch has met: applicant, talent-pool member or sourced profile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate",
    )
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    email = models.EmailField(unique=True)
    phone = models.CharField(max_length=40, blank=True)
    city = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True, db_index=True)
    mobility_regions = models.JSONField(default=list, blank=True)
    headline = models.CharField(max_length=255, blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_version = models.CharField(max_length=32, blank=True)
    external_id = models.CharField(max_length=120, blank=True, db_index=True)
    is_anonymised = models.BooleanField(default=False)
    # Set when the retention notice was sent; erased after the notice period without activity.
    retention_notice_sent_at = models.DateTimeField(null=True, blank=True)
    # The language FairMatch writes to the candidate in (e-mails, invitations).
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(consent_given_at__isnull=True, consent_version="")
                    | models.Q(consent_given_at__isnull=False) & ~models.Q(consent_version="")
                ),
                name="candidate_consent_has_date_and_version",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class CandidateDocument(BaseModel):
    """An uploaded CV: the original file, its verified type, text and parsed profile."""

    class ParseStatus(models.TextChoices):
        PENDING = "pending", "Pending"
        PROCESSING = "processing", "Processing"
        PARSED = "parsed", "Parsed"
        FAILED = "failed", "Failed"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to="cv/%Y/%m/", max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    extracted_text = models.TextField(blank=True)
    parse_status = models.CharField(
        max_length=16, choices=ParseStatus.choices, default=ParseStatus.PENDING, db_index=True
    )
    error_message = models.TextField(blank=True)
    profile = models.JSONField(default=dict, blank=True)
    # The CV that is scored: set when its text was extracted, or chosen by the candidate or a
    # recruiter; never a pending or failed document (`candidates.services.cv_choice`).
    is_selected = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Extraction attempts and when the latest started (or was enqueued again by the reaper).
    parse_attempts = models.PositiveIntegerField(default=0)
    attempted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=models.Q(is_selected=True),
                name="candidate_document_one_selected",
            ),
            models.CheckConstraint(
                condition=models.Q(is_selected=False) | models.Q(parse_status="parsed"),
                name="candidate_document_selected_is_parsed",
            ),
            models.UniqueConstraint(
                fields=["candidate", "sha256"], name="candidate_document_unique_content"
            ),
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="candidate_document_sha256_hex",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_parse_status_display()})"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NON_BINARY = "non_binary", "Non-binary"
    SELF_DESCRIBED = "self_described", "Self-described"
    NOT_DISCLOSED = NOT_DISCLOSED, "Not disclosed"


class CandidateSensitiveAttributes(BaseModel):
    """Self-declared attributes for fairness audits only; never read by scoring code.

    Each attribute is optional with an explicit "not disclosed"; a null birth year means the
    candidate did not disclose it.
    """

    candidate = models.OneToOneField(
        Candidate, on_delete=models.CASCADE, related_name="sensitive_attributes"
    )
    gender = models.CharField(max_length=16, choices=Gender.choices, default=Gender.NOT_DISCLOSED)
    nationality = models.CharField(max_length=64, default=NOT_DISCLOSED)
    ethnicity = models.CharField(max_length=64, default=NOT_DISCLOSED)
    birth_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )

    class Meta:
        verbose_name_plural = "candidate sensitive attributes"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="sensitive_birth_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"Sensitive attributes of candidate #{self.candidate_id}"


class CvIntakeBatch(BaseModel):
    """Many CVs dropped at once by a recruiter; each file becomes a candidate in the worker."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"CV intake #{self.pk}"


class CvIntakeItem(BaseModel):
    """One file of an intake: its candidate (a placeholder until the CV is read) and outcome."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    batch = models.ForeignKey(CvIntakeBatch, on_delete=models.CASCADE, related_name="items")
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    candidate = models.ForeignKey(
        Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    document = models.ForeignKey(
        CandidateDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # True while the candidate still has a placeholder name or e-mail for the recruiter to fix.
    needs_completion = models.BooleanField(default=False)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["batch", "pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"


class CandidateSearchText(BaseModel):
    """What full-text search reads of a candidate: profile and scored-CV words, normalised.

    Written only by `candidates.services.search_index` (folded words, `search_text.index_text`)
    and never from sensitive attributes. Migration 0006 indexes it: a GIN expression index on
    PostgreSQL, the FTS5 table `candidates_search_fts` with sync triggers on SQLite. A later
    SQLite migration that rebuilds this table drops those triggers and must create them again
    (`candidates.search_sqlite.create_statements`).
    """

    candidate = models.OneToOneField(
        Candidate, on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    profile_terms = models.TextField(blank=True)
    cv_terms = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Search text of candidate #{self.candidate_id}"
