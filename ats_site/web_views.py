"""Web UI entry points: the role-dispatching home page and the role mixins every page uses."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.views import View

from ats_site.accounts.models import Role, User

ROLE_HOME = {
    Role.CANDIDATE: "web:my-applications",
    Role.RECRUITER: "web:recruiter-dashboard",
    Role.HR_ADMIN: "web:fairness-dashboard",
}
ROLE_FORBIDDEN = "This page is not available to your role."


class RoleRequiredMixin(LoginRequiredMixin):
    """Anonymous visitors go to the login page; a logged-in user of another role gets a 403."""

    allowed_roles: tuple[Role, ...] = ()
    raise_exception = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not isinstance(user, User) or user.role not in self.allowed_roles:
            raise PermissionDenied(ROLE_FORBIDDEN)
        return super().dispatch(request, *args, **kwargs)


class StaffRequiredMixin(RoleRequiredMixin):
    """Recruiters and HR admins: vacancies, pipelines, candidates."""

    allowed_roles = (Role.RECRUITER, Role.HR_ADMIN)


class CandidateRequiredMixin(RoleRequiredMixin):
    """Candidate self-service pages."""

    allowed_roles = (Role.CANDIDATE,)


class HrAdminRequiredMixin(RoleRequiredMixin):
    """Fairness dashboards and audit reports."""

    allowed_roles = (Role.HR_ADMIN,)


class HomeView(View):
    """Send each role to its own start page; visitors see the job board."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User) and user.is_authenticated:
            target = ROLE_HOME.get(Role(user.role))
            if target is not None:
                return redirect(target)
        return redirect("web:job-board")
