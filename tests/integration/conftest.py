"""Integration fixtures: the default site on a real database, with a clock the test moves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from queue_server.bootstrap import service_for
from queue_server.config import Site, load_site
from queue_server.service import QueueService
from queue_server.testing import at
from tests.support.databases import migrated


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float = 1) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def site(site_dir: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setenv("OSS_QUEUE_DATABASE_URL", database_url)
    loaded = load_site(site_dir / "site.yaml")
    migrated(loaded.database_url)
    return loaded


@pytest.fixture
def clock() -> Clock:
    return Clock(at(9, 0))


@pytest.fixture
def open_service(site: Site, clock: Clock) -> Iterator[Callable[[], QueueService]]:
    """Open as many services on the same database as a test wants: each is a "process start"."""
    opened: list[QueueService] = []

    def start() -> QueueService:
        service = service_for(site, clock=clock)
        opened.append(service)
        return service

    yield start
    for service in opened:
        service.close()


@pytest.fixture
def service(open_service: Callable[[], QueueService]) -> QueueService:
    return open_service()
