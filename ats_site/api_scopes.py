"""Which scopes an API client's token needs, for every API route: the one table.

Keys are URL names (`reverse()` names) and HTTP methods. Staff, HR admins and candidates are
governed by their role (ats_site/api_permissions.py) and the selectors; this table only says
what an `api_client` login must hold in `user.api_scopes`. A route missing here is refused to
API clients (fail closed), and tests/api/test_api_scopes.py checks that every route of the URL
conf is listed. docs/security.md prints the same table (`scope_table_markdown`).
"""

from dataclasses import dataclass
from typing import Final

from rest_framework.request import Request

from ats_site.accounts.models import Role, User


@dataclass(frozen=True, slots=True)
class Scopes:
    """What an API client needs for one route and method."""

    needs: tuple[str, ...] = ()
    is_for_clients: bool = True
    # The task routes: the view checks the scope of the task's subject (see api_tasks.py).
    is_by_subject: bool = False
    note: str = ""

    def describe(self) -> str:
        if self.note:
            return self.note
        if not self.is_for_clients:
            return "not for API clients"
        if self.is_by_subject:
            return "the subject's read scope (404 otherwise)"
        return " + ".join(f"`{scope}`" for scope in self.needs) or "none (any signed-in user)"


def needs(*scopes: str) -> Scopes:
    return Scopes(needs=scopes)


ANY_SIGNED_IN: Final = Scopes()
ANYONE: Final = Scopes(note="none (the login itself)")
DOCS: Final = Scopes(note="none (signed in, unless FAIRMATCH_API_DOCS_PUBLIC)")
NOT_FOR_CLIENTS: Final = Scopes(is_for_clients=False)
BY_SUBJECT: Final = Scopes(is_by_subject=True)

# Ranking payloads carry candidate names: scores alone do not show who is behind them.
RANKING: Final = needs("scores:read", "candidates:read")
# Applications carry the candidate's name too.
APPLICATIONS_READ: Final = needs("applications:read", "candidates:read")

ROUTE_SCOPES: Final[dict[str, dict[str, Scopes]]] = {
    # Schema, docs and tokens: any signed-in user, each for their own token.
    "api-schema": {"GET": DOCS},
    "api-docs": {"GET": DOCS},
    "api-root": {"GET": ANY_SIGNED_IN},
    "api-token": {"POST": ANYONE},
    "api-token-list": {"GET": ANY_SIGNED_IN},
    "api-token-revoke": {"DELETE": ANY_SIGNED_IN},
    "task-status": {"GET": BY_SUBJECT},
    # Candidates and their CVs.
    "candidate-list": {"GET": needs("candidates:read"), "POST": needs("candidates:write")},
    "candidate-detail": {
        "GET": needs("candidates:read"),
        "PATCH": needs("candidates:write"),
        "DELETE": NOT_FOR_CLIENTS,  # erasure: HR admins only
    },
    "candidate-profile": {"GET": needs("candidates:read")},
    "candidate-document-list": {
        "GET": needs("candidates:read"),
        "POST": needs("candidates:write"),
    },
    "candidate-recommendations": {"GET": needs("scores:read", "vacancies:read")},
    # Vacancies.
    "vacancy-list": {"GET": needs("vacancies:read"), "POST": needs("vacancies:write")},
    "vacancy-detail": {
        "GET": needs("vacancies:read"),
        "PATCH": needs("vacancies:write"),
        "DELETE": NOT_FOR_CLIENTS,  # staff only
    },
    "vacancy-skills-autocomplete": {"GET": needs("vacancies:read")},
    # The pipeline.
    "application-list": {"GET": APPLICATIONS_READ, "POST": needs("applications:write")},
    "application-detail": {"GET": APPLICATIONS_READ},
    "application-history": {"GET": APPLICATIONS_READ},
    "application-move": {"POST": needs("applications:write")},
    # Scores, rankings and invitations.
    "score-list": {"GET": needs("scores:read")},
    "score-detail": {"GET": needs("scores:read")},
    "score-override": {"POST": NOT_FOR_CLIENTS},  # a person answers for an override
    "score-rescore": {"POST": needs("scores:write")},
    "scoring-run": {"GET": needs("scores:read")},
    "vacancy-ranking": {"GET": RANKING},
    # An invitation creates an application.
    "vacancy-talent-pool-suggestions": {"GET": RANKING, "POST": needs("applications:write")},
    # Fairness audits read sensitive attributes: HR admins only.
    "fairness-audit-list": {"GET": NOT_FOR_CLIENTS, "POST": NOT_FOR_CLIENTS},
    "fairness-audit-detail": {"GET": NOT_FOR_CLIENTS},
    "fairness-audit-decision-log": {"POST": NOT_FOR_CLIENTS},
    "fairness-audit-export-csv": {"GET": NOT_FOR_CLIENTS},
    "fairness-audit-export-pdf": {"GET": NOT_FOR_CLIENTS},
    # Candidate self-service.
    "me": {"GET": NOT_FOR_CLIENTS, "PATCH": NOT_FOR_CLIENTS},
    "me-applications": {"GET": NOT_FOR_CLIENTS, "POST": NOT_FOR_CLIENTS},
    "me-consent": {"POST": NOT_FOR_CLIENTS},
    "me-email-confirm": {"POST": NOT_FOR_CLIENTS},
    "me-export": {"GET": NOT_FOR_CLIENTS},
    "me-erase": {"POST": NOT_FOR_CLIENTS},
}


def has_scope(user: User, scope: str) -> bool:
    """Whether an API client's token grants `scope` (e.g. "candidates:read")."""
    return scope in (user.api_scopes or [])


def route_scopes(request: Request) -> Scopes:
    """The table's entry for this request's route and method (HEAD and OPTIONS read as GET)."""
    match = request._request.resolver_match
    method = "GET" if request.method in ("HEAD", "OPTIONS") else str(request.method)
    name = match.url_name if match is not None else None
    return ROUTE_SCOPES.get(name or "", {}).get(method, NOT_FOR_CLIENTS)


def api_client_may(request: Request, user: User) -> bool:
    """Whether an API client's scopes allow this route and method (subject checks aside)."""
    if user.role != Role.API_CLIENT:
        return True
    entry = route_scopes(request)
    return entry.is_for_clients and all(has_scope(user, scope) for scope in entry.needs)


def scope_table_markdown() -> str:
    """The table as Markdown rows (`route name | method | scopes`), for docs/security.md."""
    rows = ["| route (URL name) | method | an API client needs |", "|---|---|---|"]
    for name, methods in ROUTE_SCOPES.items():
        for method, entry in methods.items():
            rows.append(f"| `{name}` | {method} | {entry.describe()} |")
    return "\n".join(rows)
