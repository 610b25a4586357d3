"""Outcomes and forwarded cases in the database, inside the operation's transaction.

The queue store's unit of work hands one ``CaseBook`` to each operation
(``tx.cases``): what it records commits or rolls back with the rest, under the
same site lock, and the reply of a request is stored with it (so a counter that
sends "forwarded" twice gets one case and one reference).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from queue_server.domain.cases import (
    REFERENCE_MARK,
    Case,
    CaseStatus,
    CaseUpdate,
    Channel,
    Outcome,
    TicketOutcome,
)

from .references import next_reference, updates_of
from .tables import case_updates, cases, ticket_outcomes

LISTED = 500  # the most a list returns: the follow-up of one centre, not an archive


def case_from_row(row: Any, history: list[CaseUpdate] | None = None) -> Case:
    """A ``cases`` row (all its columns, or the report's without the contact) as the domain's."""
    values = dict(row._mapping)
    values.pop("site_id", None)
    values["channel"] = Channel(values["channel"])
    values["status"] = CaseStatus(values["status"])
    values["token"] = values.get("token") or ""
    return Case(**values, history=history or [])


class CaseBook:
    def __init__(self, conn: Connection, site_id: str) -> None:
        self._conn = conn
        self._site_id = site_id

    # -- outcomes --------------------------------------------------------

    def outcome_of(self, ticket_id: str) -> TicketOutcome | None:
        row = self._conn.execute(
            select(ticket_outcomes).where(
                ticket_outcomes.c.site_id == self._site_id,
                ticket_outcomes.c.ticket_id == ticket_id,
            )
        ).first()
        if row is None:
            return None
        values = dict(row._mapping)
        values.pop("site_id")
        values["outcome"] = Outcome(values["outcome"])
        values["case"] = values.pop("case_ref")
        return TicketOutcome(**values)

    def add_outcome(self, outcome: TicketOutcome) -> None:
        self._conn.execute(
            insert(ticket_outcomes).values(
                site_id=self._site_id,
                ticket_id=outcome.ticket_id,
                service_day=outcome.service_day,
                number=outcome.number,
                service=outcome.service,
                outcome=outcome.outcome.value,
                counter=outcome.counter,
                staff=outcome.staff,
                at=outcome.at,
                case_ref=outcome.case,
            )
        )

    # -- cases -----------------------------------------------------------

    def next_reference(self, year_be: int) -> str:
        return next_reference(self._conn, self._site_id, REFERENCE_MARK, year_be)

    def add(self, case: Case) -> None:
        self._conn.execute(
            insert(cases).values(
                site_id=self._site_id,
                reference=case.reference,
                ticket_id=case.ticket_id,
                number=case.number,
                service=case.service,
                agency=case.agency,
                channel=case.channel.value,
                sent_on=case.sent_on,
                opened_at=case.opened_at,
                standard_days=case.standard_days,
                token=case.token or None,
                **self._changing(case),
            )
        )
        for change in case.history:
            self._add_update(case.reference, change)

    def save(self, case: Case, change: CaseUpdate) -> None:
        """Write a case moved on by ``change`` (its last history entry)."""
        self._conn.execute(
            update(cases)
            .where(cases.c.site_id == self._site_id, cases.c.reference == case.reference)
            .values(**self._changing(case))
        )
        self._add_update(case.reference, change)

    @staticmethod
    def _changing(case: Case) -> dict[str, Any]:
        return {
            "status": case.status.value,
            "agency_ref": case.agency_ref,
            "contact": case.contact,
            "updated_at": case.updated_at,
            "answered_at": case.answered_at,
        }

    def _add_update(self, reference: str, change: CaseUpdate) -> None:
        self._conn.execute(
            insert(case_updates).values(
                site_id=self._site_id,
                reference=reference,
                at=change.at,
                staff=change.staff,
                status=change.status.value,
            )
        )

    def get(self, reference: str) -> Case | None:
        row = self._conn.execute(
            select(cases).where(cases.c.site_id == self._site_id, cases.c.reference == reference)
        ).first()
        return None if row is None else case_from_row(row, self._history([reference])[reference])

    def listing(self, *, open_only: bool) -> list[Case]:
        """Open cases first by age (the follow-up list), or every case, newest first."""
        query = select(cases).where(cases.c.site_id == self._site_id)
        if open_only:
            query = query.where(cases.c.status != CaseStatus.INFORMED.value)
            query = query.order_by(cases.c.sent_on, cases.c.reference)
        else:
            query = query.order_by(cases.c.opened_at.desc(), cases.c.reference.desc())
        rows = list(self._conn.execute(query.limit(LISTED)))
        history = self._history([row.reference for row in rows])
        return [case_from_row(row, history[row.reference]) for row in rows]

    def _history(self, references: list[str]) -> dict[str, list[CaseUpdate]]:
        found = updates_of(self._conn, case_updates, self._site_id, references)
        return {
            ref: [CaseUpdate(r.at, r.staff, CaseStatus(r.status)) for r in rows]
            for ref, rows in found.items()
        }
