"""Persistence adapter: SQLAlchemy 2 tables, the queue store and Alembic migrations.

Nothing outside this package imports SQLAlchemy; the domain never does.
"""

from .engine import is_unavailable, make_engine
from .migrate import current_revision, upgrade
from .store import QueueStore

__all__ = ["QueueStore", "current_revision", "is_unavailable", "make_engine", "upgrade"]
