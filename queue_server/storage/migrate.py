"""Run the Alembic migrations that ship inside the package.

There is no alembic.ini to find: ``oss-queue db upgrade`` and the server
both go through ``migrate(url, backups)``, which points Alembic at
``migrations/``. A centre upgrades by installing the new version and
restarting the server, so the schema change must be safe on its own: the
database is backed up before any migration runs, put back from that backup
if one fails, and a database newer than the code is refused with the way
back spelled out rather than half-understood.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .backup import backup, restore, suffix
from .engine import make_engine, reading

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # configparser would read "%" in a password as interpolation
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with reading(engine) as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


class MigrationError(RuntimeError):
    pass


def known_revisions() -> set[str]:
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return {script.revision for script in scripts.walk_revisions()}


def backup_before_change(url: str, backups: Path, current: str | None) -> Path:
    """Back up the database before its schema changes; the name says from which revision."""
    name = f"before-{head_revision()}-from-{current or 'empty'}-{datetime.now():%Y%m%d-%H%M%S}"
    saved = backups / f"{name}{suffix(url)}"
    backup(url, saved)
    return saved


def check_not_newer(url: str) -> str | None:
    """The database's revision; MigrationError if this code does not know it."""
    current = current_revision(url)
    if current is not None and current not in known_revisions():
        raise MigrationError(
            f"the database is at schema revision {current}, newer than this version of "
            f"OSS Queue knows (latest {head_revision()}). Either run this version's newer "
            f"release again, or roll the database back with that newer release "
            f"(`oss-queue db downgrade {head_revision()}`), or restore the backup taken "
            "before the upgrade (`oss-queue restore`); see docs/upgrade.md"
        )
    return current


def migrate(url: str, backups: Path, revision: str = "head") -> Path | None:
    """Bring the database to ``revision``; back it up first. Returns the backup, if one was taken.

    A migration that fails puts the backup back and raises MigrationError
    naming it: the centre runs on, unchanged, with the previous version.
    """
    current = check_not_newer(url)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return None
    # an empty database has nothing to lose
    saved = backup_before_change(url, backups, current) if current is not None else None
    try:
        upgrade(url, revision)
    except Exception as exc:
        if saved is None:
            raise MigrationError(f"creating the database failed: {exc}") from exc
        restore(url, saved)
        raise MigrationError(
            f"upgrading the database from {current} to {target} failed ({exc}); "
            f"it was put back as it was from {saved}"
        ) from exc
    return saved
