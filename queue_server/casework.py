"""The centre's work after the queue: outcomes of completed tickets and forwarded cases.

Each operation is one transaction through the queue service's unit of work, so
it takes the same site lock, and a request's reply is stored with its change
(a counter that sends "forwarded" twice gets one case, with one reference).
The replies never carry a citizen's contact: they are stored, and a contact
must go when its case is over.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from queue_server.domain.cases import (
    DEFAULT_STANDARD_DAYS,
    Case,
    CaseStatus,
    Forwarding,
    Outcome,
    TicketOutcome,
    open_case,
    parse_reference,
    record_outcome,
)
from queue_server.domain.complaints import COMPLAINT_MARK, Complaint, receive
from queue_server.domain.complaints import Category as ComplaintCategory
from queue_server.domain.complaints import Kind as ComplaintKind
from queue_server.domain.complaints import Status as ComplaintStatus
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.numbering import normalise_number
from queue_server.domain.service_day import iso, service_day_of

if TYPE_CHECKING:
    from queue_server.service import Applied, QueueService
    from queue_server.storage.store import DayTransaction, Registers, RequestKey

BUDDHIST_ERA = 543


@dataclass(frozen=True)
class CaseInfo:
    """A case as it stands on ``today`` (its age and whether it is overdue)."""

    case: Case
    today: date

    @property
    def overdue(self) -> bool:
        return self.case.overdue(self.today)

    def to_wire(self) -> dict[str, Any]:
        case = self.case
        return {
            "reference": case.reference,
            "number": case.number,
            "service": case.service,
            "agency": case.agency,
            "channel": case.channel.value,
            "sent_on": case.sent_on.isoformat(),
            "status": case.status.value,
            "agency_ref": case.agency_ref,
            "standard_days": case.standard_days,
            "age_days": case.age_days(self.today),
            "overdue": self.overdue,
            "has_contact": case.contact is not None,
            "updated_at": iso(case.updated_at),
        }


@dataclass(frozen=True)
class OutcomeInfo:
    outcome: TicketOutcome
    case: CaseInfo | None

    def to_wire(self) -> dict[str, Any]:
        return {
            "number": self.outcome.number,
            "outcome": self.outcome.outcome.value,
            "case": self.case.to_wire() if self.case else None,
        }


@dataclass(frozen=True)
class CaseListing:
    cases: list[CaseInfo]

    def to_wire(self) -> dict[str, Any]:
        return {"cases": [c.to_wire() for c in self.cases]}


class _Register:
    """A register kept in the queue service's units of work (its lock, its stored replies)."""

    def __init__(self, service: QueueService) -> None:
        self.service = service

    def _today(self, now: datetime) -> date:
        return service_day_of(now, self.service.store.rules.hours.zone)


class Casework(_Register):
    """Outcomes of completed tickets and the forwarded cases they open."""

    def record(
        self,
        number: str,
        outcome: Outcome,
        staff: str,
        forwarding: Forwarding | None = None,
        *,
        counter: str | None = None,
        request: RequestKey | None = None,
    ) -> Applied[OutcomeInfo]:
        """The outcome of a ticket completed today; a forwarded one opens its case.

        ``counter``: the counter recording it, which must be the one that served the
        ticket (None: from the server box, any ticket)."""
        if (forwarding is not None) != (outcome is Outcome.FORWARDED):
            raise DomainError(
                ErrorCode.INVALID_CASE,
                "where it was sent is given for a forwarded ticket, and only for one",
            )

        def run(tx: DayTransaction, now: datetime) -> OutcomeInfo:
            wanted = normalise_number(number)
            ticket = tx.ticket_today(wanted)
            if ticket is None:
                raise DomainError(ErrorCode.UNKNOWN_TICKET, f"no ticket {wanted} today")
            if counter is not None and ticket.counter != counter:
                raise DomainError(
                    ErrorCode.TICKET_NOT_AT_COUNTER,
                    f"ticket {wanted} was served at another counter; it records the outcome",
                )
            done = record_outcome(
                ticket,
                outcome,
                staff=staff,
                already=tx.cases.outcome_of(ticket.id) is not None,
                now=now,
            )
            case = None
            if forwarding is not None:
                today = self._today(now)
                catalog = tx.queue.catalog
                # a service taken off the catalog since the ticket was served: the default
                service = catalog.get(ticket.service) if ticket.service in catalog else None
                case = open_case(
                    done,
                    forwarding,
                    reference=tx.cases.next_reference(today.year + BUDDHIST_ERA),
                    known_agencies=catalog.agencies(),
                    standard_days=(service and service.standard_days) or DEFAULT_STANDARD_DAYS,
                    today=today,
                    token=ticket.token,
                )
                tx.cases.add(case)
                done = replace(done, case=case.reference)
            tx.cases.add_outcome(done)
            return OutcomeInfo(done, CaseInfo(case, self._today(now)) if case else None)

        return self.service.unit_of_work(run, request=request)

    def update(
        self,
        reference: str,
        status: CaseStatus,
        staff: str,
        agency_ref: str | None = None,
        *,
        request: RequestKey | None = None,
    ) -> Applied[CaseInfo]:
        wanted = parse_reference(reference)

        def run(tx: DayTransaction, now: datetime) -> CaseInfo:
            case = self._found(tx, wanted)
            case.advance(status, staff, now, agency_ref)
            tx.cases.save(case, case.history[-1])
            return CaseInfo(case, self._today(now))

        return self.service.unit_of_work(run, request=request)

    def get(self, reference: str) -> CaseInfo:
        wanted = parse_reference(reference)
        with self.service.store.registers() as books:
            return CaseInfo(self._found(books, wanted), self._today(self.service.clock()))

    def listing(self, *, open_only: bool = True) -> CaseListing:
        """The follow-up list (open cases, oldest first) or every case, newest first."""
        today = self._today(self.service.clock())
        with self.service.store.registers() as books:
            found = books.cases.listing(open_only=open_only)
        return CaseListing([CaseInfo(c, today) for c in found])

    @staticmethod
    def _found(books: DayTransaction | Registers, reference: str) -> Case:
        case = books.cases.get(reference)
        if case is None:
            raise DomainError(ErrorCode.UNKNOWN_CASE, f"no case {reference}")
        return case


