"""Request body parsers of the API."""

from collections.abc import Mapping
from typing import IO, Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

JSON_TOO_DEEP = "JSON parse error - the body is nested too deeply."


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, with a body nested past Python's recursion limit refused as a 400.

    The standard decoder raises RecursionError (not ValueError) on `[[[[...` a few thousand
    levels deep, which DRF lets through as a 500.
    """

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(JSON_TOO_DEEP) from error
