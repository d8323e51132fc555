"""The ``--device`` option of the training commands: auto, cpu, cuda or mps."""

from __future__ import annotations

from matching.core.encoding.encoder import pick_device

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")
DEVICE_UNAVAILABLE = "--device {device}: not available on this machine (try auto or cpu)"
DEVICE_UNKNOWN = "--device must be one of {choices}, got {device!r}"


def resolve_device(requested: str | None) -> str:
    """The torch device to train on: ``auto`` (or none) picks cuda, then mps, then cpu.

    Raises:
        ValueError: On an unknown name, or a device this machine does not have.
    """
    name = (requested or "auto").strip().lower()
    if name not in DEVICE_CHOICES:
        raise ValueError(DEVICE_UNKNOWN.format(choices=", ".join(DEVICE_CHOICES), device=name))
    if name == "auto":
        return pick_device(None)
    import torch

    available = {
        "cpu": True,
        "cuda": torch.cuda.is_available(),
        "mps": torch.backends.mps.is_available(),
    }
    if not available[name]:
        raise ValueError(DEVICE_UNAVAILABLE.format(device=name))
    return name
