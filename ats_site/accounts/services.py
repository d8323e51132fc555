"""Account services: login checks, user creation with the role's permission group, and the
pseudonymisation of an erased person's login."""

import secrets

from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest
from rest_framework.authtoken.models import Token
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


ERASED_USERNAME_PREFIX = "erased-"


@transaction.atomic
def user_pseudonymise(*, user: User) -> User:
    """Close an erased person's login for good and keep nothing that names them.

    The row stays (not deleted) so that history pointing at it (status changes they made,
    `django_admin_log`) keeps its foreign keys; the username becomes a random pseudonym, names
    and e-mail are cleared, the password is made unusable, and every API token goes.
    """
    user.username = f"{ERASED_USERNAME_PREFIX}{secrets.token_hex(8)}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.api_scopes = []
    user.set_unusable_password()
    user.save(
        update_fields=[
            "username",
            "email",
            "first_name",
            "last_name",
            "is_active",
            "is_staff",
            "api_scopes",
            "password",
        ]
    )
    Token.objects.filter(user=user).delete()
    return user
