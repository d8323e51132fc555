"""`make run` (scripts/run_local.sh) serves no DEBUG pages unless DJANGO_DEBUG asks for them."""

import os
import stat
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "run_local.sh"
# Stand in for celery and python: record the DEBUG each process is started with, and its args.
# The web stub waits for the worker's line, as the script kills the worker when the web exits.
RECORD_LINE = 'echo "DJANGO_DEBUG=${DJANGO_DEBUG:-unset} $*" >> "$RECORD"\n'
STUBS = {
    "celery": "#!/usr/bin/env bash\n" + RECORD_LINE,
    "python": "#!/usr/bin/env bash\n"
    'for _ in $(seq 100); do grep -qs " worker " "$RECORD" && break; sleep 0.1; done\n'
    + RECORD_LINE,
}


def _run_script(tmp_path: Path, **env: str) -> list[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in STUBS.items():
        stub = bin_dir / name
        stub.write_text(text)
        stub.chmod(stub.stat().st_mode | stat.S_IXUSR)
    record = tmp_path / "record.txt"
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_DEBUG"}
    environment = {**inherited, "PY": str(bin_dir / "python"), "RECORD": str(record), **env}
    subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        ["bash", str(SCRIPT)], cwd=tmp_path, env=environment, check=True, timeout=30
    )
    return sorted(record.read_text().splitlines())


def test_make_run_starts_web_and_worker_without_debug(tmp_path):
    lines = _run_script(tmp_path)

    runserver = [line for line in lines if "manage.py runserver" in line]
    worker = [line for line in lines if " worker " in line]
    assert runserver == [
        "DJANGO_DEBUG=false manage.py runserver 127.0.0.1:8000 --noreload --insecure"
    ]
    assert len(worker) == 1
    assert worker[0].startswith("DJANGO_DEBUG=false -A ats_site worker")


@pytest.mark.parametrize("value", ["true", "false"])
def test_debug_is_on_only_when_asked(tmp_path, value):
    lines = _run_script(tmp_path, DJANGO_DEBUG=value)

    assert {line.split(" ", 1)[0] for line in lines} == {f"DJANGO_DEBUG={value}"}
