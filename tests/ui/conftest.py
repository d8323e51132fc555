"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

No browser is ever downloaded: the tests use /usr/bin/chromium (apt) and skip without it,
or fail without it in CI (``CI=true``; ``.ci/run`` installs it).
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from ats_site.accounts.roles import sync_role_groups
from ats_site.demo import demo_seed
from tests.requirements import require, require_module

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
DEMO_CANDIDATES = 12


@pytest.fixture(scope="module", autouse=True)
def allow_async_unsafe() -> Iterator[None]:
    """Let the ORM run while Playwright's sync API holds an event loop in the test thread.

    The ORM calls made around it are synchronous and safe. Set only while browser tests run:
    `check --deploy` (run by other tests in a subprocess) rejects this variable.
    """
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield
    if previous is None:
        os.environ.pop(ASYNC_UNSAFE, None)
    else:
        os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="module")
def browser(allow_async_unsafe: None) -> Iterator[object]:
    """One Chromium per test module; stopped after it so no event loop outlives the UI tests."""
    require(str(CHROMIUM), "install Debian's chromium (apt) to run browser tests")
    sync_api = require_module(
        "playwright.sync_api", "the browser tests drive Chromium through playwright"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(live_server: object) -> object:
    """The demo data (logins, vacancies, applications) on the live server's database.

    A transactional test's flush empties the role groups, so they are synced again first.
    """
    sync_role_groups(Group, Permission)
    return demo_seed(candidates_count=DEMO_CANDIDATES)


@pytest.fixture
def page(browser, live_server, demo) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        accept_downloads=True,
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):  # type: ignore[no-untyped-def]
    """Save a full-page screenshot under tests/ui/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(page):  # type: ignore[no-untyped-def]
    """Log in through the login form, as a person would."""

    def submit(username: str, password: str) -> None:
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()

    return submit
