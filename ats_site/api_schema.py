"""Shared OpenAPI pieces: the one error body and the error responses every route documents."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorOutputSerializer(serializers.Serializer):
    """The one error body of the API: `{"message": str, "extra": object}`."""

    message = serializers.CharField()
    extra = serializers.DictField()


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ErrorOutputSerializer, description=description)


AUTH_ERRORS: dict[int, Any] = {
    401: _error("Not signed in."),
    403: _error("The role or the token's scopes do not allow this."),
}
READ_ERRORS: dict[int, Any] = {
    **AUTH_ERRORS,
    400: _error("Bad query parameters."),
    404: _error("No such page."),
}
DETAIL_ERRORS: dict[int, Any] = {**READ_ERRORS, 404: _error("Not found, or not visible.")}
WRITE_ERRORS: dict[int, Any] = {**DETAIL_ERRORS, 400: _error("Invalid input.")}
CONFLICT_ERROR: dict[int, Any] = {409: _error("Conflicts with the current state.")}
THROTTLE_ERROR: dict[int, Any] = {429: _error("Too many requests; retry later.")}


def with_errors(responses: dict[int, Any], *errors: dict[int, Any]) -> dict[int, Any]:
    """Success responses plus the documented error responses."""
    merged: dict[int, Any] = {}
    for error_set in errors:
        merged.update(error_set)
    return {**merged, **responses}
