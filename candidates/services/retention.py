"""Storage limitation (GDPR Art. 5(1)(e)): inactive candidates get a notice, then are erased."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from candidates.models import Candidate, CandidateDocument
from candidates.services.profiles import candidate_erase

RETENTION_NOTICE_SUBJECT = "Your data at FairMatch"
RETENTION_NOTICE_BODY = (
    "We have not seen any activity on your candidate profile for {days} days. Unless you update "
    "your profile or apply again within {notice_days} days, your profile, CVs and contact details "
    "will be erased."
)


@dataclass(frozen=True, slots=True)
class RetentionResult:
    notified: int
    erased: int


def inactive_candidates(*, since: datetime) -> QuerySet[Candidate]:
    """Candidates with no profile, application or CV change since `since`."""
    # Through the reverse relation: applications live in vacancies, which candidates never import.
    recent_applications = Candidate.objects.filter(
        pk=OuterRef("pk"), applications__updated_at__gte=since
    )
    recent_documents = CandidateDocument.objects.filter(
        candidate=OuterRef("pk"), created_at__gte=since
    )
    return Candidate.objects.filter(is_anonymised=False, updated_at__lt=since).exclude(
        Exists(recent_applications) | Exists(recent_documents)
    )


def retention_sweep(*, now: datetime | None = None) -> RetentionResult:
    """Notify candidates inactive for the retention period; erase those notified long enough ago.

    The notice date is written with `update()` so that it does not count as activity.
    """
    now = now or timezone.now()
    inactive = inactive_candidates(since=now - timedelta(days=settings.FAIRMATCH_RETENTION_DAYS))
    notice_cutoff = now - timedelta(days=settings.FAIRMATCH_RETENTION_NOTICE_DAYS)
    due = inactive.filter(retention_notice_sent_at__lte=notice_cutoff)
    erased = 0
    for candidate in due.iterator():
        candidate_erase(candidate=candidate)
        erased += 1
    to_notify = list(inactive.filter(retention_notice_sent_at__isnull=True))
    for candidate in to_notify:
        send_mail(
            RETENTION_NOTICE_SUBJECT,
            RETENTION_NOTICE_BODY.format(
                days=settings.FAIRMATCH_RETENTION_DAYS,
                notice_days=settings.FAIRMATCH_RETENTION_NOTICE_DAYS,
            ),
            None,
            [candidate.email],
        )
        Candidate.objects.filter(pk=candidate.pk).update(retention_notice_sent_at=now)
    return RetentionResult(notified=len(to_notify), erased=erased)
