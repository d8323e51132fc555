"""API permissions by role, and the scopes an API client's token grants.

Each resource names the roles that may read it and those that may write it; an API client
also needs the scopes that ats_site/api_scopes.py lists for the route and method. Which rows
a permitted user sees is the selectors' business (a candidate sees only themself).
"""

from typing import Any, ClassVar

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from ats_site.accounts.models import Role, User

# Re-exported: API views take the signed-in user from here with the permission classes.
from ats_site.accounts.request_user import authenticated_user as authenticated_user
from ats_site.api_scopes import api_client_may

CANDIDATE = Role.CANDIDATE.value
RECRUITER = Role.RECRUITER.value
HR_ADMIN = Role.HR_ADMIN.value
API_CLIENT = Role.API_CLIENT.value
STAFF = frozenset({RECRUITER, HR_ADMIN})


class RolePermission(BasePermission):
    """Allows the roles listed for reads (safe methods) or writes; API clients need the scopes
    of the route (ats_site/api_scopes.py)."""

    read_roles: ClassVar[frozenset[str]] = frozenset()
    write_roles: ClassVar[frozenset[str]] = frozenset()

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:
            return False
        is_read = request.method in SAFE_METHODS
        roles = self.read_roles if is_read else self.write_roles
        return user.role in roles and api_client_may(request, user)


class CandidatePermission(RolePermission):
    """Candidates: staff and API clients; a candidate reads only their own record."""

    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})


class CandidateErasePermission(RolePermission):
    """Erasing a candidate (DELETE) is for HR admins only."""

    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({HR_ADMIN})


class CandidateDocumentPermission(RolePermission):
    """CVs: staff and API clients; a candidate reads and uploads their own."""

    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})


class VacancyPermission(RolePermission):
    """Vacancies: everyone signed in reads (candidates only open ones); staff and clients write."""

    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})


class VacancyDeletePermission(RolePermission):
    """Deleting a vacancy (only one without applications) is for staff."""

    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = STAFF


class ApplicationPermission(RolePermission):
    """The pipeline: staff and API clients; candidates use `me/applications/`."""

    read_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})
    write_roles = frozenset({RECRUITER, HR_ADMIN, API_CLIENT})


class TaskPermission(RolePermission):
    """Background task state, read-only; who may see one task is decided by its subject (the
    run's vacancy, the CV's candidate: ats_site/api_tasks.py), so every role may ask."""

    read_roles = frozenset({CANDIDATE, RECRUITER, HR_ADMIN, API_CLIENT})


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
