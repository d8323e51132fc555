"""Module-level tasks for the process-pool tests (a spawned worker imports them; no Django)."""

from __future__ import annotations

import os
import time


def echo_or_misbehave(item: str) -> str:
    """`item` in capitals; "crash" kills the process, "hang" never returns, "slow" waits."""
    if item == "crash":
        os._exit(3)
    if item == "hang":
        time.sleep(600)
    if item.startswith("slow"):
        time.sleep(0.5)
    return item.upper()


def failed(message: str) -> str:
    """What a failed item yields in these tests."""
    return f"failed: {message}"
