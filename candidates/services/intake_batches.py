"""Start a bulk CV intake: every checked file gets a placeholder candidate and a worker task.

The web request only checks and stores the files; reading them (and naming the candidates)
happens in the worker, one task per file, so a large drop never blocks the page.
"""

import uuid
from collections.abc import Sequence
from pathlib import PurePath

from django.db import transaction

from ats_site.accounts.models import User
from ats_site.exceptions import UploadRejected
from candidates.models import CvIntakeBatch, CvIntakeItem
from candidates.services.cv_files import CvFile
from candidates.services.enqueue import cv_intake_item_enqueue
from candidates.services.intake_processing import PLACEHOLDER_EMAIL_DOMAIN
from candidates.services.profiles import candidate_create
from candidates.services.uploads import cv_upload

PLACEHOLDER_FIRST_NAME = "(to complete)"


@transaction.atomic
def cv_intake_start(*, files: Sequence[CvFile], uploaded_by: User) -> CvIntakeBatch:
    """One batch, one item per file; a refused file is a failed item (the others go on)."""
    batch = CvIntakeBatch.objects.create(created_by=uploaded_by)
    for upload in files:
        name = PurePath(upload.name).name[:255] or "cv"
        item = CvIntakeItem(batch=batch, original_name=name)
        try:
            with transaction.atomic():  # a refused file leaves no placeholder behind
                candidate = candidate_create(
                    first_name=PLACEHOLDER_FIRST_NAME,
                    last_name=PurePath(name).stem[:150] or "cv",
                    email=f"cv-intake-{uuid.uuid4().hex[:16]}@{PLACEHOLDER_EMAIL_DOMAIN}",
                )
                stored = cv_upload(
                    candidate=candidate,
                    data=upload.data,
                    original_name=name,
                    enqueue_extraction=False,
                    uploaded_by=uploaded_by,
                )
        except UploadRejected as error:
            item.status = CvIntakeItem.Status.FAILED
            item.message = error.message
        else:
            item.candidate, item.document = candidate, stored.document
            item.needs_completion = True
        item.save()
        if item.status == CvIntakeItem.Status.PENDING:
            cv_intake_item_enqueue(item_id=item.pk)
    return batch
