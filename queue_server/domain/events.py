"""Every change is recorded as an event in an append-only log.

Statistics and reports are computed from the log, never from the ticket
rows' latest state, so nothing that happened during the day is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class EventType(StrEnum):
    TICKET_ISSUED = "ticket.issued"
    TICKET_CALLED = "ticket.called"
    TICKET_RECALLED = "ticket.recalled"
    TICKET_SERVING = "ticket.serving"
    TICKET_COMPLETED = "ticket.completed"
    TICKET_NO_SHOW = "ticket.no_show"
    TICKET_PARKED = "ticket.parked"
    TICKET_UNPARKED = "ticket.unparked"
    TICKET_TRANSFERRED = "ticket.transferred"
    TICKET_EXPIRED = "ticket.expired"
    COUNTER_OPENED = "counter.opened"
    COUNTER_CLOSED = "counter.closed"
    COUNTER_PAUSED = "counter.paused"
    COUNTER_RESUMED = "counter.resumed"
    COUNTER_STAFF_CHANGED = "counter.staff_changed"


# Events after which a display announces a number.
CALL_EVENTS = frozenset(
    {EventType.TICKET_CALLED, EventType.TICKET_RECALLED, EventType.TICKET_UNPARKED}
)


@dataclass(frozen=True)
class Event:
    type: EventType
    at: datetime
    service_day: date
    ticket_id: str | None = None
    number: str | None = None
    service: str | None = None
    counter: str | None = None
    staff: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
