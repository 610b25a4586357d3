"""The queue service: each operation is one transaction through storage and the domain.

This is the layer the MQTT server (and the CLI) call. It owns the clock, turns
domain objects into plain result values, and hands back the events the
operation recorded so the caller can publish them after the commit.

Given a ``RequestKey``, an operation's reply is stored in the same
transaction as its change, so a retried request is answered from the store
and applied only once (``DuplicateRequest`` carries the stored reply).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

from queue_server.casework import Casework, ComplaintRegister
from queue_server.config import Site
from queue_server.config.revision import Revision, revise
from queue_server.domain.counters import Counter, CounterStatus
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.events import CALL_EVENTS, Event
from queue_server.domain.follow import ticket_page_open
from queue_server.domain.numbering import normalise_number
from queue_server.domain.queue_day import QueueDay
from queue_server.domain.ratings import RatingRules, check_rateable, rate
from queue_server.domain.service_day import iso, service_day_of
from queue_server.domain.tickets import Ticket, TicketState
from queue_server.following import Following
from queue_server.storage import QueueStore
from queue_server.storage.store import DayTransaction, RequestKey

T = TypeVar("T")

LAST_CALLS = 10
UPCOMING = 5


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
    # what its QR opens on a phone: for the kiosk that prints it, never in published state
    token: str | None = None

    @classmethod
    def of(
        cls, ticket: Ticket, queue: QueueDay | None = None, *, with_token: bool = False
    ) -> TicketInfo:
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
            wait_minutes=estimate.minutes if estimate else None,
            token=(ticket.token or None) if with_token else None,
        )

    def to_wire(self) -> dict[str, Any]:
        wire = {
            "number": self.number,
            "service": self.service,
            "kind": self.kind,
            "priority": self.priority,
            "lang": self.lang,
            "state": self.state,
            "issued_at": iso(self.issued_at),
            "counter": self.counter,
            "recall": self.recall,
            "people_ahead": self.people_ahead,
            "wait_minutes": list(self.wait_minutes) if self.wait_minutes else None,
        }
        if self.token is not None:
            wire["token"] = self.token
        return wire


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

    def to_wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": {"th": self.name_th, "en": self.name_en},
            "status": self.status,
            "staff": self.staff,
            "ticket": self.ticket,
            "pause_reason": self.pause_reason,
        }


@dataclass(frozen=True)
class QueueSnapshot:
    """The floor at one moment, as ``oss-queue queue status`` prints it."""

    service_day: date
    at: datetime
    is_open: bool
    counters: list[CounterInfo]
    waiting: dict[str, int]  # per service code


@dataclass(frozen=True)
class ServiceQueue:
    service: str
    prefix: str
    waiting: int
    wait_minutes: tuple[int, int] | None  # for a normal ticket taken now; None: nobody serves


@dataclass(frozen=True)
class CounterDesk:
    """One counter's screen: its status, current ticket and what comes next."""

    info: CounterInfo
    current: TicketInfo | None
    upcoming: list[TicketInfo]
    waiting: int
    # Parked tickets of services this counter serves, oldest first: it may return them.
    parked: list[TicketInfo] = field(default_factory=list)


@dataclass(frozen=True)
class Floor:
    """Everything the display board and counter terminals show, read in one transaction."""

    seq: int
    service_day: date
    at: datetime
    is_open: bool
    next_opening: datetime | None
    desks: list[CounterDesk]
    queues: list[ServiceQueue]
    last_calls: list[dict[str, Any]]
    max_recalls: int


@dataclass(frozen=True)
class Applied(Generic[T]):
    result: T
    events: list[Event] = field(default_factory=list)
    wire: dict[str, Any] = field(default_factory=dict)  # the result as the contract carries it


