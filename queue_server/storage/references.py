"""The references citizens take away (ส-2569-000123 for a case, ร-2569-000012 for a
complaint): one count per mark and Buddhist-era year, given out under the site lock."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from queue_server.domain.cases import reference

from .tables import reference_sequences


def next_reference(conn: Connection, site_id: str, mark: str, year_be: int) -> str:
    where = (
        reference_sequences.c.site_id == site_id,
        reference_sequences.c.mark == mark,
        reference_sequences.c.year == year_be,
    )
    last = conn.execute(select(reference_sequences.c.last).where(*where)).scalar()
    if last is None:
        conn.execute(
            insert(reference_sequences).values(site_id=site_id, mark=mark, year=year_be, last=1)
        )
    else:
        conn.execute(update(reference_sequences).where(*where).values(last=last + 1))
    return reference(mark, year_be, (last or 0) + 1)


def updates_of(
    conn: Connection, table: Table, site_id: str, references: list[str]
) -> dict[str, list[Any]]:
    """Each reference's history rows (a case's or a complaint's), oldest first."""
    found: dict[str, list[Any]] = {ref: [] for ref in references}
    if references:
        rows = conn.execute(
            select(table)
            .where(table.c.site_id == site_id, table.c.reference.in_(references))
            .order_by(table.c.id)
        )
        for row in rows:
            found[row.reference].append(row)
    return found
