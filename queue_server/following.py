"""What a citizen's phone shows of one ticket: read by its token, never by its number.

A page opened by a ticket's token shows that ticket (its state, people ahead
and the wait as the board and the ticket say it, the counter once called, the
rating while it may be given) and its forwarded case, and nothing of anyone
else. The phones' feed reads every active ticket's view in one transaction
after each change (``Following.active``), not one transaction per phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from queue_server.casework import CaseInfo
from queue_server.domain.catalog import Text
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.estimates import WaitEstimate
from queue_server.domain.follow import case_page_open, ticket_page_open
from queue_server.domain.queue_day import QueueDay
from queue_server.domain.ratings import check_rateable
from queue_server.domain.service_day import iso, service_day_of
from queue_server.domain.tickets import ACTIVE_STATES, Ticket

if TYPE_CHECKING:
    from queue_server.service import QueueService
    from queue_server.storage.store import DayTransaction

# What a finished ticket's page offers: the form, a thank-you, or neither.
RATING_OPEN, RATING_GIVEN = "open", "given"


@dataclass(frozen=True)
class Followed:
    number: str
    service: str
    lang: str
    priority: bool
    state: str  # a TicketState's value; "closed" for an earlier day's ticket with a case
    issued_at: datetime
    seq: int  # the site's version it was read at: a page never goes back to an older one
    counter: str | None = None
    counter_name: Text | None = None
    recall: int = 0
    estimate: WaitEstimate | None = None
    rating: str | None = None
    case: CaseInfo | None = None

    @property
    def finished(self) -> bool:
        return finished(self.state)

    def to_wire(self) -> dict[str, Any]:
        estimate = self.estimate
        return {
            "number": self.number,
            "service": self.service,
            "lang": self.lang,
            "priority": self.priority,
            "state": self.state,
            "issued_at": iso(self.issued_at),
            "seq": self.seq,
            "counter": self.counter,
            "counter_name": self.counter_name,
            "recall": self.recall,
            "people_ahead": estimate.people_ahead if estimate else None,
            "wait_minutes": list(estimate.minutes or ()) or None if estimate else None,
            "rating": self.rating,
            "case": self.case.to_wire() if self.case else None,
        }


_ACTIVE = frozenset(s.value for s in ACTIVE_STATES)


def finished(state: str) -> bool:
    """Nothing more will happen to the ticket today but a rating (or its case moving on)."""
    return state not in _ACTIVE


class Following:
    """The phones' reads, in the queue service's transactions."""

    def __init__(self, service: QueueService) -> None:
        self.service = service

    def one(self, token: str) -> Followed:
        """The ticket whose QR holds ``token``, as its phone shows it now.

        An unknown token and one whose page has closed are refused alike in kind
        (``unknown_ticket``, ``ticket_expired``): neither says anything of a ticket.
        """
        with self.service._transaction(True, None) as (tx, now):
            ticket = tx.ticket_by_token(token)
            if ticket is None:
                raise DomainError(ErrorCode.UNKNOWN_TICKET, "no ticket has that token")
            today = tx.queue.day
            case = self._case_of(tx, ticket, today)
            if not ticket_page_open(ticket.service_day, today):
                if case is None or not case_page_open(_informed_on(case), today):
                    raise DomainError(ErrorCode.TICKET_EXPIRED, "that ticket's day is over")
                return _view(ticket, tx, state="closed", case=case)
            kept = tx.queue.tickets.get(ticket.id)
            if kept is not None:  # active: the day's own object, with its place in the queue
                estimate = tx.queue.estimate(kept, now) if kept.is_waiting else None
                return _view(kept, tx, estimate=estimate)
            return _view(ticket, tx, rating=self._rating(tx, ticket, now), case=case)

    def active(self) -> dict[str, Followed]:
        """Every active ticket of today that has a token, by token: one read for all phones."""
        with self.service._transaction(True, None) as (tx, now):
            queue = tx.queue
            estimates = queue.estimates_waiting(now)
            return {
                t.token: _view(t, tx, estimate=estimates.get(t.id))
                for t in queue.tickets.values()
                if t.token and t.is_active
            }

    def _rating(self, tx: DayTransaction, ticket: Ticket, now: datetime) -> str | None:
        rated = tx.rating_exists(ticket.id)
        try:
            check_rateable(ticket, self.service.rating_rules, already_rated=rated, now=now)
        except DomainError as exc:
            return RATING_GIVEN if exc.code is ErrorCode.ALREADY_RATED else None
        return RATING_OPEN

    @staticmethod
    def _case_of(tx: DayTransaction, ticket: Ticket, today: date) -> CaseInfo | None:
        outcome = tx.cases.outcome_of(ticket.id)
        if outcome is None or outcome.case is None:
            return None
        case = tx.cases.get(outcome.case)
        return CaseInfo(case, today) if case is not None else None


def _informed_on(info: CaseInfo) -> date | None:
    case = info.case
    return None if case.is_open or case.updated_at is None else service_day_of(case.updated_at)


def _view(
    ticket: Ticket,
    tx: DayTransaction,
    *,
    state: str | None = None,
    estimate: WaitEstimate | None = None,
    rating: str | None = None,
    case: CaseInfo | None = None,
) -> Followed:
    queue: QueueDay = tx.queue
    counter = queue.counters.get(ticket.counter) if ticket.counter else None
    return Followed(
        number=ticket.number,
        service=ticket.service,
        lang=ticket.lang,
        priority=ticket.priority,
        state=state or ticket.state.value,
        issued_at=ticket.issued_at,
        seq=tx.state_seq(),
        counter=ticket.counter,
        counter_name=counter.setup.name if counter else None,
        recall=ticket.recalls,
        estimate=estimate,
        rating=rating,
        case=case,
    )
