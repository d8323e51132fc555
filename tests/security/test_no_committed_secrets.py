"""No secret is committed: private keys, cloud keys, tokens or a real Django SECRET_KEY.

Reads every file git tracks (and untracked files that are not ignored, so a key is caught before
it is added).
"""

import re
import subprocess

import pytest

from tests.conftest import REPO_ROOT

DEV_SECRET_KEY = "fairmatch-insecure-development-key-change-me-0123456789"
PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY"),
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(
        r"aws_secret_access_key\s*[:=]\s*['\"]?[A-Za-z0-9/+=]{40}", re.IGNORECASE
    ),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}\b"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "hard-coded SECRET_KEY": re.compile(r"SECRET_KEY\s*=\s*['\"](?P<value>[^'\"]{8,})['\"]"),
}
# Tests and docs may name the patterns they look for; nothing else is exempt.
SELF = "tests/security/test_no_committed_secrets.py"


def _repository_files() -> list[str]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=REPO_ROOT,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"not a git checkout ({error}): nothing to scan")
    return [name for name in listed.decode().split("\0") if name and name != SELF]


def test_no_tracked_file_holds_a_secret() -> None:
    files = _repository_files()
    assert len(files) > 100
    found = []
    for name in files:
        path = REPO_ROOT / name
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore")
        for kind, pattern in PATTERNS.items():
            for match in pattern.finditer(text):
                value = match.groupdict().get("value")
                if value is not None and value == DEV_SECRET_KEY:
                    continue
                found.append(f"{name}: {kind}: {match.group(0)[:40]}...")
    assert found == []


def test_the_patterns_find_what_they_look_for() -> None:
    fake_aws = "AKIA" + "ABCDEFGHIJKLMNOP"
    samples = {
        "private key": "-----BEGIN RSA " + "PRIVATE KEY-----",
        "AWS access key id": f"key = {fake_aws}",
        "hard-coded SECRET_KEY": 'SECRET_KEY = "' + "s3cr3t-" * 5 + '"',
    }
    for kind, sample in samples.items():
        assert PATTERNS[kind].search(sample), kind


def test_production_reads_the_secret_key_from_the_environment_only() -> None:
    # Refusing to start without it is tested in tests/ats_site/test_settings.py.
    production = (REPO_ROOT / "ats_site" / "settings" / "production.py").read_text()
    assert 'SECRET_KEY = env.str("DJANGO_SECRET_KEY")' in production
    assert "insecure" in DEV_SECRET_KEY  # the only literal key says what it is
