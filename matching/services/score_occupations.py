"""The ESCO occupation index of the score's graded occupation fit, built once per process."""

from functools import cache

from django.conf import settings

from matching.core.encoding.encoder import Encoder
from matching.core.scoring.occupation_signal import OccupationReader
from matching.services.encoders import default_encoder
from matching.services.occupation_reader import esco_occupation_index, esco_taxonomy


def score_occupation_reader_for(encoder: Encoder) -> OccupationReader | None:
    """A reader over the official ESCO occupations encoded by ``encoder`` (vectors cached in
    ``VAR_DIR/occupation-index``); None when MATCHING_OCCUPATION_FIT is off or no ESCO folder
    can be read (the score then uses the fit's domain-level stand-in)."""
    if not settings.MATCHING_OCCUPATION_FIT:
        return None
    try:
        taxonomy = esco_taxonomy()
    except (FileNotFoundError, ValueError):
        return None
    return OccupationReader.build(esco_occupation_index(encoder), taxonomy, encoder)


@cache
def score_occupation_reader_get() -> OccupationReader | None:
    """``score_occupation_reader_for`` the product's encoder, once per process."""
    return score_occupation_reader_for(default_encoder())
