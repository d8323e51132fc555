"""The API-token page: every signed-in user sees their own token (an HR admin: everybody's)
with its issue and expiry times, and revokes it; the same services as `GET/DELETE
/api/auth/tokens/` (ats_site/accounts/tokens.py). The key itself is never shown."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from ats_site.accounts.models import User
from ats_site.accounts.tokens import token_expires_at, token_list, token_revoke

TOKEN_REVOKED = _("The API token of %(username)s was revoked.")
TOKEN_PAGE_NOT_FOUND = "No such token."  # noqa: S105 (a message)


def _viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404(TOKEN_PAGE_NOT_FOUND)
    return user


class ApiTokenListView(LoginRequiredMixin, TemplateView):
    """Your API token (an HR admin: every user's), when it was issued and when it expires."""

    template_name = "accounts/api_tokens.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        now = timezone.now()
        rows = []
        for token in token_list(viewer=_viewer(self.request)):
            expires_at = token_expires_at(token)
            rows.append(
                {
                    "user_id": token.user_id,
                    "username": token.user.username,
                    "role": token.user.get_role_display(),
                    "created": token.created,
                    "expires_at": expires_at,
                    "is_expired": expires_at is not None and expires_at <= now,
                }
            )
        return super().get_context_data(tokens=rows, **kwargs)


class ApiTokenRevokeView(LoginRequiredMixin, View):
    """POST only: revoke the token of `user_id` (your own; an HR admin: anyone's). A token the
    viewer may not see is the same 404 as one that does not exist."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, user_id: int) -> HttpResponse:
        viewer = _viewer(request)
        tokens = token_list(viewer=viewer).filter(user_id=user_id)
        owner = tokens.values_list("user__username", flat=True).first()
        if owner is None or not token_revoke(viewer=viewer, user_id=user_id):
            raise Http404(TOKEN_PAGE_NOT_FOUND)
        messages.success(request, TOKEN_REVOKED % {"username": owner})
        return redirect("web:api-tokens")
