"""Read back what a test's screens stored, straight from the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, create_engine, select

from queue_server.config import Site
from queue_server.storage.tables import ratings, tickets


def _rows(site: Site, table: Table) -> list[dict[str, Any]]:
    engine = create_engine(site.database_url)
    try:
        with engine.connect() as conn:
            result = conn.execute(select(table).where(table.c.site_id == site.id)).mappings()
            return [dict(row) for row in result]
    finally:
        engine.dispose()


def stored_ratings(site: Site) -> list[dict[str, Any]]:
    return _rows(site, ratings)


def stored_tickets(site: Site) -> list[dict[str, Any]]:
    return _rows(site, tickets)
