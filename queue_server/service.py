"""The queue service: each operation is one transaction through storage and the domain.

This is the layer the MQTT server (and the CLI) call. It owns the clock, turns
domain objects into plain result values, and hands back the events the
operation recorded so the caller can publish them after the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Generic, TypeVar

from queue_server.config import Site
from queue_server.domain.counters import Counter
from queue_server.domain.events import Event
from queue_server.domain.queue_day import QueueDay
from queue_server.domain.tickets import Ticket
from queue_server.storage import QueueStore, make_engine

T = TypeVar("T")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class TicketInfo:
    number: str
    service: str
    kind: str
    priority: bool
    lang: str
    state: str
    issued_at: datetime
    counter: str | None = None
    recall: int = 0
    people_ahead: int | None = None
    wait_minutes: tuple[int, int] | None = None

    @classmethod
    def of(cls, ticket: Ticket, queue: QueueDay | None = None) -> TicketInfo:
        estimate = queue.estimate(ticket) if queue is not None and ticket.is_waiting else None
        return cls(
            number=ticket.number,
            service=ticket.service,
            kind=ticket.kind.value,
            priority=ticket.priority,
            lang=ticket.lang,
            state=ticket.state.value,
            issued_at=ticket.issued_at,
            counter=ticket.counter,
            recall=ticket.recalls,
            people_ahead=estimate.people_ahead if estimate else None,
            wait_minutes=(estimate.low_minutes, estimate.high_minutes) if estimate else None,
        )


@dataclass(frozen=True)
class CounterInfo:
    id: str
    name_th: str
    name_en: str
    status: str
    staff: str | None
    ticket: str | None
    pause_reason: str | None

    @classmethod
    def of(cls, counter: Counter, queue: QueueDay) -> CounterInfo:
        current = queue.tickets.get(counter.current) if counter.current else None
        return cls(
            id=counter.id,
            name_th=counter.setup.name.th,
            name_en=counter.setup.name.en,
            status=counter.status.value,
            staff=counter.staff,
            ticket=current.number if current else None,
            pause_reason=counter.pause_reason.value if counter.pause_reason else None,
        )


@dataclass(frozen=True)
class QueueSnapshot:
    """The whole floor at one moment: what a display or ``queue status`` shows."""

    service_day: date
    at: datetime
    is_open: bool
    counters: list[CounterInfo]
    waiting: dict[str, int]  # per service code
    waiting_by_prefix: dict[str, int]


@dataclass(frozen=True)
class Applied(Generic[T]):
    result: T
    events: list[Event] = field(default_factory=list)


class QueueService:
    def __init__(self, store: QueueStore, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock

    @classmethod
    def for_site(cls, site: Site, clock: Callable[[], datetime] = utc_now) -> QueueService:
        store = QueueStore(
            make_engine(site.database_url),
            site_id=site.id,
            catalog=site.catalog,
            rules=site.rules(),
            counter_setups=site.counter_setups(),
        )
        return cls(store, clock)

    def close(self) -> None:
        self.store.engine.dispose()

    # -- citizens --------------------------------------------------------

    def issue(
        self, service: str, *, priority: bool = False, lang: str = "th"
    ) -> Applied[TicketInfo]:
        now = self.clock()
        with self.store.day(now, with_history=True) as queue:
            ticket = queue.issue(service, priority=priority, lang=lang, now=now)
            info = TicketInfo.of(ticket, queue)
            return Applied(info, list(queue.events))

    def status(self, number: str) -> TicketInfo:
        now = self.clock()
        with self.store.day(now, with_history=True) as queue:
            return TicketInfo.of(queue.ticket_by_number(number), queue)

    # -- counters --------------------------------------------------------

    def _ticket_op(
        self, apply: Callable[[QueueDay, datetime], Ticket], history: bool = False
    ) -> Applied[TicketInfo]:
        now = self.clock()
        with self.store.day(now, with_history=history) as queue:
            ticket = apply(queue, now)
            info = TicketInfo.of(ticket, queue if history else None)
            return Applied(info, list(queue.events))

    def _counter_op(self, apply: Callable[[QueueDay, datetime], Counter]) -> Applied[CounterInfo]:
        now = self.clock()
        with self.store.day(now) as queue:
            counter = apply(queue, now)
            return Applied(CounterInfo.of(counter, queue), list(queue.events))

    def open_counter(self, counter: str, staff: str) -> Applied[CounterInfo]:
        return self._counter_op(lambda q, now: q.open_counter(counter, staff, now))

    def close_counter(self, counter: str, staff: str) -> Applied[CounterInfo]:
        return self._counter_op(lambda q, now: q.close_counter(counter, staff, now))

    def pause(self, counter: str, staff: str, reason: str) -> Applied[CounterInfo]:
        return self._counter_op(lambda q, now: q.pause(counter, staff, reason, now))

    def resume(self, counter: str, staff: str) -> Applied[CounterInfo]:
        return self._counter_op(lambda q, now: q.resume(counter, staff, now))

    def call_next(self, counter: str, staff: str) -> Applied[TicketInfo]:
        return self._ticket_op(lambda q, now: q.call_next(counter, staff, now))

    def recall(self, counter: str, staff: str) -> Applied[TicketInfo]:
        return self._ticket_op(lambda q, now: q.recall(counter, staff, now))

    def serve(self, counter: str, staff: str) -> Applied[TicketInfo]:
        return self._ticket_op(lambda q, now: q.serve(counter, staff, now))

    def complete(self, counter: str, staff: str) -> Applied[TicketInfo]:
        return self._ticket_op(lambda q, now: q.complete(counter, staff, now))

    def no_show(self, counter: str, staff: str) -> Applied[TicketInfo]:
        return self._ticket_op(lambda q, now: q.no_show(counter, staff, now))

    def park(self, counter: str, staff: str) -> Applied[TicketInfo]:
        return self._ticket_op(lambda q, now: q.park(counter, staff, now))

    def unpark(self, counter: str, staff: str, number: str) -> Applied[TicketInfo]:
        return self._ticket_op(lambda q, now: q.unpark(counter, staff, number, now))

    def transfer(self, counter: str, staff: str, number: str, service: str) -> Applied[TicketInfo]:
        return self._ticket_op(
            lambda q, now: q.transfer(counter, staff, number, service, now), history=True
        )

    # -- the floor -------------------------------------------------------

    def snapshot(self) -> QueueSnapshot:
        now = self.clock()
        with self.store.day(now) as queue:
            waiting: dict[str, int] = {}
            by_prefix: dict[str, int] = {}
            for ticket in queue.waiting():
                waiting[ticket.service] = waiting.get(ticket.service, 0) + 1
                by_prefix[ticket.prefix] = by_prefix.get(ticket.prefix, 0) + 1
            return QueueSnapshot(
                service_day=queue.day,
                at=now,
                is_open=queue.rules.hours.is_issuing(now),
                counters=[CounterInfo.of(c, queue) for c in queue.counters.values()],
                waiting=waiting,
                waiting_by_prefix=by_prefix,
            )
