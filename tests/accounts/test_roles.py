"""Roles: the groups exist and hold exactly the intended model permissions."""

import pytest

pytestmark = pytest.mark.django_db

MODELS = [
    "candidates.candidate",
    "candidates.candidatedocument",
    "candidates.candidatesensitiveattributes",
    "vacancies.vacancy",
    "vacancies.application",
    "vacancies.applicationstatuschange",
    "matching.matchscore",
    "matching.scoringrun",
    "fairness.auditreport",
    "accounts.auditevent",
    "taxonomy.escoskill",
    "taxonomy.escooccupation",
    "taxonomy.occupationskillrelation",
]

# role -> model -> the actions it may take (view, add, change, delete).
EXPECTED = {
    "candidate": {"vacancies.vacancy": "v"},
    "recruiter": {
        "candidates.candidate": "vac",
        "candidates.candidatedocument": "vac",
        "vacancies.vacancy": "vacd",
        "vacancies.application": "vac",
        "vacancies.applicationstatuschange": "v",
        "matching.matchscore": "v",
        "matching.scoringrun": "va",
        "taxonomy.escoskill": "v",
        "taxonomy.escooccupation": "v",
    },
    "hr_admin": {
        "candidates.candidate": "vacd",
        "candidates.candidatedocument": "vacd",
        "candidates.candidatesensitiveattributes": "vacd",
        "vacancies.vacancy": "vacd",
        "vacancies.application": "vacd",
        "vacancies.applicationstatuschange": "v",
        "matching.matchscore": "v",
        "matching.scoringrun": "va",
        "fairness.auditreport": "vad",
        "accounts.auditevent": "v",
        "taxonomy.escoskill": "vacd",
        "taxonomy.escooccupation": "vacd",
        "taxonomy.occupationskillrelation": "vacd",
    },
    "api_client": {
        "candidates.candidate": "vac",
        "candidates.candidatedocument": "va",
        "vacancies.vacancy": "vac",
        "vacancies.application": "vac",
        "matching.matchscore": "v",
    },
}
ACTIONS = {"v": "view", "a": "add", "c": "change", "d": "delete"}
CASES = [
    (role, model, action)
    for role in EXPECTED
    for model in MODELS
    for action in ("view", "add", "change", "delete")
]


@pytest.mark.parametrize(
    ("role", "model", "action"), CASES, ids=[f"{r}-{m}-{a}" for r, m, a in CASES]
)
def test_role_permission_on_every_model(role, model, action, user_for_role):
    user = user_for_role(role)
    app_label, model_name = model.split(".")
    allowed = action in {ACTIONS[c] for c in EXPECTED[role].get(model, "")}

    assert user.has_perm(f"{app_label}.{action}_{model_name}") is allowed


def test_only_hr_admins_may_view_sensitive_attributes(user_for_role):
    viewers = {
        role
        for role in EXPECTED
        if user_for_role(role).has_perm("candidates.view_candidatesensitiveattributes")
    }
    assert viewers == {"hr_admin"}
