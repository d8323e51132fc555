"""One error vocabulary for services, the API and commands: `{"message", "extra"}`."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext
from rest_framework import exceptions as drf_exceptions
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

REQUEST_TOO_LARGE = "The request body is too large."
REQUEST_MALFORMED = "The request is malformed."


class ApplicationError(Exception):
    """A domain error with a message for humans and structured detail for machines."""

    status_code: int = status.HTTP_400_BAD_REQUEST

    def __init__(
        self,
        message: str,
        extra: dict[str, Any] | None = None,
        *,
        params: Mapping[str, object] | None = None,
    ) -> None:
        # With `params`, `message` is a catalogue template ("... '{status}'"): it is translated
        # before it is filled in, so the reader's language gets the whole sentence.
        self._template = message
        self.params = dict(params or {})
        self.extra = extra or {}
        super().__init__(message.format(**self.params) if self.params else message)

    @property
    def message(self) -> str:
        """The message in the active language (unchanged when the catalogue lacks it)."""
        text = gettext(self._template)
        return text.format(**self.params) if self.params else text


class InvalidTransition(ApplicationError):
    """An application cannot move from its current status to the requested one."""

    status_code = status.HTTP_409_CONFLICT


class UploadRejected(ApplicationError):
    """An uploaded file was refused (type, size, encryption, no text layer...)."""


class GroupTooSmall(ApplicationError):
    """A fairness figure would describe a group smaller than the configured minimum."""


def _error_response(message: str, extra: dict[str, Any], status_code: int) -> Response:
    return Response({"message": message, "extra": extra}, status=status_code)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map every known error to `{"message": str, "extra": object}` with a 4xx status."""
    if isinstance(exc, ApplicationError):
        return _error_response(exc.message, exc.extra, exc.status_code)
    if isinstance(exc, DjangoValidationError):
        extra = exc.message_dict if hasattr(exc, "error_dict") else {"errors": exc.messages}
        return _error_response("Invalid input.", {"fields": extra}, status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        # Django's own answer would be an HTML 400; the API keeps its one error body.
        return _error_response(
            REQUEST_TOO_LARGE,
            {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, SuspiciousOperation):  # too many fields or files, a malformed upload
        return _error_response(REQUEST_MALFORMED, {}, status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, drf_exceptions.ValidationError):
        response.data = {"message": "Invalid input.", "extra": {"fields": response.data}}
    elif isinstance(exc, drf_exceptions.APIException):
        detail = exc.detail
        message = str(detail) if not isinstance(detail, dict | list) else "Request failed."
        response.data = {"message": message, "extra": {"code": exc.get_codes()}}
    return response
