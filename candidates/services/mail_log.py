"""Sent mail kept by FairMatch: Django's file-based e-mail backend writes every message to
EMAIL_FILE_PATH (what `make run` uses, instead of the console log), so erasure rewrites it.

Other backends keep nothing here (SMTP hands the message to the mail server; the console
backend writes to whatever captures the process's output, which FairMatch does not own).
"""

from pathlib import Path

from django.conf import settings

from ats_site.common.personal_terms import PersonalTerms, terms_pattern, text_redact

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
# The file-based backend writes this line after each message of a connection.
MESSAGE_SEPARATOR = "-" * 79


def sent_mail_redact(*, terms: PersonalTerms) -> int:
    """Redact a person from the stored sent mail; returns how many files were rewritten.

    A message that names them by a strong identifier (their address in `To:`) is about them
    and loses their name parts and context terms too; others lose only the identifiers.
    """
    if settings.EMAIL_BACKEND != FILE_BACKEND or not getattr(settings, "EMAIL_FILE_PATH", None):
        return 0
    anyone = terms_pattern(terms, about_person=False)
    about = terms_pattern(terms, about_person=True)
    rewritten = 0
    for path in sorted(Path(settings.EMAIL_FILE_PATH).glob("*.log")):
        text = path.read_text(encoding="utf-8", errors="replace")
        messages = [
            text_redact(message, about if text_redact(message, anyone) != message else anyone)
            for message in text.split(MESSAGE_SEPARATOR)
        ]
        redacted = MESSAGE_SEPARATOR.join(messages)
        if redacted != text:
            path.write_text(redacted, encoding="utf-8")
            rewritten += 1
    return rewritten
