"""Do the login throttles hold across gunicorn workers? Wrong passwords against the web login
and POST /api/auth/token/, each with a new X-Forwarded-For, counted per rate window.

    .venv/bin/python -m benchmarks.load.throttles                  # 4 workers, 40 each, 10/min
    .venv/bin/python -m benchmarks.load.throttles --period hour    # strict: one window per run
    .venv/bin/python -m benchmarks.load.throttles --cache-url db:// --attempts 60 --out r.json

Starts `gunicorn -w N` on the production profile with a fresh SQLite database in a temporary
folder and the shared cache given (Redis by default), then four scenarios (the usernames are
unknown: the lockout treats them exactly as real accounts, so nothing tells them apart):
web and API, each with a new username per attempt (the per-address limit must hold: the
forged header is ignored with FAIRMATCH_TRUSTED_PROXIES=0) and with one username (the
per-account limit and lockout must hold). An attempt "got through" when the password was
checked (any answer but 429). Prints and writes a JSON report; exits 1 when any scenario let
more through than its limit allows over the fixed windows the scenario touched.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    name: str
    attempts: int
    got_through: int
    throttled: int
    windows_spanned: int
    allowed: int
    max_through_in_a_window: int
    seconds: float
    holds: bool
    statuses: dict[str, int]


def _environment(folder: Path, cache_url: str, rate: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ats_site.settings.production",
        "DJANGO_SECRET_KEY": "throttle-test-only-not-a-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "False",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_URL": f"sqlite:///{folder / 'throttles.sqlite3'}",
        "FAIRMATCH_VAR_DIR": str(folder / "var"),
        "CELERY_FILESYSTEM_DIR": str(folder / "var" / "celery-broker"),
        "CACHE_URL": cache_url,
        "FAIRMATCH_TRUSTED_PROXIES": "0",
        # The same limit on every login path: web and API, per address and per username.
        "FAIRMATCH_LOGIN_RATE": rate,
        "API_THROTTLE_LOGIN": rate,
        "FAIRMATCH_LOGIN_USERNAME_RATE": rate,
    }


def _clear_counters(cache_url: str) -> None:
    """Counters and lockouts from an earlier run in the same Redis database would skew this
    one; only those keys go (the database may also hold a broker's queues). A db:// cache
    lives in this run's fresh database."""
    if not cache_url.startswith("redis"):
        return
    import redis

    client = redis.Redis.from_url(cache_url)
    for pattern in ("*fairmatch*", "*throttle_*", "*lockout*"):
        for key in client.scan_iter(match=pattern):
            client.delete(key)


def start_server(
    *,
    folder: Path,
    cache_url: str,
    rate: str,
    workers: int,
    port: int,
    database_url: str | None = None,
) -> subprocess.Popen:
    """Migrate a fresh database (unless given one ready), start gunicorn, wait until it answers."""
    env = _environment(folder, cache_url, rate)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        manage = [sys.executable, "manage.py"]
        # `migrate` also creates the db:// cache's table (ats_site/accounts/apps.py).
        subprocess.run([*manage, "migrate", "-v", "0"], cwd=REPO_ROOT, env=env, check=True)
    _clear_counters(cache_url)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (folder / "gunicorn.log").open("ab")
    server = subprocess.Popen(
        [str(gunicorn), "ats_site.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
        # A password check can take seconds on a loaded machine: no worker killed mid-check.
        + ["--preload", "--timeout", "180", "--access-logfile", str(folder / "access.log")]
        + ["--access-logformat", "%(p)s %(s)s %(m)s %(U)s"],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=10).ok:
                return server
        except requests.RequestException:  # not listening yet, or still loading
            pass
        if server.poll() is not None:
            raise RuntimeError((folder / "gunicorn.log").read_text()[-3000:])
        time.sleep(0.2)
    stop_server(server)
    raise RuntimeError("gunicorn did not answer within 180 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


class _FromAddress(requests.adapters.HTTPAdapter):
    """Connections from a given loopback address (127.0.0.0/8 is all ours on Linux), so each
    scenario is one real client whose counters no other scenario touches."""

    def __init__(self, source: str) -> None:
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["source_address"] = (self.source, 0)
        return super().init_poolmanager(*args, **kwargs)


def client_from(source: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", _FromAddress(source))
    return session


def _forged_address() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def web_attempt(base: str, source: str) -> Callable[[str], int]:
    """A wrong password posted to the web login form (CSRF token fetched once)."""
    client = client_from(source)
    page = client.get(f"{base}/accounts/login/", timeout=120)
    token = _CSRF.search(page.text)
    cookie = page.cookies.get("csrftoken")
    if token is None or cookie is None:
        raise RuntimeError("no CSRF token on the login page")

    def attempt(username: str) -> int:
        response = client.post(
            f"{base}/accounts/login/",
            data={"username": username, "password": "wrong", "csrfmiddlewaretoken": token[1]},
            # The cookie is Secure in production; over loopback HTTP it is sent by hand.
            headers={"Cookie": f"csrftoken={cookie}", "X-Forwarded-For": _forged_address()},
            timeout=180,
        )
        return response.status_code

    return attempt


def api_attempt(base: str, source: str) -> Callable[[str], int]:
    client = client_from(source)

    def attempt(username: str) -> int:
        response = client.post(
            f"{base}/api/auth/token/",
            json={"username": username, "password": "wrong"},
            headers={"X-Forwarded-For": _forged_address()},
            timeout=180,
        )
        return response.status_code

    return attempt


def run_scenario(
    *,
    name: str,
    attempt: Callable[[str], int],
    usernames: list[str],
    allowed: Callable[[int], int],
    threads: int,
    period_s: int,
) -> ScenarioResult:
    """Fire the attempts concurrently; count what got through, per rate window and in all.

    `allowed(windows)` is how many may get through when the run touches that many of the
    limiter's fixed windows (an attempt slow enough to cross a boundary meets a fresh one)."""

    def timed(username: str) -> tuple[float, float, int]:
        started = time.time()
        status = attempt(username)
        return started, time.time(), status

    with ThreadPoolExecutor(max_workers=threads) as pool:
        outcomes = list(pool.map(timed, usernames))
    through = [(start, status) for start, _, status in outcomes if status != 429]
    per_window = Counter(int(start // period_s) for start, _ in through)
    first = min(start for start, _, _ in outcomes)
    last = max(end for _, end, _ in outcomes)
    windows = int(last // period_s) - int(first // period_s) + 1
    return ScenarioResult(
        name=name,
        attempts=len(outcomes),
        got_through=len(through),
        throttled=len(outcomes) - len(through),
        windows_spanned=windows,
        allowed=allowed(windows),
        max_through_in_a_window=max(per_window.values(), default=0),
        seconds=round(last - first, 1),
        holds=len(through) <= allowed(windows),
        statuses={str(k): v for k, v in sorted(Counter(s for _, _, s in outcomes).items())},
    )


def measure(
    *, base: str, attempts: int, threads: int, limit: int, period_s: int, lockout: int
) -> list[ScenarioResult]:
    """The four scenarios, each from its own real address and a clean slate of usernames."""
    tag = f"{int(time.time())}"

    def per_window(windows: int) -> int:
        return limit * windows

    def one_account(windows: int) -> int:
        # The lockout from the threshold-th failure; each later window can meet an expired
        # lock once (it then doubles); never more than the username limit either.
        return min(limit * windows, lockout + windows - 1)

    scenarios = [
        ("web login, new username each time (per-address limit)", web_attempt, "11", False),
        ("API token, new username each time (per-address limit)", api_attempt, "12", False),
        ("API token, one account (per-account limit and lockout)", api_attempt, "13", True),
        ("web login, one account (per-account limit and lockout)", web_attempt, "14", True),
    ]
    results = []
    for name, make_attempt, host, single in scenarios:
        usernames = (
            [f"victim-{tag}-{host}"] * attempts
            if single
            else [f"nobody-{tag}-{host}-{n}" for n in range(attempts)]
        )
        results.append(
            run_scenario(
                name=name,
                attempt=make_attempt(base, f"127.0.0.{host}"),
                usernames=usernames,
                allowed=one_account if single else per_window,
                threads=threads,
                period_s=period_s,
            )
        )
    return results


def workers_that_answered(folder: Path) -> int:
    """Distinct gunicorn worker pids in the access log (the load really was spread)."""
    lines = (folder / "access.log").read_text().splitlines()
    return len({line.split()[0] for line in lines if " POST " in line})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--attempts", type=int, default=40, help="per scenario")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8097)
    parser.add_argument(
        "--cache-url", default=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--limit", type=int, default=10, help="login attempts per period")
    parser.add_argument(
        "--period",
        choices=["min", "hour"],
        default="min",
        help="min: the production default; hour: no run crosses a window, a strict count",
    )
    parser.add_argument("--out", type=Path)
    parser.add_argument("--logs", type=Path, help="copy gunicorn's logs into this folder")
    args = parser.parse_args(argv)
    # The configured limits, as the server reads them (defaults of the production profile).
    period_s = {"min": 60, "hour": 3600}[args.period]
    rate = f"{args.limit}/{args.period}"
    lockout = int(os.environ.get("FAIRMATCH_LOCKOUT_THRESHOLD", "5"))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fairmatch-throttles-") as tmp:
        folder = Path(tmp)
        server = start_server(
            folder=folder,
            cache_url=args.cache_url,
            rate=rate,
            workers=args.workers,
            port=args.port,
        )
        ready = time.monotonic() - started
        try:
            results = measure(
                base=f"http://127.0.0.1:{args.port}",
                attempts=args.attempts,
                threads=args.threads,
                limit=args.limit,
                period_s=period_s,
                lockout=lockout,
            )
        finally:
            stop_server(server)
        answered = workers_that_answered(folder)
        if args.logs:
            args.logs.mkdir(parents=True, exist_ok=True)
            for name in ("gunicorn.log", "access.log"):
                shutil.copy(folder / name, args.logs / name)
    report = {
        "workers": args.workers,
        "workers_that_answered": answered,
        "cache_url": args.cache_url,
        "rate": rate,
        "lockout_threshold": lockout,
        "attempts_per_scenario": args.attempts,
        "client_threads": args.threads,
        "server_ready_s": round(ready, 1),
        "total_s": round(time.monotonic() - started, 1),
        "scenarios": [asdict(result) for result in results],
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0 if all(result.holds for result in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
