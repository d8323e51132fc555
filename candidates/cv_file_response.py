"""Serve an original CV file safely, and put the opening in the audit log.

The file is the uploader's content: it must never run in our origin. Only a PDF is shown
inline; every other type is a download. `nosniff` stops a browser from guessing another type,
`sandbox` from running any script of it, and the storage path comes from the database, never
from the request (a stored path that leaves MEDIA_ROOT reads as a missing file).
"""

import re
from pathlib import PurePosixPath, PureWindowsPath

from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, User
from candidates.models import CandidateDocument

INLINE_TYPES = frozenset({"application/pdf"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def download_name(original_name: str) -> str:
    """The file name offered to the browser: no folders, no control characters."""
    name = PureWindowsPath(PurePosixPath(original_name).name).name
    return _CONTROL.sub("", name).strip() or "cv"


def cv_file_response(*, document: CandidateDocument, viewer: User) -> FileResponse:
    """The document's original file with safe headers; the opening is audited first.

    Raises Http404 when the stored file is missing or its path leaves the storage.
    """
    name = document.file.name
    try:
        if not name or not document.file.storage.exists(name):
            raise Http404
        handle = document.file.storage.open(name, "rb")
    except SuspiciousFileOperation as error:
        raise Http404 from error
    audit_event_record(
        actor=viewer,
        action=AuditEvent.Action.CV_FILE_VIEW,
        target_type="candidate_document",
        target_id=document.pk,
        detail={"candidate": document.candidate_id, "name": document.original_name},
    )
    inline = document.content_type in INLINE_TYPES
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=download_name(document.original_name),
        content_type=document.content_type,
    )
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
