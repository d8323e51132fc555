"""The work tree's ``git status``, so a test session can check that it leaves it clean."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def worktree_status(root: Path) -> frozenset[str] | None:
    """``git status --porcelain`` lines of ``root`` (untracked files one by one), or ``None``.

    ``None`` where git is missing or ``root`` is not a git checkout (a source tarball).
    """
    git = shutil.which("git")
    if git is None:
        return None
    try:
        completed = subprocess.run(
            [git, "status", "--porcelain", "--untracked-files=all"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if completed.returncode != 0:
        return None
    return frozenset(line for line in completed.stdout.splitlines() if line.strip())
