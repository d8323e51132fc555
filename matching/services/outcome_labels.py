"""Training labels of application outcomes (hired, rejected, talent pool).

Binary labels: hired = 1; rejected and interview declined = 0; the three-class variant keeps the
talent pool as a class: rejected = 0, talent pool = 1, hired = 2. Shared by the training export
(``matching.training.dataset``) and the outcome evaluation, which is why it is a service module:
``matching.training`` reads services, never the reverse.
"""

from vacancies.workflow import ApplicationStatus, Outcome, outcome_of

BINARY_LABELS: dict[Outcome, int] = {Outcome.NEGATIVE: 0, Outcome.POSITIVE: 1}
THREE_CLASS_LABELS: dict[Outcome, int] = {
    Outcome.NEGATIVE: 0,
    Outcome.TALENT_POOL: 1,
    Outcome.POSITIVE: 2,
}


def label_of(status: ApplicationStatus | str, *, three_class: bool = False) -> int | None:
    """The training label of a status, or ``None`` when it is ambiguous and left out."""
    labels = THREE_CLASS_LABELS if three_class else BINARY_LABELS
    return labels.get(outcome_of(status))


def labelled_statuses(*, three_class: bool = False) -> list[str]:
    """Statuses that carry a label."""
    return [
        status.value
        for status in ApplicationStatus
        if label_of(status, three_class=three_class) is not None
    ]
