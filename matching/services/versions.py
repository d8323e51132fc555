"""The model version recorded on every score: encoder plus scorer weights."""

from matching.services.ats_score import scorer_method
from matching.services.encoders import configured_encoder_id

# 3: the learned additive score (matching/weights/ats_score.json), explained part by part.
# 2: live scores take their domain part from the trained classifier, not the prototypes.
SCORER_VERSION = "fairmatch-score-3"


def current_model_version() -> str:
    """`<encoder model id>/<scorer version>:<score weights>`, shown next to every automated output.

    A new encoder, scorer code or weights version makes every stored score stale, so the stale
    sweep (``runs.stale_scores_refresh``) re-scores them in the background. Read from the
    settings and weight files: naming the version never loads the encoder.
    """
    return f"{configured_encoder_id()}/{SCORER_VERSION}:{scorer_method()}"
