"""An uploaded file as the services take it: bytes and the name it was sent under."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CvFile:
    """An uploaded file's bytes and the name it was sent under."""

    data: bytes
    name: str
