"""Shared fixtures: a site folder from the shipped defaults, and real databases."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assets import DEFAULT_CATALOG, DEFAULT_LOGO, DEFAULT_SITE
from tests.support.postgres import PostgresServer, start_postgres


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """A fresh copy of the default site.yaml and catalog.yaml."""
    shutil.copy(DEFAULT_SITE, tmp_path / "site.yaml")
    shutil.copy(DEFAULT_CATALOG, tmp_path / "catalog.yaml")
    shutil.copy(DEFAULT_LOGO, tmp_path / "logo.png")
    return tmp_path


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = start_postgres()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or a new database on a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/queue.db"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


BROKER_FIXTURES = {"broker", "mosquitto_broker", "amqtt_broker"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what needs a broker or a window, so `make test-fast` can leave them out."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROKER_FIXTURES:
            item.add_marker(pytest.mark.broker)
        if "tests/ui/" in str(item.path).replace("\\", "/") or "kivy_window" in fixtures:
            item.add_marker(pytest.mark.window)
    # The slow ones first: the workers then share out the short ones around them, instead
    # of one worker starting a half-minute test when the others have nothing left.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
