"""CV text extraction and structured profile parsing, in pure Python (no Django).

`extract_text(data, limits=...)` validates a file by size and magic bytes and returns its text;
`parse_profile(text)` turns text into a `ParsedProfile` whose `to_dict()` carries the seed features.
"""

from candidates.extraction.errors import ExtractionError
from candidates.extraction.extract import extract_text
from candidates.extraction.pdf import available_pdf_backends
from candidates.extraction.profile import SEED_FEATURES, ParsedProfile, parse_profile
from candidates.extraction.types import ContentType, ExtractedDocument, ExtractionLimits

__all__ = [
    "ContentType",
    "ExtractedDocument",
    "ExtractionError",
    "ExtractionLimits",
    "ParsedProfile",
    "SEED_FEATURES",
    "available_pdf_backends",
    "extract_text",
    "parse_profile",
]
