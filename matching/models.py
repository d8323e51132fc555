"""Matching engine data: stored embeddings, scoring runs and match scores."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext

from ats_site.common.models import BaseModel
from matching.core.scoring.scoring import bucket_for


class EmbeddingRecord(BaseModel):
    """One text's vector for one model: unchanged text is never encoded twice."""

    model_id = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, default="passage")
    text_sha256 = models.CharField(max_length=64)
    dimension = models.PositiveIntegerField()
    chunk_count = models.PositiveIntegerField(default=1)
    vector = models.BinaryField()  # little-endian float32, L2-normalised

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["model_id", "kind", "text_sha256"], name="embedding_unique_text_per_model"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model_id}:{self.text_sha256[:12]}"


class ScoringRun(BaseModel):
    """A bulk (re-)scoring job: status and live progress, shown in the UI and the API."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    vacancy = models.ForeignKey(
        "vacancies.Vacancy", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    batches_total = models.PositiveIntegerField(default=0)
    batches_done = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    model_version = models.CharField(max_length=200, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")), name="scoring_run_done_le_total"
            ),
        ]

    def __str__(self) -> str:
        return f"Scoring run #{self.pk} ({self.status})"

    @property
    def progress(self) -> float:
        return 1.0 if self.total == 0 else self.done / self.total

    @property
    def status_text(self) -> str:
        """The status as shown: a failed run says why ("failed: <reason>")."""
        label = gettext(self.get_status_display())
        if self.status == self.Status.FAILED and self.message:
            return gettext("%(status)s: %(reason)s") % {"status": label, "reason": self.message}
        return label


class MatchScore(BaseModel):
    """A candidate's explained score for a vacancy under one model version (upserted)."""

    vacancy = models.ForeignKey(
        "vacancies.Vacancy", on_delete=models.CASCADE, related_name="match_scores"
    )
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="match_scores"
    )
    application = models.ForeignKey(
        "vacancies.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="match_scores",
    )
    model_version = models.CharField(max_length=200)
    score = models.FloatField()
    bucket = models.CharField(max_length=24)
    features = models.JSONField(default=dict)
    matched_skills = models.JSONField(default=list)
    missing_skills = models.JSONField(default=list)
    missing_categories = models.JSONField(default=list)
    recommendations = models.JSONField(default=list)
    candidate_domain = models.CharField(max_length=40, blank=True)
    vacancy_domain = models.CharField(max_length=40, blank=True)
    # Stage 1's cosine (redacted CV against the posting) and the learned ranker's inputs, kept
    # so that a ranking request reads them instead of encoding anything.
    retrieval_cosine = models.FloatField(null=True, blank=True)
    ranker_features = models.JSONField(default=list, blank=True)
    text_sha256 = models.CharField(max_length=64, blank=True)
    override_score = models.FloatField(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "candidate", "model_version"],
                name="match_score_unique_per_model",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="match_score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} for {self.vacancy_id}: {self.score:.1f} ({self.bucket})"

    @property
    def effective_score(self) -> float:
        """The recruiter's override when there is one, else the model's score."""
        return self.override_score if self.override_score is not None else self.score

    @property
    def effective_bucket(self) -> str:
        """The bucket of the effective score: an override of 40 is not "strong"."""
        if self.override_score is None:
            return self.bucket
        return str(bucket_for(self.override_score))


class ScoringBatch(models.Model):
    """A slice of a run, scored in one task and written in one transaction (resumable)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    run = models.ForeignKey(ScoringRun, on_delete=models.CASCADE, related_name="batches")
    index = models.PositiveIntegerField()
    application_ids = models.JSONField(default=list)
    # Pool candidates (talent pool, whole base) scored against the run's vacancy without an
    # application.
    candidate_ids = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # When the latest attempt started or the reaper enqueued the batch again: a batch still
    # pending this long after it (past the task time limit) lost its worker.
    attempted_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "index"]
        constraints = [
            models.UniqueConstraint(fields=["run", "index"], name="scoring_batch_unique_index"),
        ]

    def __str__(self) -> str:
        return f"Batch {self.index} of run #{self.run_id} ({self.status})"

    @property
    def size(self) -> int:
        """Pairs in the batch: applications plus pool candidates."""
        return len(self.application_ids) + len(self.candidate_ids)


class OccupationReading(BaseModel):
    """What the occupation engine reads a candidate's scored CV or a vacancy as (one per subject).

    Computed in the worker and upserted; ``engine_version`` and ``text_sha256`` make the task
    idempotent and tell the sweep (``refresh_occupations``) which readings a new engine or an
    edited text made stale. The top occupations are ``OccupationReadingEntry`` rows.
    """

    candidate = models.OneToOneField(
        "candidates.Candidate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="occupation_reading",
    )
    document = models.ForeignKey(
        "candidates.CandidateDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    vacancy = models.OneToOneField(
        "vacancies.Vacancy",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="occupation_reading",
    )
    engine_version = models.CharField(max_length=200, db_index=True)
    text_sha256 = models.CharField(max_length=64)
    domain = models.CharField(max_length=40, blank=True)
    domain_confidence = models.FloatField(default=0.0)
    # The engine's whole profile (``OccupationProfile.to_json``): top occupations with their
    # evidence and the 13-domain distribution, for the score's occupation fit.
    profile = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(candidate__isnull=False, vacancy__isnull=True)
                | models.Q(candidate__isnull=True, vacancy__isnull=False),
                name="occupation_reading_one_subject",
            ),
        ]

    def __str__(self) -> str:
        subject = (
            f"candidate {self.candidate_id}" if self.candidate_id else f"vacancy {self.vacancy_id}"
        )
        return f"Occupations of {subject} ({self.engine_version})"


class OccupationReadingEntry(models.Model):
    """One of a reading's top ESCO occupations, rank 1 the most confident."""

    reading = models.ForeignKey(OccupationReading, on_delete=models.CASCADE, related_name="entries")
    rank = models.PositiveSmallIntegerField()
    uri = models.CharField(max_length=255, db_index=True)
    label = models.CharField(max_length=255)
    isco_code = models.CharField(max_length=8, db_index=True)
    isco_label = models.CharField(max_length=255, blank=True)
    confidence = models.FloatField()

    class Meta:
        ordering = ["reading", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["reading", "rank"], name="occupation_entry_unique_rank"
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0, confidence__lte=1),
                name="occupation_entry_confidence_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.label} ({self.confidence:.2f})"


class RerankScore(BaseModel):
    """The cross-encoder's stage-2 score of a candidate for a vacancy, computed in the worker.

    Kept per scorer version and cross-encoder; a ranking serves it only while it is newer than
    the vacancy and the candidate's latest CV (``matching.selectors.fresh_rerank_scores``).
    """

    vacancy = models.ForeignKey(
        "vacancies.Vacancy", on_delete=models.CASCADE, related_name="rerank_scores"
    )
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="rerank_scores"
    )
    model_version = models.CharField(max_length=200)
    reranker_id = models.CharField(max_length=200)
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "candidate", "model_version", "reranker_id"],
                name="rerank_score_unique_per_model",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} for {self.vacancy_id}: {self.score:.3f} ({self.reranker_id})"
