"""The signed-in user of an API request (``ats_site.api_permissions`` re-exports it)."""

from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request

from ats_site.accounts.models import User


def authenticated_user(request: Request) -> User:
    """The signed-in user of a request that passed the permission checks."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return user
