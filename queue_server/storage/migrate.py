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
from sqlalchemy.engine import make_url

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


def backup_name(url: str, revision: str | None, moment: datetime) -> str:
    suffix = ".db" if make_url(url).get_backend_name() == "sqlite" else ".dump"
    return f"before-{head_revision()}-from-{revision or 'empty'}-{moment:%Y%m%d-%H%M%S}{suffix}"


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
    from .backup import backup, restore  # backup imports nothing from here; keep it lazy

    current = check_not_newer(url)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return None
    saved = None
    if current is not None:  # an empty database has nothing to lose
        saved = backups / backup_name(url, current, datetime.now())
        backup(url, saved)
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
