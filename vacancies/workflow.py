"""The one canonical application workflow, with the French firm's statuses mapped onto it.

Pure Python so training, audits and tests can use it without the ORM.
"""

from enum import StrEnum


class ApplicationStatus(StrEnum):
    NEW = "new"
    SCREENING = "screening"
    PHONE_SCREEN_PENDING = "phone_screen_pending"  # NET in the firm's data
    INTERVIEW_DECLINED = "interview_declined"  # NAE
    INTERVIEW = "interview"
    OFFER = "offer"
    HIRED = "hired"  # Embauche
    REJECTED = "rejected"  # Négatif (with or without a message to the candidate)
    TALENT_POOL = "talent_pool"  # Vivier
    WITHDRAWN = "withdrawn"
    VACANCY_FILLED = "vacancy_filled"  # Poste pourvu
    NO_NEWS = "no_news"


class Outcome(StrEnum):
    """How training and audits read a status."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    TALENT_POOL = "talent_pool"
    OPEN = "open"  # still moving, or ambiguous as a label


S = ApplicationStatus

STATUS_LABELS: dict[ApplicationStatus, tuple[str, str]] = {
    # status: (English label, the French firm's label; its abbreviations spelled out)
    S.NEW: ("New", "Nouveau"),
    S.SCREENING: ("Screening", "Présélection"),
    S.PHONE_SCREEN_PENDING: ("Phone screen pending", "Appel prévu (NET)"),
    S.INTERVIEW_DECLINED: ("Interview declined", "RDV décliné (NAE)"),
    S.INTERVIEW: ("Interview", "Entretien"),
    S.OFFER: ("Offer", "Proposition"),
    S.HIRED: ("Hired", "Embauche"),
    S.REJECTED: ("Rejected", "Négatif"),
    S.TALENT_POOL: ("Talent pool", "Vivier"),
    S.WITHDRAWN: ("Withdrawn", "Désistement"),
    S.VACANCY_FILLED: ("Vacancy filled", "Poste pourvu"),
    S.NO_NEWS: ("No news", "Sans nouvelles"),
}

OUTCOMES: dict[ApplicationStatus, Outcome] = {
    S.HIRED: Outcome.POSITIVE,
    S.REJECTED: Outcome.NEGATIVE,
    S.INTERVIEW_DECLINED: Outcome.NEGATIVE,
    S.TALENT_POOL: Outcome.TALENT_POOL,
}

_CLOSING = {S.REJECTED, S.TALENT_POOL, S.WITHDRAWN, S.VACANCY_FILLED, S.NO_NEWS}

ALLOWED_TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    S.NEW: frozenset({S.SCREENING, S.PHONE_SCREEN_PENDING, S.INTERVIEW} | _CLOSING),
    S.SCREENING: frozenset({S.PHONE_SCREEN_PENDING, S.INTERVIEW} | _CLOSING),
    S.PHONE_SCREEN_PENDING: frozenset({S.INTERVIEW, S.INTERVIEW_DECLINED} | _CLOSING),
    S.INTERVIEW: frozenset({S.OFFER} | _CLOSING),
    S.INTERVIEW_DECLINED: frozenset({S.TALENT_POOL, S.REJECTED}),
    S.OFFER: frozenset({S.HIRED, S.REJECTED, S.WITHDRAWN, S.TALENT_POOL}),
    S.HIRED: frozenset(),
    S.REJECTED: frozenset({S.TALENT_POOL}),
    # A talent-pool member can be reactivated for the same vacancy.
    # Withdrawn: the candidate leaves the pool (asked to, or their consent expired).
    S.TALENT_POOL: frozenset(
        {S.SCREENING, S.PHONE_SCREEN_PENDING, S.INTERVIEW, S.REJECTED, S.WITHDRAWN}
    ),
    S.WITHDRAWN: frozenset({S.TALENT_POOL}),
    S.VACANCY_FILLED: frozenset({S.TALENT_POOL}),
    S.NO_NEWS: frozenset({S.SCREENING, S.PHONE_SCREEN_PENDING, S.TALENT_POOL, S.REJECTED}),
}

# Stages an application can reach, in pipeline order, for funnel audits.
STAGE_ORDER: tuple[ApplicationStatus, ...] = (
    S.SCREENING,
    S.PHONE_SCREEN_PENDING,
    S.INTERVIEW,
    S.OFFER,
    S.HIRED,
)


def outcome_of(status: ApplicationStatus | str) -> Outcome:
    """The outcome class of a status (positive, negative, talent pool or open)."""
    return OUTCOMES.get(ApplicationStatus(status), Outcome.OPEN)


def can_move(source: ApplicationStatus | str, target: ApplicationStatus | str) -> bool:
    """Whether the workflow allows moving from `source` to `target`."""
    return ApplicationStatus(target) in ALLOWED_TRANSITIONS[ApplicationStatus(source)]


def reached_stage(statuses: list[str], stage: ApplicationStatus | str) -> bool:
    """Whether an application whose history holds `statuses` ever reached `stage` or later."""
    rank = STAGE_ORDER.index(ApplicationStatus(stage))
    later = {s.value for s in STAGE_ORDER[rank:]}
    return any(status in later for status in statuses)
