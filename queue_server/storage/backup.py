"""Backups: SQLite's online backup API, or pg_dump/pg_restore for PostgreSQL.

A SQLite backup is taken page by page from a live database (the server can
keep running) and is itself a consistent SQLite file. Restoring writes that
file back through the same API, so a database in WAL mode is replaced whole.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    pass


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up")
    return Path(parsed.database)


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: apt-get install postgresql-client")
    return found


def backup(url: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    path = _sqlite_path(url)
    if path is None:
        result = subprocess.run(
            [_tool("pg_dump"), "--format=custom", "--file", str(out), _libpq_url(url)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return
    if not path.exists():
        raise BackupError(f"no database at {path}")
    source = sqlite3.connect(path, timeout=30)
    target = sqlite3.connect(out)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def restore(url: str, backup_file: Path) -> None:
    if not backup_file.exists():
        raise BackupError(f"no backup at {backup_file}")
    path = _sqlite_path(url)
    if path is None:
        command = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner"]
        result = subprocess.run(
            [*command, "--dbname", _libpq_url(url), str(backup_file)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        return
    source = sqlite3.connect(backup_file)
    try:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{backup_file} is not a sound SQLite database")
        path.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(path, timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def suffix(url: str) -> str:
    """A backup's file ending: a SQLite file, or pg_dump's custom format."""
    return ".db" if make_url(url).get_backend_name() == "sqlite" else ".dump"


def dated_name(url: str, site_id: str, day: date) -> str:
    """``maekorn-2026-11-23.db`` (``.dump`` for PostgreSQL): one a day, sorted by name."""
    return f"{site_id}-{day.isoformat()}{suffix(url)}"


def prune(folder: Path, site_id: str, keep_days: int, today: date) -> list[Path]:
    """Delete this site's dated backups older than ``keep_days``; the newest is always kept."""
    dated = []
    for path in folder.glob(f"{site_id}-*"):
        stem = path.name[len(site_id) + 1 :].split(".")[0]
        try:
            dated.append((date.fromisoformat(stem), path))
        except ValueError:
            continue  # not one of ours
    dated.sort()
    cutoff = today - timedelta(days=keep_days)
    removed = [path for day, path in dated[:-1] if day < cutoff]
    for path in removed:
        path.unlink()
    return removed
