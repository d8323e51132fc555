"""The fair classifier's access path to sensitive attributes (this app only; every read logged)."""

import logging
from collections.abc import Sequence
from typing import Final

from django.db.models import F
from django.utils import timezone

from fairness.core.groups import age_band, is_unknown
from vacancies.models import Application

logger = logging.getLogger(__name__)

TRAINING_ATTRIBUTES: Final = ("gender", "nationality", "ethnicity", "age_band")
ATTRIBUTE_UNKNOWN = (
    "unknown attribute {name!r}: expected one of gender, nationality, ethnicity, age_band"
)
SENSITIVE_READ_LOG = "sensitive attribute %s read for fair classifier training: %d applications"


def application_sensitive_groups(
    *, application_ids: Sequence[int], attribute: str
) -> list[str | None]:
    """The candidate's value of ``attribute`` for each application, in order (None: unknown).

    One query; "not disclosed", blanks and a missing attributes row read as ``None``.

    Raises:
        ValueError: For an attribute outside ``TRAINING_ATTRIBUTES``.
    """
    if attribute not in TRAINING_ATTRIBUTES:
        raise ValueError(ATTRIBUTE_UNKNOWN.format(name=attribute))
    column = "birth_year" if attribute == "age_band" else attribute
    rows = dict(
        Application.objects.filter(pk__in=list(application_ids)).values_list(
            "pk", F(f"candidate__sensitive_attributes__{column}")
        )
    )
    logger.info(SENSITIVE_READ_LOG, attribute, len(rows))
    year = timezone.now().year
    values: list[str | None] = []
    for application_id in application_ids:
        value = rows.get(application_id)
        if attribute == "age_band":
            value = age_band(value, reference_year=year)
        values.append(None if is_unknown(value) else str(value))
    return values
