"""CV text extraction and parsing, worker side (never imports tasks)."""

from django.conf import settings

from candidates.extraction import ExtractionError, ExtractionLimits, extract_text
from candidates.models import CandidateDocument
from candidates.services.cv_choice import document_select_after_extraction
from matching.taxonomy.selectors import skill_matcher_get

_IN_PROGRESS = [CandidateDocument.ParseStatus.PENDING, CandidateDocument.ParseStatus.PROCESSING]


def extraction_limits() -> ExtractionLimits:
    """Extraction limits from settings."""
    return ExtractionLimits(max_bytes=settings.CV_MAX_UPLOAD_BYTES)


def _taxonomy_skills(text: str) -> list[str]:
    """Canonical ESCO (and curated alias) skills found in a CV's text."""
    return [match.label for match in skill_matcher_get().extract(text)]


def document_extract(*, document_id: int) -> CandidateDocument:
    """Extract and parse a document's text; idempotent (a parsed or failed one is left as is).

    A document left "processing" by a killed worker is claimed again and finished.
    """
    from candidates.extraction.profile import parse_profile

    claimed = CandidateDocument.objects.filter(
        pk=document_id, parse_status__in=_IN_PROGRESS
    ).update(parse_status=CandidateDocument.ParseStatus.PROCESSING)
    document = CandidateDocument.objects.get(pk=document_id)
    if not claimed:
        return document
    with document.file.open("rb") as handle:
        data = handle.read()
    try:
        extracted = extract_text(data, filename=document.original_name, limits=extraction_limits())
    except ExtractionError as error:
        document.parse_status = CandidateDocument.ParseStatus.FAILED
        document.error_message = str(error)
        document.save(update_fields=["parse_status", "error_message", "updated_at"])
        return document
    document.extracted_text = extracted.text
    document.page_count = extracted.page_count
    document.profile = parse_profile(extracted.text, skill_extractor=_taxonomy_skills).to_dict()
    document.parse_status = CandidateDocument.ParseStatus.PARSED
    document.error_message = ""
    document.save(
        update_fields=[
            "extracted_text",
            "page_count",
            "profile",
            "parse_status",
            "error_message",
            "updated_at",
        ]
    )
    return document_select_after_extraction(document=document)
