"""Console fixtures: the default site on a real SQLite database, the console's app in a
test client (no broker: the live floor is fed by hand where a test needs it), staff."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from queue_server.bootstrap import centre
from queue_server.config import Site, load_site
from queue_server.domain.staff import StaffRole
from queue_server.testing import at
from queue_server.web.app import build_app
from queue_server.web.console import Console
from queue_server.web.feed import FloorFeed
from tests.integration.conftest import Clock
from tests.support.databases import migrated

CLERK, SUPERVISOR, ADMIN = ("s01", "1357"), ("sup1", "2468"), ("adm1", "9753")


@pytest.fixture
def console_site(site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.delenv("OSS_QUEUE_DATABASE_URL", raising=False)
    site = load_site(site_dir / "site.yaml")
    migrated(site.database_url)
    return site


@pytest.fixture
def clock() -> Clock:
    return Clock(at(9, 0))


@pytest.fixture
def console(console_site: Site, clock: Clock) -> Iterator[Console]:
    parts = centre(console_site, clock)
    for (code, pin), role in zip(
        (CLERK, SUPERVISOR, ADMIN),
        (StaffRole.CLERK, StaffRole.SUPERVISOR, StaffRole.ADMIN),
        strict=True,
    ):
        parts.staff.set_pin(code, pin, clock(), role)
    yield Console(console_site, parts, FloorFeed(None), clock)
    parts.close()


@pytest.fixture
def web(console: Console) -> Iterator[TestClient]:
    """A browser without a session yet (cookies kept between requests, no redirects
    followed: the tests look at each answer)."""
    with TestClient(build_app(console), follow_redirects=False) as client:
        yield client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "the page has no form token"
    return found[1]


def sign_in(web: TestClient, who: tuple[str, str] = CLERK) -> TestClient:
    token = csrf_of(web.get("/signin").text)
    answer = web.post("/signin", data={"staff": who[0], "pin": who[1], "csrf": token})
    assert answer.status_code == 303, answer.text
    return web


def post(web: TestClient, path: str, data: dict[str, str], page: str | None = None) -> object:
    """POST a form as the browser would: with the token from the page it sits on."""
    token = csrf_of(web.get(page or path).text)
    return web.post(path, data={**data, "csrf": token})
