"""Token login for API clients (`POST /api/auth/token/` with username and password), and the
token list an owner or an HR admin reads and revokes (`GET/DELETE /api/auth/tokens/`)."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from ats_site.accounts.lockout import ACCOUNT_LOCKED, account_lock_remaining, username_key
from ats_site.accounts.request_user import authenticated_user
from ats_site.accounts.services import user_authenticate
from ats_site.accounts.tokens import token_expires_at, token_issue, token_list, token_revoke
from ats_site.api_schema import AUTH_ERRORS, DETAIL_ERRORS, with_errors

TOKEN_NOT_FOUND = "No such token."  # noqa: S105 (a message)


class TokenObtainInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField()


class TokenListItemSerializer(serializers.Serializer):
    user = serializers.IntegerField(source="user_id", help_text="The owner's id: DELETE uses it.")
    username = serializers.CharField(source="user.username")
    role = serializers.CharField(source="user.role")
    created = serializers.DateTimeField()
    expires_at = serializers.SerializerMethodField()

    def get_expires_at(self, token: Any) -> str | None:
        expires_at = token_expires_at(token)
        return expires_at.isoformat() if expires_at else None


class LoginUsernameThrottle(SimpleRateThrottle):
    """Token logins per username, whatever address they come from (scope `login-username`)."""

    scope = "login-username"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        data = request.data if isinstance(request.data, dict) else {}
        username = str(data.get("username") or "")
        if not username:
            return None
        return self.cache_format % {"scope": self.scope, "ident": username_key(username)}


class TokenObtainView(APIView):
    """Exchange a username and password for an API token (expires; see GET auth/tokens/)."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    throttle_classes = [ScopedRateThrottle, LoginUsernameThrottle]
    throttle_scope = "login"

    @extend_schema(request=TokenObtainInputSerializer, responses={200: TokenOutputSerializer})
    def post(self, request: Request) -> Response:
        data = TokenObtainInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        locked = account_lock_remaining(data.validated_data["username"])
        if locked:
            raise Throttled(wait=locked, detail=ACCOUNT_LOCKED.format(seconds=locked))
        user = user_authenticate(request=request, **data.validated_data)
        token = token_issue(user=user)
        return Response(TokenOutputSerializer({"token": token.key}).data, status=status.HTTP_200_OK)


class TokenListView(APIView):
    """Your API token (an HR admin: everybody's), with its expiry."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=with_errors({200: TokenListItemSerializer(many=True)}, AUTH_ERRORS))
    def get(self, request: Request) -> Response:
        tokens = token_list(viewer=authenticated_user(request))
        return Response(TokenListItemSerializer(tokens, many=True).data)


class TokenRevokeView(APIView):
    """Revoke the token of user `user_id` (your own; an HR admin: anyone's)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("user_id", int, OpenApiParameter.PATH)],
        responses=with_errors({204: None}, DETAIL_ERRORS),
    )
    def delete(self, request: Request, user_id: str) -> Response:
        viewer = authenticated_user(request)
        if not user_id.isdigit() or not token_revoke(viewer=viewer, user_id=int(user_id)):
            raise NotFound(TOKEN_NOT_FOUND)
        return Response(status=status.HTTP_204_NO_CONTENT)
