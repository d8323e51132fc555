"""The smallest group a fairness figure may describe on this deployment.

Reports suppress groups under `min_group_size` people so nobody can be picked out of a small
group's rates. A caller may ask for more suppression, never less than the deployment's floor
(`FAIRNESS_MIN_GROUP_SIZE_FLOOR`): the API, the command and the web form all resolve the size
here, so none of them can be used to bypass it.
"""

from typing import Final

from django.conf import settings

from ats_site.exceptions import GroupTooSmall

MIN_GROUP_SIZE_BELOW_FLOOR: Final = (
    "min_group_size {requested} is below this deployment's floor of {floor}: groups under "
    "{floor} people are always suppressed (setting FAIRNESS_MIN_GROUP_SIZE_FLOOR)."
)


def min_group_size_floor() -> int:
    """The deployment's floor (at least 1)."""
    return max(1, int(settings.FAIRNESS_MIN_GROUP_SIZE_FLOOR))


def min_group_size_resolve(*, requested: int | None) -> int:
    """The size to suppress under: `requested`, or the default; never below the floor.

    Raises:
        GroupTooSmall: `requested` is below the floor (a 400 on the API).
    """
    floor = min_group_size_floor()
    if requested is None:
        return max(int(settings.FAIRNESS_MIN_GROUP_SIZE), floor)
    if requested < floor:
        raise GroupTooSmall(
            MIN_GROUP_SIZE_BELOW_FLOOR.format(requested=requested, floor=floor),
            {"min_group_size": requested, "floor": floor},
        )
    return requested
