"""Account services: login checks and user creation with the role's permission group."""

from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest
from rest_framework.request import Request

from ats_site.accounts.lockout import account_login_succeeded
from ats_site.accounts.models import Role, User
from ats_site.exceptions import ApplicationError

INVALID_CREDENTIALS = "Invalid username or password."


class InvalidCredentials(ApplicationError):
    status_code = 400


def user_authenticate(*, request: Request | HttpRequest, username: str, password: str) -> User:
    """Return the active user with these credentials or raise InvalidCredentials.

    A failure counts against the account (the `user_login_failed` signal, see lockout.py); a
    success clears its count.
    """
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User) or not user.is_active:
        raise InvalidCredentials(INVALID_CREDENTIALS)
    account_login_succeeded(username)
    return user


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: Role,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    api_scopes: list[str] | None = None,
) -> User:
    """Create a user with a role and put it in that role's permission group."""
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        api_scopes=api_scopes or [],
        # HR admins and recruiters use the Django admin; candidates and API clients do not.
        is_staff=role in (Role.RECRUITER, Role.HR_ADMIN),
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name=role.value))
    return user
