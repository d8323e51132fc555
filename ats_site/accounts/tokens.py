"""API tokens that expire, die with a password change, and that owners and HR admins list
and revoke.

One token per user (DRF's `authtoken.Token`, so `Authorization: Token <key>` is unchanged); it
expires FAIRMATCH_API_TOKEN_TTL_HOURS after it was issued (0: never). `POST /api/auth/token/`
hands out the live token, or a new one once it expired or was revoked.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from ats_site.accounts.models import Role, User

TOKEN_EXPIRED = "Token expired: ask POST /api/auth/token/ for a new one."  # noqa: S105 (a message)


def token_expires_at(token: Token) -> datetime | None:
    """When the token stops working (None: tokens never expire on this deployment)."""
    hours = int(settings.FAIRMATCH_API_TOKEN_TTL_HOURS)
    return token.created + timedelta(hours=hours) if hours else None


def token_is_expired(token: Token) -> bool:
    expires_at = token_expires_at(token)
    return expires_at is not None and expires_at <= timezone.now()


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication (`Authorization: Token ...`) that refuses expired tokens."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if token_is_expired(token):
            token.delete()
            raise AuthenticationFailed(TOKEN_EXPIRED)
        return user, token


@transaction.atomic
def token_issue(*, user: User) -> Token:
    """The user's live token, or a fresh one when it expired (or none exists)."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and not token_is_expired(token):
        return token
    if token is not None:
        token.delete()
    return Token.objects.create(user=user)


def token_list(*, viewer: User) -> QuerySet[Token]:
    """The tokens a user may see: their own; every one for an HR admin."""
    tokens = Token.objects.select_related("user").order_by("-created")
    if viewer.role == Role.HR_ADMIN:
        return tokens
    return tokens.filter(user=viewer)


def token_revoke(*, viewer: User, user_id: int) -> bool:
    """Delete the token of `user_id` if the viewer may see it; False when there is none."""
    if not 0 < user_id < 2**63:  # beyond any database's integer key: no such user
        return False
    deleted, _ = token_list(viewer=viewer).filter(user_id=user_id).delete()
    return deleted > 0


def tokens_rotate_on_password_change(sender: Any, instance: User, **kwargs: Any) -> None:
    """`post_save` receiver: a saved password change (`set_password`) deletes the user's token.

    AbstractBaseUser keeps the new raw password in `_password` until its save() has finished,
    so a save that carries a password change is recognised here, whatever path changed it
    (password change or reset form, admin, `changepassword`).
    """
    if getattr(instance, "_password", None) is not None and not kwargs.get("created", False):
        Token.objects.filter(user=instance).delete()
