"""Backups: SQLite's online backup API, or pg_dump/pg_restore for PostgreSQL.

A SQLite backup is taken page by page from a live database (the server can
keep running) and is itself a consistent SQLite file. Restoring writes that
file back through the same API, so a database in WAL mode is replaced whole.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Connection, inspect, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from .engine import make_engine, sqlite_file
from .tables import number_sequences, sites


class BackupError(RuntimeError):
    pass


def _sqlite_path(url: str) -> Path | None:
    if make_url(url).get_backend_name() != "sqlite":
        return None
    path = sqlite_file(url)
    if path is None:
        raise BackupError("an in-memory database cannot be backed up")
    return path


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


NumberKey = tuple[str, date, str]  # site, service day, prefix
RESTORED = 1_000_000  # a jump in each site's version no unit of work kept can match


def _sequences(conn: Connection) -> dict[NumberKey, int]:
    rows = conn.execute(select(number_sequences))
    return {(r.site_id, r.service_day, r.prefix): r.last_seq for r in rows}


def issued_numbers(url: str) -> dict[NumberKey, int]:
    """The last number issued per queue and day, as the database now holds them."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return _sequences(conn)
    finally:
        engine.dispose()


def keep_numbers_issued(url: str, issued: dict[NumberKey, int], skip: int = 0) -> int:
    """After a restore, never issue again a number citizens may already hold.

    The backup is older than the numbers handed out since: each queue goes on
    from the higher of the two counts (plus ``skip`` when the numbers the
    replaced database had issued could not be read). Returns queues moved on.
    """
    engine = make_engine(url)
    moved = 0
    try:
        with engine.begin() as conn:
            t = number_sequences.c
            restored = _sequences(conn)
            for key, last in issued.items():
                target = max(last, restored.get(key, 0)) + skip
                if key not in restored:
                    site, day, prefix = key
                    conn.execute(
                        number_sequences.insert().values(
                            site_id=site, service_day=day, prefix=prefix, last_seq=target
                        )
                    )
                elif target != restored[key]:
                    where = (t.site_id == key[0], t.service_day == key[1], t.prefix == key[2])
                    conn.execute(update(number_sequences).where(*where).values(last_seq=target))
                else:
                    continue
                moved += 1
            # the database went back in time: a queue day some process kept in memory
            # is no longer true (QueueStore.day compares this version); a backup from
            # before the version (migration 0010) gets it when it is upgraded
            if "version" in {c["name"] for c in inspect(conn).get_columns("sites")}:
                conn.execute(update(sites).values(version=sites.c.version + RESTORED))
    finally:
        engine.dispose()
    return moved


def restore(
    url: str, backup_file: Path, *, today_queues: Iterable[NumberKey] = (), skip: int = 100
) -> tuple[int, bool]:
    """Put the backup in place of the database; numbers handed out since are not reissued.

    Returns how many queues were moved on past the backup's count, and whether
    the replaced database could be read. If not (it is why one restores),
    ``today_queues`` each move on ``skip`` numbers instead.
    """
    if not backup_file.exists():
        raise BackupError(f"no backup at {backup_file}")
    try:
        issued, extra = issued_numbers(url), 0
    except SQLAlchemyError:
        issued, extra = dict.fromkeys(today_queues, 0), skip
    _replace(url, backup_file)
    return keep_numbers_issued(url, issued, extra), extra == 0


def _replace(url: str, backup_file: Path) -> None:
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
        try:
            _copy_into(source, path)
        except sqlite3.DatabaseError:
            # A damaged file cannot be written page by page: keep it aside, start anew.
            for part in path.parent.glob(path.name + "*"):
                part.rename(part.with_name(part.name + ".damaged"))
            _copy_into(source, path)
    finally:
        source.close()


def _copy_into(source: sqlite3.Connection, path: Path) -> None:
    target = sqlite3.connect(path, timeout=30)
    try:
        source.backup(target)
    finally:
        target.close()


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
