"""The short version of benchmarks/load/throttles.py: `gunicorn -w 4` on the production
profile with the shared cache on Redis, wrong passwords with rotating X-Forwarded-For sent
four at a time; no more than the limit is ever checked, the rest are throttled (429)."""

import os
import tempfile
import time
from pathlib import Path

import pytest

from benchmarks.load import throttles
from tests.integration.conftest import database_url, redis_broker

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    # Opt-in: 110 s on the 2-core development machine under load, over the suite's ~20 s
    # budget for it (docs/security.md); CI can set FAIRMATCH_LOAD_TESTS=1.
    pytest.mark.skipif(
        os.environ.get("FAIRMATCH_LOAD_TESTS") != "1",
        reason="starts gunicorn -w 4 (about 2 min on a small machine): set FAIRMATCH_LOAD_TESTS=1",
    ),
]

LIMIT = 5
ATTEMPTS = 15  # per scenario: web and API, 30 in all


def test_login_limits_hold_across_four_gunicorn_workers() -> None:
    cache_url = redis_broker().url  # skips (or fails where Redis is required) like the crash tests
    port = 8200 + os.getpid() % 500
    with tempfile.TemporaryDirectory(prefix="fairmatch-throttles-") as tmp:
        folder = Path(tmp)
        server = throttles.start_server(
            folder=folder,
            cache_url=cache_url,
            rate=f"{LIMIT}/hour",  # one window for the whole test: the count is exact
            workers=4,
            port=port,
            database_url=database_url(),
        )
        try:
            base = f"http://127.0.0.1:{port}"
            tag = f"{int(time.time())}-{os.getpid()}"
            results = [
                throttles.run_scenario(
                    name=name,
                    attempt=make_attempt(base, source),
                    usernames=[f"nobody-{tag}-{source}-{n}" for n in range(ATTEMPTS)],
                    allowed=lambda windows: LIMIT * windows,
                    threads=4,
                    period_s=3600,
                )
                for name, make_attempt, source in [
                    ("web", throttles.web_attempt, "127.0.0.21"),
                    ("api", throttles.api_attempt, "127.0.0.22"),
                ]
            ]
        finally:
            throttles.stop_server(server)
        answered = throttles.workers_that_answered(folder)

    for result in results:
        assert result.got_through == LIMIT, result  # every slot used, none overrun
        assert result.throttled == ATTEMPTS - LIMIT, result
        assert "500" not in result.statuses, result
    assert answered >= 2, "the attempts should be spread over several workers"
