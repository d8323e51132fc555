"""Encoders for the training commands on the device their ``--device`` option names."""

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from matching.core.encoding.encoder import Encoder
from matching.core.encoding.registry import load_encoder
from matching.core.training.devices import DEVICE_CHOICES, resolve_device
from matching.services.encoders import default_encoder


def add_device_argument(parser: CommandParser) -> None:
    """``--device auto|cpu|cuda|mps`` (auto: cuda, then mps, then cpu)."""
    parser.add_argument(
        "--device",
        choices=DEVICE_CHOICES,
        default="auto",
        help="auto picks cuda, then mps, then cpu",
    )


def device_option(value: str | None) -> str:
    """The resolved device, or a one-line ``CommandError``."""
    try:
        return resolve_device(value)
    except ValueError as error:
        raise CommandError(str(error)) from None


def training_encoder(requested: str) -> Encoder:
    """The configured encoder: as the app loads it for ``auto``, else on the named device."""
    if requested == "auto":
        return default_encoder()
    return load_encoder(
        settings.MATCHING_MODEL_PATH or None,
        device=device_option(requested),
        batch_size=settings.MATCHING_BATCH_SIZE,
        pooling=settings.MATCHING_POOLING,
        trust_remote_code=settings.MATCHING_TRUST_REMOTE_CODE,
    )
