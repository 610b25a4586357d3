"""Persistence adapter: SQLAlchemy 2 tables, the queue store and Alembic migrations.

Nothing outside this package imports SQLAlchemy; the domain never does.
"""

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError as DatabaseUnreachable
from sqlalchemy.exc import SQLAlchemyError as DatabaseError

from .engine import is_unavailable, make_engine, sqlite_file
from .migrate import current_revision, upgrade
from .store import QueueStore

__all__ = [
    "DatabaseError",
    "DatabaseUnreachable",
    "Engine",
    "QueueStore",
    "current_revision",
    "is_unavailable",
    "make_engine",
    "sqlite_file",
    "upgrade",
]
