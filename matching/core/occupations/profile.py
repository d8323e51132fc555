"""Frozen results of occupation inference: a document's top ESCO occupations and its domain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matching.core.occupations.domains import DOMAIN_KEYS

PROFILE_FORMAT = "fairmatch.occupation_profile.v1"
PROFILE_FORMAT_ERROR = "not an occupation profile (format {found!r})"


@dataclass(frozen=True, slots=True)
class OccupationCandidate:
    """One ESCO occupation a document reads as, with its calibrated confidence.

    ``evidence`` holds the three contributions to its logit, before the temperature:
    ``semantic`` (passages vs occupation text and label), ``skills`` (skill votes) and
    ``titles`` (job titles found in the text).
    """

    uri: str
    label: str
    isco_code: str
    isco_label: str
    domain: str | None
    confidence: float
    evidence: tuple[tuple[str, float], ...] = ()

    @property
    def minor_group(self) -> str:
        """The three-digit ISCO minor group."""
        return self.isco_code[:3]


@dataclass(frozen=True, slots=True)
class OccupationProfile:
    """A document's top occupations (most confident first) and the 13-domain distribution."""

    occupations: tuple[OccupationCandidate, ...]
    domain: str
    domain_confidence: float
    domain_probabilities: tuple[float, ...]
    esco_version: str = ""

    @property
    def top(self) -> OccupationCandidate | None:
        """The most confident occupation, or None for an empty profile."""
        return self.occupations[0] if self.occupations else None

    def reads_as(self) -> str:
        """'accountant (ESCO), 0.82' for the top occupation; '' when there is none."""
        top = self.top
        return f"{top.label} (ESCO), {top.confidence:.2f}" if top else ""

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form (for storage on a CV or vacancy), read by ``from_json``."""
        return {
            "format": PROFILE_FORMAT,
            "esco_version": self.esco_version,
            "domain": self.domain,
            "domain_confidence": round(self.domain_confidence, 4),
            "domain_probabilities": [round(value, 4) for value in self.domain_probabilities],
            "occupations": [
                {
                    "uri": item.uri,
                    "label": item.label,
                    "isco_code": item.isco_code,
                    "isco_label": item.isco_label,
                    "domain": item.domain,
                    "confidence": round(item.confidence, 4),
                    "evidence": {name: round(value, 4) for name, value in item.evidence},
                }
                for item in self.occupations
            ],
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> OccupationProfile:
        """Rebuild a profile from ``to_json`` output.

        Raises:
            ValueError: When ``payload`` is not a profile.
        """
        if payload.get("format") != PROFILE_FORMAT:
            raise ValueError(PROFILE_FORMAT_ERROR.format(found=payload.get("format")))
        probabilities = tuple(float(value) for value in payload["domain_probabilities"])
        if len(probabilities) != len(DOMAIN_KEYS):
            raise ValueError(PROFILE_FORMAT_ERROR.format(found=payload.get("format")))
        return cls(
            occupations=tuple(
                OccupationCandidate(
                    uri=item["uri"],
                    label=item["label"],
                    isco_code=item["isco_code"],
                    isco_label=item.get("isco_label", ""),
                    domain=item.get("domain"),
                    confidence=float(item["confidence"]),
                    evidence=tuple((k, float(v)) for k, v in item.get("evidence", {}).items()),
                )
                for item in payload["occupations"]
            ),
            domain=str(payload["domain"]),
            domain_confidence=float(payload["domain_confidence"]),
            domain_probabilities=probabilities,
            esco_version=str(payload.get("esco_version", "")),
        )
