"""A ticket and the moves its state may make.

Each move checks the state it starts from and raises a ``DomainError``
before changing anything, so a refused request leaves the ticket as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .catalog import ServiceKind
from .errors import DomainError, ErrorCode


class TicketState(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    PARKED = "parked"
    TRANSFERRED = "transferred"  # waiting again, in another service's queue
    CANCELLED = "cancelled"


WAITING_STATES = frozenset({TicketState.WAITING, TicketState.TRANSFERRED})
AT_COUNTER_STATES = frozenset({TicketState.CALLED, TicketState.SERVING})
ACTIVE_STATES = WAITING_STATES | AT_COUNTER_STATES | {TicketState.PARKED}


@dataclass
class Ticket:
    id: str
    service_day: date
    prefix: str
    seq: int
    number: str
    service: str
    kind: ServiceKind
    priority: bool
    lang: str
    issued_at: datetime
    queue_since: datetime
    state: TicketState = TicketState.WAITING
    counter: str | None = None
    staff: str | None = None
    called_at: datetime | None = None
    served_at: datetime | None = None
    completed_at: datetime | None = None
    recalls: int = 0
    transfers: int = 0
    # what the ticket's QR opens on a phone (domain.follow); empty on tickets from before it
    token: str = ""

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_waiting(self) -> bool:
        return self.state in WAITING_STATES

    def _refuse(self, code: ErrorCode, wanted: str) -> DomainError:
        return DomainError(code, f"ticket {self.number} is {self.state.value}, not {wanted}")

    def call(self, counter: str, staff: str | None, now: datetime) -> None:
        if not self.is_waiting:
            raise self._refuse(ErrorCode.TICKET_NOT_WAITING, "waiting")
        self.state = TicketState.CALLED
        self.counter, self.staff = counter, staff
        self.called_at, self.recalls = now, 0

    def recall(self, limit: int) -> None:
        if self.state is not TicketState.CALLED:
            raise self._refuse(ErrorCode.TICKET_NOT_CALLED, "called")
        if self.recalls >= limit:
            raise DomainError(
                ErrorCode.RECALL_LIMIT,
                f"ticket {self.number} was already recalled {self.recalls} times (limit {limit})",
            )
        self.recalls += 1

    def serve(self, now: datetime) -> None:
        if self.state is not TicketState.CALLED:
            raise self._refuse(ErrorCode.TICKET_NOT_CALLED, "called")
        self.state, self.served_at = TicketState.SERVING, now

    def complete(self, now: datetime) -> None:
        """Staff may complete straight from "called": serving then starts at the call."""
        if self.state not in AT_COUNTER_STATES:
            raise self._refuse(ErrorCode.TICKET_NOT_SERVING, "called or serving")
        if self.served_at is None:
            self.served_at = self.called_at or now
        self.state, self.completed_at = TicketState.DONE, now

    def no_show(self) -> None:
        if self.state is not TicketState.CALLED:
            raise self._refuse(ErrorCode.TICKET_NOT_CALLED, "called")
        self.state = TicketState.NO_SHOW

    def park(self) -> None:
        if self.state not in AT_COUNTER_STATES:
            raise self._refuse(ErrorCode.TICKET_NOT_SERVING, "called or serving")
        self.state = TicketState.PARKED

    def unpark(self, counter: str, staff: str | None, now: datetime) -> None:
        if self.state is not TicketState.PARKED:
            raise self._refuse(ErrorCode.TICKET_NOT_PARKED, "parked")
        self.state = TicketState.CALLED
        self.counter, self.staff = counter, staff
        self.called_at, self.served_at, self.recalls = now, None, 0

    def transfer(self, service: str, kind: ServiceKind) -> None:
        """The citizen keeps the number and the place earned by the time already waited."""
        if self.state not in AT_COUNTER_STATES:
            raise self._refuse(ErrorCode.TICKET_NOT_SERVING, "called or serving")
        self.state = TicketState.TRANSFERRED
        self.service, self.kind = service, kind
        self.counter = self.staff = None
        self.called_at = self.served_at = None
        self.recalls = 0
        self.transfers += 1

    def cancel(self) -> None:
        self.state = TicketState.CANCELLED
