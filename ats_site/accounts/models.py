"""Users and their role: candidate, recruiter, HR admin or API client."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    CANDIDATE = "candidate", "Candidate"
    RECRUITER = "recruiter", "Recruiter"
    HR_ADMIN = "hr_admin", "HR admin"
    API_CLIENT = "api_client", "API client"


class User(AbstractUser):
    """A FairMatch login; its role decides what it may see (and its permission group)."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CANDIDATE)
    # API clients get scopes such as "candidates:read" or "scores:write".
    api_scopes = models.JSONField(default=list, blank=True)

    @property
    def is_candidate(self) -> bool:
        return self.role == Role.CANDIDATE

    @property
    def is_recruiter(self) -> bool:
        return self.role == Role.RECRUITER

    @property
    def is_hr_admin(self) -> bool:
        return self.role == Role.HR_ADMIN

    @property
    def is_api_client(self) -> bool:
        return self.role == Role.API_CLIENT

    @property
    def is_staff_member(self) -> bool:
        """Recruiters and HR admins work inside the company."""
        return self.role in (Role.RECRUITER, Role.HR_ADMIN)