class QueueService:
    def __init__(
        self,
        store: QueueStore,
        clock: Callable[[], datetime] = utc_now,
        rating_rules: RatingRules | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.rating_rules = rating_rules or RatingRules(
            ("process", "staff", "facilities", "outcome")
        )
        # the centre's work after the queue, in the same units of work
        self.cases = Casework(self)
        self._fresh_floor: Floor | None = None  # the state the last change left (floor())
        # Set by the bus server, which publishes the state after every change; the CLI
        # and the benches change the day without reading the state back.
        self.keeps_state = False
        self.complaints = ComplaintRegister(self)
        self.following = Following(self)  # what citizens' phones show

    def close(self) -> None:
        self.store.close()

    # -- reconfiguring ---------------------------------------------------

    def revise(self, old: Site, new: Site) -> Revision:
        """Run on ``new`` from the next operation on, keeping what is in use (see revision)."""
        with self._transaction(False, None) as (tx, _):
            queue = tx.queue
            open_services = {t.service for t in queue.tickets.values() if t.is_active}
            open_counters = {
                c.id for c in queue.counters.values() if c.status is not CounterStatus.CLOSED
            }
        revision = revise(
            old,
            self.store.setups.values(),
            new,
            open_services=open_services,
            open_counters=open_counters,
        )
        self.store.reconfigure(revision.site.catalog, revision.site.rules(), revision.setups)
        self.rating_rules = revision.site.rating_rules()
        return revision

    @contextmanager
    def _transaction(
        self, history: bool, request: RequestKey | None
    ) -> Iterator[tuple[DayTransaction, datetime]]:
        now = self.clock()
        with self.store.day(now, with_history=history, request=request) as tx:
            yield tx, now

    def _apply(
        self,
        apply: Callable[[QueueDay, datetime], Any],
        describe: Callable[[Any, QueueDay], Any],
        *,
        history: bool = False,
        request: RequestKey | None,
    ) -> Applied[Any]:
        return self.unit_of_work(
            lambda tx, now: describe(apply(tx.queue, now), tx.queue),
            history=history,
            request=request,
        )

    def unit_of_work(
        self,
        run: Callable[[DayTransaction, datetime], Any],
        *,
        history: bool = False,
        request: RequestKey | None,
    ) -> Applied[Any]:
        """One operation in one transaction: its result (with ``to_wire()``) is the reply
        stored with the change, so a repeated request gets the same answer."""
        # The day's service times (``history``) for a reply that estimates a wait, and for
        # the state read after the change, which estimates every queue's.
        state: list[Floor] = []
        with self._transaction(history or self.keeps_state, request) as (tx, now):
            result = run(tx, now)
            wire = result.to_wire()  # once: the stored reply and the bus's answer alike
            tx.reply = {"ok": True, "result": wire}
            if self.keeps_state and tx.queue.events:
                tx.after_save = lambda: state.append(_floor_of(tx, now))
        if state:  # kept once committed: a state read before a failed commit never shows
            self._fresh_floor = state[0]
        return Applied(result, list(tx.queue.events), wire)

    # -- citizens --------------------------------------------------------

    def issue(
        self,
        service: str,
        *,
        priority: bool = False,
        lang: str = "th",
        request: RequestKey | None = None,
    ) -> Applied[TicketInfo]:
        return self._apply(
            lambda q, now: q.issue(service, priority=priority, lang=lang, now=now),
            lambda ticket, queue: TicketInfo.of(ticket, queue, with_token=True),
            history=True,
            request=request,
        )

    def find(self, number: str, *, with_token: bool = False) -> TicketInfo:
        """Any ticket of today by its number, whatever its state (for a reprint)."""
        day = service_day_of(self.clock(), self.store.rules.hours.zone)
        wanted = normalise_number(number)
        matches = [t for t in self.store.tickets_of_day(day) if t.number == wanted]
        if not matches:
            raise DomainError(ErrorCode.UNKNOWN_TICKET, f"no ticket {wanted} today")
        return TicketInfo.of(matches[-1], with_token=with_token)

    def rate(
        self,
        number: str | None,
        scores: dict[str, int],
        comment: str | None = None,
        *,
        token: str | None = None,
        profile: dict[str, str] | None = None,
        request: RequestKey | None = None,
    ) -> Applied[dict[str, Any]]:
        """Record a citizen's rating of a served ticket (anonymous; the profile's bands, if
        the citizen gave any, are no one's name). A phone names it by its ``token``."""
        with self._transaction(False, request) as (tx, now):
            ticket = _ticket_today(tx, number, token)
            rating = rate(
                ticket,
                scores,
                comment,
                self.rating_rules,
                already_rated=tx.rating_exists(ticket.id),
                now=now,
                profile=profile,
            )
            tx.add_rating(rating)
            result = {"number": rating.number, "service": rating.service, "rated_at": iso(now)}
            tx.reply = {"ok": True, "result": result}
            return Applied(result, [], result)

    def rating_check(self, number: str | None, token: str | None = None) -> dict[str, Any]:
        """Whether today's ticket ``number`` (or the one whose QR holds ``token``) may be
        rated now (the kiosk asks first)."""
        with self._transaction(True, None) as (tx, now):
            ticket = _ticket_today(tx, number, token)
            check_rateable(
                ticket, self.rating_rules, already_rated=tx.rating_exists(ticket.id), now=now
            )
            return {"number": ticket.number, "service": ticket.service}

    def status(self, number: str) -> TicketInfo:
        """The active ticket with this number; else today's last one (done, no-show…).

        The kiosk's rating entry looks up tickets that are already done.
        """
        with self._transaction(True, None) as (tx, _):
            try:
                return TicketInfo.of(tx.queue.ticket_by_number(number), tx.queue)
            except DomainError as exc:
                if exc.code is not ErrorCode.UNKNOWN_TICKET:
                    raise
        return self.find(number)

    # -- counters --------------------------------------------------------

    def at_counter(
        self,
        act: Callable[..., Counter | Ticket],
        counter: str,
        staff: str,
        *values: str,
        request: RequestKey | None = None,
    ) -> Applied[CounterInfo | TicketInfo]:
        """One counter operation of the queue day (``QueueDay.call_next``, …) at ``counter``.

        The operation table (bus/ops.py) names the queue day's own method, so
        there is one list of counter operations, not one wrapper each here.
        A transfer changes which queue the ticket waits in: its reply carries
        its place in the new queue.
        """
        moved = act is QueueDay.transfer

        def describe(done: Counter | Ticket, queue: QueueDay) -> CounterInfo | TicketInfo:
            if isinstance(done, Counter):
                return CounterInfo.of(done, queue)
            return TicketInfo.of(done, queue if moved else None)

        return self._apply(
            lambda q, now: act(q, counter, staff, *values, now),
            describe,
            history=moved,
            request=request,
        )

    # -- the floor -------------------------------------------------------

    def snapshot(self) -> QueueSnapshot:
        with self._transaction(False, None) as (tx, now):
            queue = tx.queue
            waiting: dict[str, int] = {}
            for ticket in queue.waiting():
                waiting[ticket.service] = waiting.get(ticket.service, 0) + 1
            return QueueSnapshot(
                service_day=queue.day,
                at=now,
                is_open=queue.rules.hours.is_issuing(now),
                counters=[CounterInfo.of(c, queue) for c in queue.counters.values()],
                waiting=waiting,
            )

    def floor(self) -> Floor:
        """The centre's state to publish: the one the last change left, read inside its own
        transaction (``unit_of_work``), or, with no change since, read now."""
        fresh, self._fresh_floor = self._fresh_floor, None
        if fresh is not None:
            return fresh
        with self._transaction(True, None) as (tx, now):
            return _floor_of(tx, now)


def _ticket_today(tx: Any, number: str | None, token: str | None = None) -> Ticket:
    """Today's ticket by its number, or by its QR's token (whose day must be today)."""
    if token is not None:
        ticket = tx.ticket_by_token(token)
        if ticket is None:
            raise DomainError(ErrorCode.UNKNOWN_TICKET, "no ticket has that token")
        if not ticket_page_open(ticket.service_day, tx.queue.day):
            raise DomainError(ErrorCode.TICKET_EXPIRED, "that ticket's day is over")
        return ticket
    wanted = normalise_number(number or "")
    ticket = tx.ticket_today(wanted)
    if ticket is None:
        raise DomainError(ErrorCode.UNKNOWN_TICKET, f"no ticket {wanted} today")
    return ticket


def _floor_of(tx: DayTransaction, now: datetime) -> Floor:
    """Everything the board and the counters show, from one transaction's view of the day.

    Each waiting ticket is looked at a fixed number of times, whatever the catalog's
    size: the estimates share one count of what waits (``estimates_new``).
    """
    queue = tx.queue
    by_service = queue.waiting_by_service()
    desks = []
    for counter in queue.counters.values():
        current = queue.tickets.get(counter.current) if counter.current else None
        desks.append(
            CounterDesk(
                info=CounterInfo.of(counter, queue),
                current=TicketInfo.of(current) if current else None,
                upcoming=[TicketInfo.of(t) for t in queue.upcoming(counter.id, now, UPCOMING)],
                waiting=sum(by_service.get(code, 0) for code in counter.setup.services),
                parked=[
                    TicketInfo.of(t)
                    for t in queue.tickets.values()
                    if t.state is TicketState.PARKED and counter.serves(t.service)
                ],
            )
        )
    known = queue.catalog.known
    estimates = queue.estimates_new((service.code for service in known), by_service, now)
    queues = [
        ServiceQueue(s.code, s.prefix, by_service.get(s.code, 0), estimates[s.code].minutes)
        for s in known
    ]
    hours = queue.rules.hours
    return Floor(
        seq=tx.state_seq(),
        service_day=queue.day,
        at=now,
        is_open=hours.is_issuing(now),
        next_opening=hours.next_opening(now),
        desks=desks,
        queues=queues,
        last_calls=tx.recent_events([t.value for t in CALL_EVENTS], LAST_CALLS),
        max_recalls=queue.rules.max_recalls,
    )
