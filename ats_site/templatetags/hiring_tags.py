"""Template filters of the hiring workflow: scorecard criteria and e-mail-log labels."""

from django import template
from django.utils.translation import gettext, gettext_noop

from vacancies.hiring_forms import CRITERION_LABELS
from vacancies.interviews import SCORECARD_CRITERIA

register = template.Library()

# Model choice labels of the e-mail log and scorecards, listed so makemessages collects them
# and `|translate_label` shows them in French.
HIRING_CHOICE_LABELS = [
    gettext_noop("Status e-mail"),
    gettext_noop("Interview invitation"),
    gettext_noop("Queued"),
    gettext_noop("Sending"),
    gettext_noop("Sent"),
    gettext_noop("Cancelled"),
    gettext_noop("Strong yes"),
    gettext_noop("Yes"),
    gettext_noop("No"),
    gettext_noop("Strong no"),
]


@register.filter
def criterion_label(criterion: str) -> str:
    """A scorecard criterion's label in the active language."""
    label = CRITERION_LABELS.get(criterion)
    return str(label) if label is not None else gettext(criterion)


@register.filter
def scorecard_items(ratings: dict[str, int]) -> list[tuple[str, int]]:
    """A scorecard's ratings in the criteria's order (JSON columns do not keep key order)."""
    ordered = [(c, ratings[c]) for c in SCORECARD_CRITERIA if c in ratings]
    return ordered + [(c, v) for c, v in ratings.items() if c not in SCORECARD_CRITERIA]
