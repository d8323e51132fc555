"""The O*NET title index that steadies a posting's domain, loaded once per process.

``MATCHING_ONET_DIR`` names the folder of O*NET title files; empty means auto: the checkout's
``../shared/data/onet`` when it exists, else no lookup. ``MATCHING_ONET_TITLE_WEIGHT`` is the
blend's weight (0 switches the lookup off). See ``matching.core.occupations.onet_titles``.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from matching.core.occupations import OnetTitleIndex, load_onet_title_index

ONET_DIR_UNUSABLE = "MATCHING_ONET_DIR={path} cannot be used: {reason}"
ONET_WEIGHT_INVALID = "MATCHING_ONET_TITLE_WEIGHT must be between 0 and 1, got {weight}"


@dataclass(frozen=True, slots=True)
class TitleLookup:
    """The O*NET title blend in force: its index (``None``: off), weight and folder."""

    index: OnetTitleIndex | None
    weight: float
    folder: Path | None

    def to_json(self) -> dict[str, Any]:
        """What commands report about the lookup (folder and weight are null when off)."""
        used = self.index is not None
        return {
            "folder": str(self.folder) if used and self.folder else None,
            "weight": self.weight if used else None,
        }


def auto_onet_dir() -> Path:
    """Where the O*NET files sit beside the checkout (``../shared/data/onet``)."""
    return Path(settings.BASE_DIR).parent / "shared" / "data" / "onet"


def onet_dir() -> Path | None:
    """The O*NET folder in use: MATCHING_ONET_DIR, else the auto folder when it exists."""
    configured = str(settings.MATCHING_ONET_DIR).strip()
    if configured:
        return Path(configured).expanduser()
    auto = auto_onet_dir()
    return auto if auto.is_dir() else None


def onet_title_weight() -> float:
    """MATCHING_ONET_TITLE_WEIGHT checked.

    Raises:
        ImproperlyConfigured: When it is outside ``[0, 1]``.
    """
    weight = float(settings.MATCHING_ONET_TITLE_WEIGHT)
    if not 0.0 <= weight <= 1.0:
        raise ImproperlyConfigured(ONET_WEIGHT_INVALID.format(weight=weight))
    return weight


def onet_title_index() -> OnetTitleIndex | None:
    """The title index of ``onet_dir()``; ``None`` when there is none or the weight is 0.

    Raises:
        ImproperlyConfigured: When MATCHING_ONET_DIR is set but holds no O*NET title files
            (a typo there must not silently score without the lookup).
    """
    folder = onet_dir()
    if folder is None or onet_title_weight() == 0.0:
        return None
    return _load(str(folder.resolve()))


@lru_cache(maxsize=2)
def _load(folder: str) -> OnetTitleIndex:
    """Read and index the title files once per folder (about 3 s and 40k titles)."""
    path = Path(folder)
    if not path.is_dir():
        raise ImproperlyConfigured(ONET_DIR_UNUSABLE.format(path=folder, reason="no such folder"))
    try:
        return load_onet_title_index(path)
    except (OSError, KeyError, UnicodeDecodeError) as error:
        raise ImproperlyConfigured(ONET_DIR_UNUSABLE.format(path=folder, reason=error)) from None


def title_lookup_get(*, enabled: bool = True) -> TitleLookup:
    """The configured lookup; ``enabled=False`` (a command's ``--no-onet-titles``) turns it off.

    Raises:
        ImproperlyConfigured: As ``onet_title_index`` and ``onet_title_weight``.
    """
    weight = onet_title_weight()
    index = onet_title_index() if enabled else None
    return TitleLookup(index=index, weight=weight, folder=onet_dir() if index else None)
