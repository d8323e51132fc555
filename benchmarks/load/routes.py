"""The API routes the load test drives: path template, method and Django URL name.

Kept apart from the locustfile (which imports locust and gevent) so the test suite can check
every path against the URLconf without installing the load-test tools.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    template: str  # "{id}" is replaced by a primary key
    url_name: str

    def path(self, pk: int | None = None) -> str:
        return self.template.format(id=pk) if "{id}" in self.template else self.template

    @property
    def label(self) -> str:
        """The name locust groups a route's requests under (one row per route, not per id)."""
        return f"{self.method} {self.template}"


TOKEN = Route("POST", "/api/auth/token/", "api-token")
VACANCY_LIST = Route("GET", "/api/vacancies/", "vacancy-list")
VACANCY_RANKING = Route("GET", "/api/vacancies/{id}/ranking/", "vacancy-ranking")
APPLICATION_LIST = Route("GET", "/api/applications/", "application-list")
APPLICATION_DETAIL = Route("GET", "/api/applications/{id}/", "application-detail")
APPLICATION_HISTORY = Route("GET", "/api/applications/{id}/history/", "application-history")
APPLICATION_CREATE = Route("POST", "/api/applications/", "application-list")
APPLICATION_MOVE = Route("POST", "/api/applications/{id}/move/", "application-move")
SCORE_LIST = Route("GET", "/api/scores/", "score-list")

ROUTES = (
    TOKEN,
    VACANCY_LIST,
    VACANCY_RANKING,
    APPLICATION_LIST,
    APPLICATION_DETAIL,
    APPLICATION_HISTORY,
    APPLICATION_CREATE,
    APPLICATION_MOVE,
    SCORE_LIST,
)
