"""Reads of bulk CV intakes: a recruiter sees their own batches, an HR admin every batch."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ats_site.accounts.models import User
from candidates.models import CvIntakeBatch, CvIntakeItem


def cv_intake_batch_list(*, viewer: User) -> QuerySet[CvIntakeBatch]:
    """The intakes the viewer may follow, newest first."""
    batches = CvIntakeBatch.objects.all()
    if not viewer.is_hr_admin:
        batches = batches.filter(created_by=viewer)
    return batches.order_by("-created_at", "-pk")


def cv_intake_items(*, batch: CvIntakeBatch) -> QuerySet[CvIntakeItem]:
    """A batch's files in the order they were dropped, with their candidates."""
    return batch.items.select_related("candidate", "document").order_by("pk")


@dataclass(frozen=True, slots=True)
class IntakeProgress:
    total: int
    pending: int
    done: int
    failed: int

    @property
    def is_finished(self) -> bool:
        return self.pending == 0


def cv_intake_progress(*, batch: CvIntakeBatch) -> IntakeProgress:
    """Counts of a batch's items by outcome, in one query."""
    counts = batch.items.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=CvIntakeItem.Status.PENDING)),
        done=Count("pk", filter=Q(status=CvIntakeItem.Status.DONE)),
        failed=Count("pk", filter=Q(status=CvIntakeItem.Status.FAILED)),
    )
    return IntakeProgress(**counts)
