"""Upgrading a centre's database: backed up first, put back if a migration fails, and a way back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from queue_server.config import Site
from queue_server.service import QueueService
from queue_server.storage import current_revision, make_engine
from queue_server.storage.migrate import MigrationError, downgrade, head_revision, migrate
from queue_server.testing import MONDAY
from tests.integration.test_cli import run
from tests.support.sites import open_all_day

PETITION = "general-petition"
BEFORE = "0002"  # a database as the previous release left it


def numbers(site: Site) -> list[str]:
    engine = make_engine(site.database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT number FROM tickets ORDER BY seq"))
            return [row.number for row in rows]
    finally:
        engine.dispose()


def execute(site: Site, statement: str) -> None:
    engine = make_engine(site.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def old_database(site: Site, service: QueueService) -> Site:
    """Two tickets issued, then the schema taken back to the previous release's."""
    for _ in range(2):
        service.issue(PETITION)
    assert service.store.tickets_of_day(MONDAY)
    service.close()
    downgrade(site.database_url, BEFORE)
    return site


def test_an_upgrade_backs_up_first_and_keeps_the_tickets(old_database: Site, tmp_path: Path):
    saved = migrate(old_database.database_url, tmp_path / "backups")
    assert current_revision(old_database.database_url) == head_revision()
    assert numbers(old_database) == ["D001", "D002"]
    assert saved is not None and saved.exists() and saved.stat().st_size > 0
    assert f"from-{BEFORE}" in saved.name
    if saved.suffix == ".db":
        assert current_revision(f"sqlite:///{saved}") == BEFORE


def test_an_up_to_date_database_is_left_alone(site: Site, tmp_path: Path):
    assert migrate(site.database_url, tmp_path / "backups") is None
    assert not (tmp_path / "backups").exists()


def test_a_failing_migration_puts_the_database_back(old_database: Site, tmp_path: Path):
    # Something the next migration does not expect: a table by the name it creates.
    execute(old_database, "CREATE TABLE ratings (x INTEGER)")
    with pytest.raises(MigrationError) as failed:
        migrate(old_database.database_url, tmp_path / "backups")
    assert "put back" in str(failed.value)
    assert current_revision(old_database.database_url) == BEFORE
    assert numbers(old_database) == ["D001", "D002"]


def test_a_database_newer_than_the_code_is_refused_with_the_way_back(site: Site, tmp_path: Path):
    execute(site, "UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(MigrationError) as refused:
        migrate(site.database_url, tmp_path / "backups")
    message = str(refused.value)
    assert "0099" in message and "db downgrade" in message and "restore" in message


# -- as a centre's IT person runs it -------------------------------------------


@pytest.fixture
def site_yaml(site_dir: Path) -> Path:
    """The default SQLite site, with two tickets, on the previous release's schema."""
    path = site_dir / "site.yaml"
    open_all_day(path)  # tickets are issued on the real clock
    assert run("db", "upgrade", "--config", str(path)).returncode == 0
    for _ in range(2):
        assert run("ticket", "issue", "--service", PETITION, "--config", str(path)).returncode == 0
    assert run("db", "downgrade", BEFORE, "--yes", "--config", str(path)).returncode == 0
    return path


@pytest.mark.slow  # subprocesses: in `make test`, not `make test-fast`
def test_rolling_back_and_forward_from_the_command_line_keeps_the_tickets(site_yaml: Path):
    upgraded = run("db", "upgrade", "--config", str(site_yaml))
    assert upgraded.returncode == 0, upgraded.stderr
    assert "the state before is kept in" in upgraded.stdout
    back = run("db", "downgrade", BEFORE, "--yes", "--config", str(site_yaml))
    assert back.returncode == 0, back.stderr
    assert f"database at revision {BEFORE}" in back.stdout
    again = run("db", "upgrade", "--config", str(site_yaml))
    assert again.returncode == 0
    tickets = run("ticket", "status", "D002", "--config", str(site_yaml))
    assert "D002" in tickets.stdout
    backups = sorted((site_yaml.parent / "backups").iterdir())
    assert len(backups) == 4  # each change to the schema kept what was before


def test_the_server_will_not_start_on_a_database_it_does_not_know(site_yaml: Path):
    assert run("db", "upgrade", "--config", str(site_yaml)).returncode == 0
    database = site_yaml.parent / "data" / "oss-queue.db"
    import sqlite3

    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    result = run("server", "--config", str(site_yaml))
    assert result.returncode == 2
    assert "newer than this version of OSS Queue knows" in result.stderr
