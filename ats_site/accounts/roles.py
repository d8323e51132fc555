"""What each role may do with each model, as Django permission codenames.

Applied to one Group per role by a data migration and re-synced after every migrate, so models
added later get their permissions too. Sensitive attributes and audits are HR admins' only.
"""

from typing import Any

CRUD = ("view", "add", "change", "delete")

ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "candidate": {
        "vacancies.vacancy": ("view",),
    },
    "recruiter": {
        "candidates.candidate": ("view", "add", "change"),
        "candidates.candidatedocument": ("view", "add", "change"),
        "vacancies.vacancy": CRUD,
        "vacancies.application": ("view", "add", "change"),
        "vacancies.applicationstatuschange": ("view",),
        "vacancies.emailtemplate": ("view",),
        "vacancies.applicationemail": ("view",),
        "vacancies.interview": ("view",),
        "vacancies.interviewfeedback": ("view",),
        "matching.matchscore": ("view",),
        "matching.scoringrun": ("view", "add"),
        "taxonomy.escoskill": ("view",),
        "taxonomy.escooccupation": ("view",),
    },
    "hr_admin": {
        "candidates.candidate": CRUD,
        "candidates.candidatedocument": CRUD,
        "candidates.candidatesensitiveattributes": CRUD,
        "vacancies.vacancy": CRUD,
        "vacancies.application": CRUD,
        "vacancies.applicationstatuschange": ("view",),
        "vacancies.emailtemplate": CRUD,
        "vacancies.applicationemail": ("view",),
        "vacancies.interview": ("view",),
        "vacancies.interviewfeedback": ("view",),
        "matching.matchscore": ("view",),
        "matching.scoringrun": ("view", "add"),
        "fairness.auditreport": ("view", "add", "delete"),
        "accounts.auditevent": ("view",),
        "taxonomy.escoskill": CRUD,
        "taxonomy.escooccupation": CRUD,
        "taxonomy.occupationskillrelation": CRUD,
    },
    "api_client": {
        "candidates.candidate": ("view", "add", "change"),
        "candidates.candidatedocument": ("view", "add"),
        "vacancies.vacancy": ("view", "add", "change"),
        "vacancies.application": ("view", "add", "change"),
        "matching.matchscore": ("view",),
    },
}


def sync_role_groups(group_model: Any, permission_model: Any) -> None:
    """Create one group per role and give it exactly the permissions listed above.

    Takes the models as arguments so data migrations can pass their historical models.
    """
    for role, per_model in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = []
        for model_label, actions in per_model.items():
            app_label, model_name = model_label.split(".")
            codenames = [f"{action}_{model_name}" for action in actions]
            wanted.extend(
                permission_model.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
        group.permissions.set(wanted)
