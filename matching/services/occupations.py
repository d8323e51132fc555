"""Worker-side occupation readings: a candidate's scored CV or a vacancy -> its top occupations.

The engine (``matching.core.occupations``: the ESCO index, the encoder and the tuned weights) is
loaded once per process. A reading is upserted per subject with the engine version and a digest
of the text it read, so running the task twice does nothing and a new engine (another ESCO
release, encoder, weights or ``READING_VERSION``) makes every reading stale for the sweep.
Only CV text is read, never sensitive attributes. Worker side: never imports tasks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.db import transaction

from candidates.models import Candidate
from candidates.selectors import latest_parsed_document
from matching.core.occupations.esco_index import (
    OccupationIndex,
)
from matching.core.occupations.inference import DEFAULT_WEIGHTS, OccupationWeights
from matching.core.occupations.lookup import PassageEncoder, infer_occupations
from matching.core.occupations.profile import OccupationProfile
from matching.core.occupations.reader import OccupationReader, read_documents
from matching.core.redaction import redact
from matching.models import OccupationReading, OccupationReadingEntry
from matching.services.occupation_reader import occupation_reader_get
from matching.services.scoring import vacancy_job_text
from matching.taxonomy.selectors import skill_matcher_get
from vacancies.models import Vacancy

# How many of a reading's occupations are stored and shown.
STORED_OCCUPATIONS = 3
# Bump when what this module feeds the engine changes (text, title, skills, domain prior): the
# sweep then reads everything again. The index version and the weights are in the version too.
READING_VERSION = "occupation-reading-2"

DomainPrior = Callable[[str], tuple[float, ...] | None]
SkillFinder = Callable[[str], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class OccupationEngine:
    """Everything a reading needs, loaded once: index, encoder, weights, skills, domain prior."""

    index: OccupationIndex
    encoder: PassageEncoder
    weights: OccupationWeights
    skill_uris: SkillFinder
    domain_prior: DomainPrior
    version: str
    # The product reads through the same reader the evaluation commands measure
    # (``evaluate_domains``, ``evaluate_occupations``); None only for engines built in tests.
    reader: OccupationReader | None = None

    def read(self, *, text: str, title: str | None) -> OccupationProfile:
        """The occupation profile of one document's (already redacted) text."""
        if self.reader is not None:
            return read_documents([text], reader=self.reader, titles=[title])[0]
        return infer_occupations(
            text,
            self.index,
            encoder=self.encoder,
            skills=self.skill_uris(text),
            title=title,
            domain_prior=self.domain_prior(text),
            weights=self.weights,
        )


def engine_version_of(index: OccupationIndex, weights: OccupationWeights) -> str:
    """``<READING_VERSION>/<ESCO index version>/<encoder>/w<digest of the weights>``."""
    digest = hashlib.sha256(repr(weights).encode()).hexdigest()[:8]
    return f"{READING_VERSION}/{index.version}/{index.model_id}/w{digest}"


@lru_cache(maxsize=1)
def occupation_engine() -> OccupationEngine:
    """The configured engine: ESCO from ``official_esco_dir()``, the configured encoder.

    The index's vectors are cached on disk under ``<VAR_DIR>/occupation-index`` per ESCO
    version and model, so only the first process ever encodes the 3,007 occupation texts.
    """
    reader = occupation_reader_get()
    index = reader.index
    encoder = reader.encoder
    return OccupationEngine(
        index=index,
        encoder=encoder,
        weights=DEFAULT_WEIGHTS,
        skill_uris=skill_uris,
        domain_prior=lambda _text: None,  # the reader applies the domain classifier
        version=engine_version_of(index, DEFAULT_WEIGHTS),
        reader=reader,
    )


def text_digest(*, text: str, title: str | None) -> str:
    """The digest of what a reading read (title and text)."""
    return hashlib.sha256(f"{title or ''}\n{text}".encode()).hexdigest()


