"""Read back the ratings a test's screens stored."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, select

from queue_server.config import Site
from queue_server.storage.tables import ratings


def stored_ratings(site: Site) -> list[dict[str, Any]]:
    engine = create_engine(site.database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(ratings).where(ratings.c.site_id == site.id)).mappings()
            return [dict(row) for row in rows]
    finally:
        engine.dispose()
