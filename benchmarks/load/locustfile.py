"""Recruiters on the REST API under load: rankings, the pipeline, new applications and moves.

    FAIRMATCH_LOAD_MANIFEST=var/load/manifest.json \
        locust -f benchmarks/load/locustfile.py --host http://127.0.0.1:8000

`benchmarks/load/run.sh` seeds the database, writes the manifest (logins and ids, see seed.py)
and runs this headless. Each simulated recruiter signs in once with `POST /api/auth/token/` and
sends `Authorization: Token ...` afterwards, as API clients do. Creates pair the seed's spare
candidates with vacancies from one shared iterator, and each user moves only the applications it
created, so no request is a duplicate or a racing move: any 4xx/5xx is a real failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task
from locust.exception import StopUser

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.load.routes import (  # noqa: E402
    APPLICATION_CREATE,
    APPLICATION_DETAIL,
    APPLICATION_HISTORY,
    APPLICATION_LIST,
    APPLICATION_MOVE,
    SCORE_LIST,
    TOKEN,
    VACANCY_LIST,
    VACANCY_RANKING,
    Route,
)

# A legal cycle through the workflow (new -> screening <-> talent pool), so moves never 409.
NEXT_STATUS = {"new": "screening", "screening": "talent_pool", "talent_pool": "screening"}
RANKING_K = 50


@cache
def manifest() -> dict[str, Any]:
    """Logins and ids written by seed.py (read once, on the first user's start)."""
    path = Path(os.environ.get("FAIRMATCH_LOAD_MANIFEST", REPO_ROOT / "var/load/manifest.json"))
    return dict(json.loads(path.read_text()))


_user_numbers = itertools.count()


def _fail(response: Any) -> None:
    """Mark a response failed with its status and body, or the connection error (status 0)."""
    response.failure(f"{response.status_code}: {response.error or response.text[:200]}")


@cache
def _new_pairs() -> Iterator[tuple[int, int]]:
    """(candidate, vacancy) pairs nobody applied with yet, shared by every simulated user."""
    data = manifest()
    return itertools.product(data["spare_candidate_ids"], data["vacancy_ids"])


class Recruiter(HttpUser):
    """A recruiter working through vacancies: reads most, ranks often, writes now and then."""

    wait_time = between(1, 3)

    def on_start(self) -> None:
        data = manifest()
        username = data["recruiters"][next(_user_numbers) % len(data["recruiters"])]
        self.owned: list[tuple[int, str]] = []  # (application id, status) this user created
        with self.client.post(
            TOKEN.path(),
            json={"username": username, "password": data["password"]},
            name=TOKEN.label,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                _fail(response)
                raise StopUser
            self.client.headers["Authorization"] = f"Token {response.json()['token']}"

    def _get(self, route: Route, pk: int | None = None, **params: Any) -> Any:
        with self.client.get(
            route.path(pk), params=params, name=route.label, catch_response=True
        ) as response:
            if response.status_code != 200:
                _fail(response)
                return None
            return response.json()

    @task(2)
    def vacancy_ranking(self) -> None:
        vacancy = random.choice(manifest()["vacancy_ids"])
        with self.client.get(
            VACANCY_RANKING.path(vacancy),
            params={"k": RANKING_K},
            name=VACANCY_RANKING.label,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                _fail(response)
            elif not response.json()["results"]:
                response.failure("empty ranking for a vacancy with applicants")

    @task(4)
    def application_list(self) -> None:
        self._get(APPLICATION_LIST, vacancy=random.choice(manifest()["vacancy_ids"]))

    @task(4)
    def application_detail(self) -> None:
        self._get(APPLICATION_DETAIL, random.choice(manifest()["application_ids"]))

    @task(1)
    def application_history(self) -> None:
        self._get(APPLICATION_HISTORY, random.choice(manifest()["application_ids"]))

    @task(1)
    def vacancy_list(self) -> None:
        self._get(VACANCY_LIST)

    @task(1)
    def score_list(self) -> None:
        self._get(SCORE_LIST, vacancy=random.choice(manifest()["vacancy_ids"]))

    @task(1)
    def application_create(self) -> None:
        pair = next(_new_pairs(), None)
        if pair is None:  # every spare candidate applied everywhere: nothing left to create
            return
        candidate, vacancy = pair
        with self.client.post(
            APPLICATION_CREATE.path(),
            json={"candidate": candidate, "vacancy": vacancy},
            name=APPLICATION_CREATE.label,
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                _fail(response)
                return
            body = response.json()
            self.owned.append((body["id"], body["status"]))

    @task(2)
    def application_move(self) -> None:
        if not self.owned:
            return
        index = random.randrange(len(self.owned))
        application, status = self.owned[index]
        target = NEXT_STATUS[status]
        with self.client.post(
            APPLICATION_MOVE.path(application),
            json={"to_status": target, "reason": "load test"},
            name=APPLICATION_MOVE.label,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                _fail(response)
                return
            self.owned[index] = (application, response.json()["status"])
