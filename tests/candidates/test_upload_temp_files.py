"""Temporary upload files are always removed (issue #21: "a web process killed mid-upload
leaves the partial CV in /tmp"). Large uploads are spooled under var/ (FILE_UPLOAD_TEMP_DIR),
never /tmp; a finished request removes its own file; a real web process killed with
`kill -9` in the middle of an upload leaves its partial file there, and beat's
`upload_temp_files_cleanup_task` removes it."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files import uploadhandler
from django.test import Client

from ats_site.accounts.models import User
from candidates.services.documents import upload_temp_files_cleanup
from candidates.tasks import upload_temp_files_cleanup_task
from tests.conftest import REPO_ROOT
from tests.factories import CandidateFactory

BIG = 3 * 1024 * 1024  # above FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): spooled to disk
CSRF_COOKIE = "a" * 32  # a well-formed secret: the CSRF check then parses the body


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_gunicorn(tmp_path: Path, spool: Path, port: int) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ats_site.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'web.sqlite3'}",
        "FAIRMATCH_VAR_DIR": str(tmp_path / "var"),
        "CELERY_FILESYSTEM_DIR": str(tmp_path / "var" / "celery-broker"),
        "DJANGO_FILE_UPLOAD_TEMP_DIR": str(spool),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(  # noqa: S603 (our own server, fixed arguments)
        [str(gunicorn), "ats_site.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"],
        cwd=REPO_ROOT,
        env=environment,
        stdout=(tmp_path / "gunicorn.log").open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _connect(port: int, server: subprocess.Popen[bytes], log: Path) -> socket.socket:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=30)
        except OSError:
            assert server.poll() is None, log.read_text()[-3000:]
            time.sleep(0.2)
    raise AssertionError("gunicorn did not listen within 120 s\n" + log.read_text()[-3000:])


def _half_an_upload(port: int) -> bytes:
    """A multipart POST announcing a 3 MB CV of which only the first half is sent."""
    boundary = "fairmatchboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="cv.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + BIG + len(tail)
    request = (
        "POST /accounts/login/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {length}\r\n"
        f"Cookie: csrftoken={CSRF_COOKIE}\r\n\r\n"
    ).encode()
    return request + head + b"Jane Doe, +33 6 12 34 56 78\n" * (BIG // 2 // 28)


def test_a_web_process_killed_mid_upload_leaves_a_spool_file_that_beat_removes(
    tmp_path, settings
) -> None:
    spool = tmp_path / "upload-tmp"
    spool.mkdir()
    port = _free_port()
    server = _start_gunicorn(tmp_path, spool, port)
    log = tmp_path / "gunicorn.log"
    try:
        connection = _connect(port, server, log)
        connection.sendall(_half_an_upload(port))
        deadline = time.monotonic() + 60
        while not list(spool.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)
        partial = list(spool.iterdir())
        assert len(partial) == 1, log.read_text()[-3000:]
        os.killpg(server.pid, signal.SIGKILL)  # the web process dies mid-upload
        server.wait(timeout=10)
        connection.close()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    assert partial[0].exists()  # nobody is left to remove it
    assert partial[0].stat().st_size > 0

    settings.FILE_UPLOAD_TEMP_DIR = str(spool)
    settings.FAIRMATCH_UPLOAD_TEMP_MAX_AGE_SECONDS = 0
    removed = upload_temp_files_cleanup_task.run()

    assert removed == 1
    assert list(spool.iterdir()) == []


def test_the_cleanup_removes_only_files_older_than_the_max_age(tmp_path, settings) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FAIRMATCH_UPLOAD_TEMP_MAX_AGE_SECONDS = 3600
    old, fresh = tmp_path / "old.upload.txt", tmp_path / "fresh.upload.txt"
    for path in (old, fresh):
        path.write_bytes(b"partial CV")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))

    assert upload_temp_files_cleanup() == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fresh.upload.txt"]


def test_uploads_spool_under_var_and_beat_cleans_them() -> None:
    schedule = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert Path(settings.FILE_UPLOAD_TEMP_DIR).is_relative_to(settings.VAR_DIR)
    # Not the system temp folder itself (a checkout may well live under /tmp, as a fresh clone
    # made with mktemp does): the spool is FairMatch's own folder, which the beat task cleans.
    assert Path(settings.FILE_UPLOAD_TEMP_DIR).resolve() != Path(tempfile.gettempdir()).resolve()
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE < BIG
    assert "candidates.tasks.upload_temp_files_cleanup_task" in schedule


@pytest.mark.django_db
def test_a_finished_upload_leaves_no_spool_file(
    tmp_path, settings, monkeypatch, recruiter: User
) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    spooled: list[str] = []

    class RecordedTemporaryUploadedFile(uploadhandler.TemporaryUploadedFile):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            spooled.append(self.temporary_file_path())

    monkeypatch.setattr(uploadhandler, "TemporaryUploadedFile", RecordedTemporaryUploadedFile)
    candidate = CandidateFactory()
    client = Client()
    client.force_login(recruiter)
    cv = tmp_path.parent / "big-cv.txt"
    cv.write_bytes(b"SUMMARY\nPython developer.\n" + b"Django and PostgreSQL.\n" * (BIG // 23))

    with cv.open("rb") as handle:
        response = client.post(f"/api/candidates/{candidate.pk}/documents/", {"file": handle})

    assert response.status_code == 201, response.content[:300]
    assert len(spooled) == 1
    assert Path(spooled[0]).parent == tmp_path
    assert list(tmp_path.iterdir()) == []  # the request removed its spool file
