"""Engine metrics (Prometheus): where worker processes share them, and who may scrape them."""

import os
from pathlib import Path

from ats_site.env import BASE_DIR, env

# prometheus_client's multiprocess mode: gunicorn and Celery processes each write mmap files
# here and /metrics sums them. Must be set before prometheus_client is first imported (settings
# load first). Clear the folder when deploying a new release to restart the counters.
PROMETHEUS_MULTIPROC_DIR = Path(
    env.str(
        "PROMETHEUS_MULTIPROC_DIR",
        default=str(
            Path(env.str("FAIRMATCH_VAR_DIR", default=str(BASE_DIR / "var"))) / "prometheus"
        ),
    )
)
PROMETHEUS_MULTIPROC_DIR.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(PROMETHEUS_MULTIPROC_DIR))
# A scraper may send "Authorization: Bearer <token>" instead of an HR admin session (empty: off).
FAIRMATCH_METRICS_TOKEN = env.str("FAIRMATCH_METRICS_TOKEN", default="")
