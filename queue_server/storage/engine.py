"""Engines for SQLite (the default) and PostgreSQL.

SQLite runs in WAL mode so readers never block the writer, with
``synchronous=NORMAL`` (durable across a process crash; a power cut may lose
the last transactions but never corrupts the file). Every transaction starts
with ``BEGIN IMMEDIATE`` so two processes serialise on the write lock at the
start instead of failing at commit with "database is locked".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, OperationalError

BUSY_TIMEOUT_MS = 30_000


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")


_BEGIN_OPTION = "oss_sqlite_begin"


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read-only connection; on SQLite it does not take the write lock."""
    with engine.connect() as conn:
        conn.execution_options(**{_BEGIN_OPTION: "DEFERRED"})
        yield conn


def make_engine(url: str, **kwargs: Any) -> Engine:
    # A failed statement's values never reach a log line: a case's contact is one of them.
    kwargs.setdefault("hide_parameters", True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, **kwargs)


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite database URL; None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def is_unavailable(exc: BaseException) -> bool:
    """The database cannot be reached or is locked: worth retrying, not a bug."""
    return isinstance(exc, (OperationalError, DisconnectionError))
