"""Celery: embedded filesystem broker by default, Redis or RabbitMQ through CELERY_BROKER_URL.

https://docs.celeryq.dev/en/stable/userguide/configuration.html
"""

from pathlib import Path

from celery.schedules import crontab

from ats_site.env import BASE_DIR, env

_queue_dir = env.str("CELERY_FILESYSTEM_DIR", default=str(BASE_DIR / "var" / "celery-broker"))

# The filesystem transport keeps the default asynchronous without any external service.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem"):
    for _folder in ("out", "processed", "control"):
        Path(_queue_dir, _folder).mkdir(parents=True, exist_ok=True)


def filesystem_broker_options(queue_dir: str | Path) -> dict[str, object]:
    """Transport options of the filesystem broker whose queue lives in `queue_dir`."""
    return {
        "data_folder_in": f"{queue_dir}/out",
        "data_folder_out": f"{queue_dir}/out",
        "processed_folder": f"{queue_dir}/processed",
        "control_folder": f"{queue_dir}/control",
        "store_processed": False,
    }


CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = (
    filesystem_broker_options(_queue_dir)
    if CELERY_BROKER_URL.startswith("filesystem")
    # Redis redelivers a message unacknowledged this long (a killed worker's task).
    else {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="django-db")
CELERY_RESULT_EXTENDED = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = env.str("DJANGO_TIME_ZONE", default="Europe/Paris")
CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_DEFAULT_QUEUE = "default"
# Model work goes to "gpu" (a CPU worker serves it where there is no GPU) so a large ranking
# never starves the light tasks on "default".
CELERY_TASK_ROUTES = {
    "matching.tasks.*": {"queue": "gpu"},
    "candidates.tasks.*": {"queue": "default"},
    "fairness.tasks.*": {"queue": "default"},
    "vacancies.tasks.*": {"queue": "default"},
}
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=660)
# Idempotent tasks only: a worker killed mid-task gives the message back to the queue.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Crash safety on every broker (the filesystem one never redelivers): a batch or CV extraction
# whose attempt is older than this (default: the hard time limit, which no live task outlives)
# lost its worker and is enqueued again by the reaper; after FAIRMATCH_TASK_MAX_ATTEMPTS it
# fails, with the reason shown. docs/security.md ("Fault model")
FAIRMATCH_TASK_ATTEMPT_TIMEOUT_SECONDS = env.int(
    "FAIRMATCH_TASK_ATTEMPT_TIMEOUT_SECONDS", default=CELERY_TASK_TIME_LIMIT
)
FAIRMATCH_TASK_MAX_ATTEMPTS = env.int("FAIRMATCH_TASK_MAX_ATTEMPTS", default=3)
FAIRMATCH_REAPER_SECONDS = env.float("FAIRMATCH_REAPER_SECONDS", default=60.0)
# Staff pages show a banner when work has waited this long, or when no worker wrote its
# heartbeat (a thread in each worker, every FAIRMATCH_WORKER_HEARTBEAT_SECONDS) within
# FAIRMATCH_WORKER_DEAD_AFTER_SECONDS; the check is cached FAIRMATCH_QUEUE_HEALTH_CACHE_SECONDS.
FAIRMATCH_QUEUE_ALERT_MINUTES = env.float("FAIRMATCH_QUEUE_ALERT_MINUTES", default=10.0)
FAIRMATCH_WORKER_HEARTBEAT_SECONDS = env.float("FAIRMATCH_WORKER_HEARTBEAT_SECONDS", default=15.0)
FAIRMATCH_WORKER_DEAD_AFTER_SECONDS = env.float("FAIRMATCH_WORKER_DEAD_AFTER_SECONDS", default=60.0)
FAIRMATCH_QUEUE_HEALTH_CACHE_SECONDS = env.int("FAIRMATCH_QUEUE_HEALTH_CACHE_SECONDS", default=30)
# A CV unread this long after upload says "waiting for the worker" to its uploader.
FAIRMATCH_WORKER_WAIT_NOTICE_SECONDS = env.float(
    "FAIRMATCH_WORKER_WAIT_NOTICE_SECONDS", default=60.0
)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "candidate-retention": {
        "task": "candidates.tasks.retention_sweep_task",
        "schedule": crontab(minute=30, hour=2),
    },
    "talent-pool-consent-expiry": {
        "task": "vacancies.tasks.talent_pool_expire_task",
        "schedule": crontab(minute=15, hour=2),
    },
    "audit-log-retention": {
        "task": "ats_site.accounts.tasks.audit_events_purge_task",
        "schedule": crontab(minute=45, hour=2),
    },
    # A stored audit of the whole pipeline on the first day of every month.
    "monthly-fairness-audit": {
        "task": "fairness.tasks.audit_run_database_task",
        "schedule": crontab(minute=0, hour=3, day_of_month=1),
    },
    "score-stale-applications": {
        "task": "matching.tasks.stale_scores_refresh_task",
        "schedule": env.float("MATCHING_STALE_SWEEP_SECONDS", default=60.0),
    },
    "reap-stalled-scoring": {
        "task": "matching.tasks.scoring_stalled_reap_task",
        "schedule": FAIRMATCH_REAPER_SECONDS,
    },
    "reap-stalled-extractions": {
        "task": "candidates.tasks.cv_extractions_stalled_reap_task",
        "schedule": FAIRMATCH_REAPER_SECONDS,
    },
    "upload-temp-files-cleanup": {
        "task": "candidates.tasks.upload_temp_files_cleanup_task",
        "schedule": 15 * 60.0,
    },
}
