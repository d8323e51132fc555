"""A status's label in the language active when it is shown, for messages formatted early."""

from django.utils.translation import get_language

from vacancies.workflow import STATUS_LABELS, ApplicationStatus


class StatusLabel:
    """Formats as "Talent pool" or "Vivier" depending on the language active at that moment."""

    def __init__(self, status: ApplicationStatus | str) -> None:
        self.status = str(status)

    def __str__(self) -> str:
        try:
            english, french = STATUS_LABELS[ApplicationStatus(self.status)]
        except ValueError:
            return self.status
        return french if (get_language() or "").startswith("fr") else english

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)
