"""Test settings: only what makes tests faster or isolated."""

import os
import tempfile
from pathlib import Path

from ats_site.env import env
from ats_site.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker process started by the tests is handed the same folder through the environment.
MEDIA_ROOT = Path(
    env.str("FAIRMATCH_TEST_MEDIA_ROOT", default=tempfile.mkdtemp(prefix="fairmatch-test-media-"))
)
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file (not :memory:) so a real worker process can share the test database; one per
    # test process so parallel runs never share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-fairmatch-{os.getpid()}.sqlite3")  # noqa: F405
    }

if CELERY_BROKER_URL.startswith("filesystem"):  # noqa: F405
    # Per test process too; a worker started by the tests is handed this folder.
    _test_queue = Path(
        env.str(
            "FAIRMATCH_TEST_BROKER_DIR",
            default=str(VAR_DIR / f"test-celery-broker-{os.getpid()}"),  # noqa: F405
        )
    )
    for _folder in ("out", "processed", "control"):
        (_test_queue / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(_test_queue)  # noqa: F405

# Short, so the crash tests see a killed worker's message come back quickly on Redis.
FAIRMATCH_TEST_REDIS_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 8}
if not CELERY_BROKER_URL.startswith("filesystem"):  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = FAIRMATCH_TEST_REDIS_TRANSPORT_OPTIONS

# Encoding the 3,007 ESCO occupations takes minutes: tests use the occupation fit's domain-level
# stand-in unless they switch it on (tests of the graded fit build a small index in code).
MATCHING_OCCUPATION_FIT = env.bool("MATCHING_OCCUPATION_FIT", default=False)

# Rankings run the worker's scoring inside the request, so a test that creates rows and asks
# for a ranking sees it scored (tests of the stored path switch it off: test_ranking_read.py).
MATCHING_RANKING_INLINE_WORKER = env.bool("MATCHING_RANKING_INLINE_WORKER", default=True)