def skill_uris(text: str) -> tuple[str, ...]:
    """The ESCO skills found in a text, as URIs (the engine's skill votes)."""
    return tuple(dict.fromkeys(match.uri for match in skill_matcher_get().extract(text)))


def occupations_suggest(*, title: str, description: str) -> OccupationProfile:
    """The occupations a vacancy's title and description read as (for the form; not stored)."""
    text = "\n".join(part for part in (title, description) if part.strip())
    return occupation_engine().read(text=text, title=title or None)


@transaction.atomic
def occupation_reading_store(
    *,
    candidate: Candidate | None = None,
    vacancy: Vacancy | None = None,
    document_id: int | None,
    engine_version: str,
    text_sha256: str,
    profile: OccupationProfile,
) -> OccupationReading:
    """Upsert a subject's reading and replace its entries with the profile's top occupations."""
    subject = {"candidate": candidate} if candidate is not None else {"vacancy": vacancy}
    reading, _ = OccupationReading.objects.update_or_create(
        **subject,
        defaults={
            "document_id": document_id,
            "engine_version": engine_version,
            "text_sha256": text_sha256,
            "domain": profile.domain,
            "domain_confidence": round(profile.domain_confidence, 4),
            "profile": profile.to_json(),
        },
    )
    reading.entries.all().delete()
    OccupationReadingEntry.objects.bulk_create(
        OccupationReadingEntry(
            reading=reading,
            rank=rank,
            uri=item.uri,
            label=item.label,
            isco_code=item.isco_code,
            isco_label=item.isco_label,
            confidence=min(1.0, max(0.0, round(item.confidence, 4))),
        )
        for rank, item in enumerate(profile.occupations[:STORED_OCCUPATIONS], start=1)
    )
    return reading


def _current(
    subject: dict[str, object], version: str, digest: str, changed_at: datetime
) -> OccupationReading | None:
    """The subject's reading when it is of this engine and this text (touched if older than
    the subject's last change, so the sweep no longer counts it stale)."""
    current = OccupationReading.objects.filter(
        **subject, engine_version=version, text_sha256=digest
    ).first()
    if current is not None and current.updated_at < changed_at:
        current.save(update_fields=["updated_at"])
    return current


def candidate_occupations_read(*, candidate_id: int) -> OccupationReading | None:
    """Read (or keep) the occupations of a candidate's scored CV; idempotent.

    A candidate without a readable CV has no reading (an old one is removed); one erased meanwhile
    is skipped.
    """
    candidate = Candidate.objects.filter(pk=candidate_id).first()
    if candidate is None:
        return None
    document = latest_parsed_document(candidate=candidate)
    text = redact(document.extracted_text) if document is not None else ""
    if document is None or not text.strip():
        OccupationReading.objects.filter(candidate=candidate).delete()
        return None
    engine = occupation_engine()
    digest = text_digest(text=text, title=None)
    current = _current({"candidate": candidate}, engine.version, digest, document.updated_at)
    if current is not None:
        return current
    profile = engine.read(text=text, title=None)
    return occupation_reading_store(
        candidate=candidate,
        document_id=document.pk,
        engine_version=engine.version,
        text_sha256=digest,
        profile=profile,
    )


def vacancy_occupations_read(*, vacancy_id: int) -> OccupationReading | None:
    """Read (or keep) the occupations of a vacancy's title, description and skills; idempotent."""
    vacancy = Vacancy.objects.filter(pk=vacancy_id).first()
    if vacancy is None:
        return None
    text = vacancy_job_text(vacancy)
    engine = occupation_engine()
    digest = text_digest(text=text, title=vacancy.title)
    current = _current({"vacancy": vacancy}, engine.version, digest, vacancy.updated_at)
    if current is not None:
        return current
    profile = engine.read(text=text, title=vacancy.title)
    return occupation_reading_store(
        vacancy=vacancy,
        document_id=None,
        engine_version=engine.version,
        text_sha256=digest,
        profile=profile,
    )
