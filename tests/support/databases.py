"""A migrated database for a test, copied from a template instead of migrated each time.

Running every Alembic migration costs ~55 ms on SQLite; most tests only need the
database as it is after the last one. Each test process migrates one template
file once and copies it (a few KB). PostgreSQL databases are migrated as before:
only the storage tests use them, and what they test includes the migration.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from sqlalchemy.engine import make_url

from queue_server.storage import upgrade


@cache
def _template() -> Path:
    path = Path(tempfile.mkdtemp(prefix="oss-template-")) / "queue.db"
    upgrade(f"sqlite:///{path}")
    return path


def migrated(url: str) -> None:
    """Bring the database at ``url`` to the current schema (as ``storage.upgrade`` does)."""
    parsed = make_url(url)
    target = Path(parsed.database or "")
    if parsed.get_backend_name() != "sqlite" or not parsed.database or target.exists():
        upgrade(url)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_template(), target)