# -- complaints and suggestions ------------------------------------------------


@dataclass(frozen=True)
class ComplaintInfo:
    complaint: Complaint
    today: date

    def to_wire(self) -> dict[str, Any]:
        c = self.complaint
        return {
            "reference": c.reference,
            "kind": c.kind.value,
            "category": c.category.value,
            "text": c.text,
            "number": c.number,
            "source": c.source,
            "status": c.status.value,
            "answer": c.answer,
            "received_at": iso(c.received_at),
            "age_days": c.age_days(self.today),
            "has_contact": c.contact is not None,
        }


@dataclass(frozen=True)
class ComplaintListing:
    complaints: list[ComplaintInfo]

    def to_wire(self) -> dict[str, Any]:
        return {"complaints": [c.to_wire() for c in self.complaints]}


class ComplaintRegister(_Register):
    """The register of complaints and suggestions, one transaction an operation."""

    def submit(
        self,
        kind: ComplaintKind,
        category: ComplaintCategory,
        text: str,
        source: str,
        *,
        number: str | None = None,
        contact: str | None = None,
        consent: bool = False,
        request: RequestKey | None = None,
    ) -> Applied[ComplaintInfo]:
        def run(tx: DayTransaction, now: datetime) -> ComplaintInfo:
            today = self._today(now)
            complaint = receive(
                reference=tx.complaints.next_reference(COMPLAINT_MARK, today.year + BUDDHIST_ERA),
                kind=kind, category=category, text=text, source=source, now=now, today=today,
                number=normalise_number(number) if number else None,
                contact=contact, consent=consent,
            )  # fmt: skip
            tx.complaints.add(complaint)
            return ComplaintInfo(complaint, today)

        return self.service.unit_of_work(run, request=request)

    def update(
        self,
        reference: str,
        status: ComplaintStatus,
        staff: str,
        answer: str | None = None,
        *,
        request: RequestKey | None = None,
    ) -> Applied[ComplaintInfo]:
        wanted = parse_reference(reference, COMPLAINT_MARK, ErrorCode.UNKNOWN_COMPLAINT)

        def run(tx: DayTransaction, now: datetime) -> ComplaintInfo:
            complaint = self._found(tx, wanted)
            complaint.advance(status, staff, now, answer)
            tx.complaints.save(complaint)
            return ComplaintInfo(complaint, self._today(now))

        return self.service.unit_of_work(run, request=request)

    def get(self, reference: str) -> ComplaintInfo:
        wanted = parse_reference(reference, COMPLAINT_MARK, ErrorCode.UNKNOWN_COMPLAINT)
        with self.service.store.registers() as books:
            found = self._found(books, wanted)
        return ComplaintInfo(found, self._today(self.service.clock()))

    def listing(self, *, open_only: bool = True) -> ComplaintListing:
        today = self._today(self.service.clock())
        with self.service.store.registers() as books:
            found = books.complaints.listing(open_only=open_only)
        return ComplaintListing([ComplaintInfo(c, today) for c in found])

    @staticmethod
    def _found(books: DayTransaction | Registers, reference: str) -> Complaint:
        complaint = books.complaints.get(reference)
        if complaint is None:
            raise DomainError(ErrorCode.UNKNOWN_COMPLAINT, f"no complaint {reference}")
        return complaint
