"""Worker side of a bulk CV intake: read one file's CV, then name its candidate from it.

Never imports tasks (the enqueueing side is `intake_batches`), so there is no import cycle.
"""

from django.db import transaction

from candidates.extraction.contact import find_person_name
from candidates.models import Candidate, CandidateDocument, CvIntakeItem
from candidates.services.documents import document_extract
from candidates.services.profiles import candidate_update

PLACEHOLDER_EMAIL_DOMAIN = "placeholder.invalid"
INTAKE_CV_UNREADABLE = "The CV could not be read ({reason}): complete the profile by hand."
INTAKE_NAME_MISSING = "No name found in the CV: complete it."
INTAKE_EMAIL_MISSING = "No e-mail address found in the CV: complete it."
INTAKE_EMAIL_TAKEN = "The CV's e-mail {email} already belongs to another candidate: check it."
INTAKE_NAME_GUESSED = "Name read from the CV's first lines: check it."


def is_placeholder_email(email: str) -> bool:
    """Whether an address is one given by the intake until the recruiter completes it."""
    return email.endswith("@" + PLACEHOLDER_EMAIL_DOMAIN)


def cv_intake_item_process(*, item_id: int) -> CvIntakeItem:
    """Extract the item's CV, fill its candidate's name, e-mail and phone where found.

    Idempotent: an item already done or failed is returned as it is.
    """
    item = CvIntakeItem.objects.select_related("candidate", "document").get(pk=item_id)
    if item.status != CvIntakeItem.Status.PENDING or item.document_id is None:
        return item
    document = document_extract(document_id=item.document_id)
    with transaction.atomic():
        # No join under the lock: PostgreSQL refuses FOR UPDATE on a nullable outer join.
        item = CvIntakeItem.objects.select_for_update().get(pk=item_id)
        if item.status != CvIntakeItem.Status.PENDING:
            return item
        if document.parse_status != CandidateDocument.ParseStatus.PARSED:
            item.status = CvIntakeItem.Status.FAILED
            item.message = INTAKE_CV_UNREADABLE.format(reason=document.error_message or "?")
            item.needs_completion = True
        else:
            notes, is_complete = (
                _complete_candidate(item.candidate, document) if item.candidate else ([], False)
            )
            item.status = CvIntakeItem.Status.DONE
            item.message = " ".join(notes)
            item.needs_completion = not is_complete
        item.save(update_fields=["status", "message", "needs_completion", "updated_at"])
    return item


def _complete_candidate(
    candidate: Candidate, document: CandidateDocument
) -> tuple[list[str], bool]:
    """Fill what the CV tells about the person: the notes say what the recruiter must check,
    and the flag whether both a name and an e-mail address were found."""
    notes: list[str] = []
    data: dict[str, str] = {}
    name = find_person_name(document.extracted_text)
    if name is None:
        notes.append(INTAKE_NAME_MISSING)
    else:
        data["first_name"], data["last_name"] = name
        notes.append(INTAKE_NAME_GUESSED)
    emails = [str(email) for email in document.profile.get("emails", [])]
    if not emails:
        notes.append(INTAKE_EMAIL_MISSING)
    elif Candidate.objects.filter(email=emails[0]).exclude(pk=candidate.pk).exists():
        notes.append(INTAKE_EMAIL_TAKEN.format(email=emails[0]))
    else:
        data["email"] = emails[0]
    phones = [str(phone) for phone in document.profile.get("phones", [])]
    if phones and not candidate.phone:
        data["phone"] = phones[0][:40]
    if data:
        candidate_update(candidate=candidate, data=data)
    return notes, "first_name" in data and "email" in data
