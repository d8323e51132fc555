"""The model version recorded on every score: encoder plus scorer weights."""

from matching.services.encoders import default_encoder

# 2: live scores take their domain part from the trained classifier, not the prototypes.
SCORER_VERSION = "fairmatch-score-2"


def current_model_version() -> str:
    """`<encoder model id>/<scorer version>`, shown next to every automated output."""
    return f"{default_encoder().model_id}/{SCORER_VERSION}"
