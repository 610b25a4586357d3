"""A throwaway PostgreSQL server for the test session, on 127.0.0.1 only.

Uses the server binaries Debian's ``postgresql`` package installs (``make
test`` and ``.ci/run`` install it). Set ``OSS_QUEUE_TEST_PG_URL`` to use an
existing server instead. When no server can be had the PostgreSQL tests are
skipped on a developer machine but fail under CI, so CI never passes by
silently testing only SQLite.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

_counter = itertools.count(1)


@dataclass
class PostgresServer:
    admin_url: str
    workdir: Path | None = None
    data_dir: Path | None = None
    bin_dir: Path | None = None
    run_as: list[str] = field(default_factory=list)

    def create_database(self) -> str:
        name = f"oss_test_{os.getpid()}_{next(_counter)}"
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def stop(self) -> None:
        if self.data_dir and self.bin_dir:
            subprocess.run(
                [
                    *self.run_as,
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data_dir),
                    "-m",
                    "immediate",
                    "stop",
                ],
                check=False,
                capture_output=True,
            )
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required under CI: {reason}")
    pytest.skip(f"no PostgreSQL server: {reason}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_postgres() -> PostgresServer:
    existing = os.environ.get("OSS_QUEUE_TEST_PG_URL")
    if existing:
        return PostgresServer(admin_url=existing)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    initdb = candidates[0] if candidates else shutil.which("initdb")
    if not initdb:
        _unavailable("initdb not found (apt-get install postgresql)")
    bin_dir = Path(initdb).parent
    # Not under pytest's tmp folders: those are private to root, and the
    # server runs as the postgres user.
    workdir = Path(tempfile.mkdtemp(prefix="oss-queue-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        run_as = ["runuser", "-u", "postgres", "--"]
        shutil.chown(workdir, "postgres", "postgres")
    data, sockets, port = workdir / "data", workdir / "sock", _free_port()
    sockets.mkdir()
    if run_as:
        shutil.chown(sockets, "postgres", "postgres")
    subprocess.run(
        [
            *run_as,
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
        ],
        check=True,
        capture_output=True,
    )
    options = (
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
    )
    result = subprocess.run(
        [
            *run_as,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(workdir / "log"),
            "-w",
            "start",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log = (workdir / "log").read_text() if (workdir / "log").exists() else ""
        _unavailable(f"pg_ctl start failed: {result.stderr}\n{log}")
    return PostgresServer(
        admin_url=f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres",
        workdir=workdir,
        data_dir=data,
        bin_dir=bin_dir,
        run_as=run_as,
    )
