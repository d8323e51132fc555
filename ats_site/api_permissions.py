"""API permissions by role, and the scopes an API client's token grants.

Each resource names the roles that may read it and those that may write it; an API client
also needs the scope `<resource>:read` or `<resource>:write` in `user.api_scopes`. Which rows
a permitted user sees is the selectors' business (a candidate sees only themself).
"""

from typing import Any, ClassVar

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from ats_site.accounts.models import Role, User

# Re-exported: API views take the signed-in user from here with the permission classes.
from ats_site.accounts.request_user import authenticated_user as authenticated_user

CANDIDATE = Role.CANDIDATE.value
RECRUITER = Role.RECRUITER.value
HR_ADMIN = Role.HR_ADMIN.value
API_CLIENT = Role.API_CLIENT.value
STAFF = frozenset({RECRUITER, HR_ADMIN})


def has_scope(user: User, scope: str) -> bool:
    """Whether an API client's token grants `scope` (e.g. "candidates:read")."""
    return scope in (user.api_scopes or [])


class RolePermission(BasePermission):
    """Allows the roles listed for reads (safe methods) or writes; API clients need the scope."""

    resource: ClassVar[str] = ""
    read_roles: ClassVar[frozenset[str]] = frozenset()
    write_roles: ClassVar[frozenset[str]] = frozenset()

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:
            return False
        is_read = request.method in SAFE_METHODS
        roles = self.read_roles if is_read else self.write_roles
        if user.role not in roles:
            return False
        if user.role == API_CLIENT:
            return has_scope(user, f"{self.resource}:{'read' if is_read else 'write'}")
        return True


class CandidatePermission(RolePermission):
    """Candidates: staff and API clients; a candidate reads only their own record."""

    resource = "candidates"
    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})


class CandidateErasePermission(RolePermission):
    """Erasing a candidate (DELETE) is for HR admins only."""

    resource = "candidates"
    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({HR_ADMIN})


class CandidateDocumentPermission(RolePermission):
    """CVs: staff and API clients; a candidate reads and uploads their own."""

    resource = "candidates"
    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})


class VacancyPermission(RolePermission):
    """Vacancies: everyone signed in reads (candidates only open ones); staff and clients write."""

    resource = "vacancies"
    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})


class VacancyDeletePermission(RolePermission):
    """Deleting a vacancy (only one without applications) is for staff."""

    resource = "vacancies"
    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = STAFF


class ApplicationPermission(RolePermission):
    """The pipeline: staff and API clients; candidates use `me/applications/`."""

    resource = "applications"
    read_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})


class TaskPermission(RolePermission):
    """Background task state: staff and any API client (task ids come from their own writes)."""

    resource = "tasks"
    read_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:
            return False
        return request.method in SAFE_METHODS and user.role in self.read_roles


class IsHrAdmin(BasePermission):
    """HR admins only (fairness audits)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return isinstance(user, User) and user.is_authenticated and user.role == HR_ADMIN


class IsCandidate(BasePermission):
    """Candidate logins only (self-service under `me/`)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return isinstance(user, User) and user.is_authenticated and user.role == CANDIDATE


def permissions_for_action(
    view: Any, default: type[BasePermission], **by_action: type[BasePermission]
) -> list[BasePermission]:
    """The permission instances for the view's current action (`default` when not listed)."""
    return [by_action.get(view.action or "", default)()]
