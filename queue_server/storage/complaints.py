"""The complaints register in the database, in the operation's transaction (``tx.complaints``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from queue_server.domain.complaints import Category, Complaint, Kind, Status

from .references import next_reference, updates_of
from .tables import complaint_updates, complaints

LISTED = 500


def complaint_from_row(row: Any, history: list[tuple[Any, str, Status]] | None = None) -> Complaint:
    """A ``complaints`` row (all its columns, or the report's without the contact)."""
    values = dict(row._mapping)
    values.pop("site_id", None)
    values["kind"] = Kind(values["kind"])
    values["category"] = Category(values["category"])
    values["status"] = Status(values["status"])
    return Complaint(**values, history=history or [])


class ComplaintBook:
    def __init__(self, conn: Connection, site_id: str) -> None:
        self._conn = conn
        self._site_id = site_id

    def next_reference(self, mark: str, year_be: int) -> str:
        return next_reference(self._conn, self._site_id, mark, year_be)

    def add(self, complaint: Complaint) -> None:
        self._conn.execute(
            insert(complaints).values(
                site_id=self._site_id,
                reference=complaint.reference,
                kind=complaint.kind.value,
                category=complaint.category.value,
                text=complaint.text,
                received_at=complaint.received_at,
                service_day=complaint.service_day,
                source=complaint.source,
                number=complaint.number,
                **self._changing(complaint),
            )
        )
        self._add_update(complaint)

    def save(self, complaint: Complaint) -> None:
        self._conn.execute(
            update(complaints)
            .where(
                complaints.c.site_id == self._site_id,
                complaints.c.reference == complaint.reference,
            )
            .values(**self._changing(complaint))
        )
        self._add_update(complaint)

    @staticmethod
    def _changing(complaint: Complaint) -> dict[str, Any]:
        return {
            "contact": complaint.contact,
            "status": complaint.status.value,
            "answer": complaint.answer,
            "updated_at": complaint.updated_at,
            "closed_at": complaint.closed_at,
        }

    def _add_update(self, complaint: Complaint) -> None:
        at, staff, status = complaint.history[-1]
        self._conn.execute(
            insert(complaint_updates).values(
                site_id=self._site_id,
                reference=complaint.reference,
                at=at,
                staff=staff,
                status=status.value,
            )
        )

    def get(self, reference: str) -> Complaint | None:
        row = self._conn.execute(
            select(complaints).where(
                complaints.c.site_id == self._site_id, complaints.c.reference == reference
            )
        ).first()
        return (
            None if row is None else complaint_from_row(row, self._history([reference])[reference])
        )

    def listing(self, *, open_only: bool) -> list[Complaint]:
        """Open ones oldest first (the register to work through), or all, newest first."""
        query = select(complaints).where(complaints.c.site_id == self._site_id)
        if open_only:
            query = query.where(complaints.c.status != Status.CLOSED.value).order_by(
                complaints.c.received_at, complaints.c.reference
            )
        else:
            query = query.order_by(complaints.c.received_at.desc(), complaints.c.reference.desc())
        rows = list(self._conn.execute(query.limit(LISTED)))
        history = self._history([row.reference for row in rows])
        return [complaint_from_row(row, history[row.reference]) for row in rows]

    def _history(self, references: list[str]) -> dict[str, list[tuple[Any, str, Status]]]:
        found = updates_of(self._conn, complaint_updates, self._site_id, references)
        return {
            ref: [(r.at, r.staff, Status(r.status)) for r in rows] for ref, rows in found.items()
        }
