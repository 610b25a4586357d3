"""One centre's queue on one service day: the aggregate every operation goes through.

Storage loads it (active tickets, counters, the day's number sequences) inside
a transaction that holds the site's lock, an operation changes it and records
events, and storage writes back what changed. Because the whole operation runs
under that lock, the rules below are enough to guarantee that no number is
issued twice and no ticket is called by two counters.
"""

from __future__ import annotations

import heapq
import math
import uuid
from collections import Counter as Tally
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import groupby
from typing import Any

from .catalog import Catalog, Service
from .counters import Counter, CounterStatus, PauseReason
from .errors import DomainError, ErrorCode
from .estimates import (
    WaitEstimate,
    estimate_from_work,
    mean_minutes,
    minutes_left,
    minutes_per_person,
    range_from_call_time,
)
from .events import Event, EventType
from .follow import new_token
from .hours import OpeningHours
from .numbering import NUMBERS_PER_CYCLE, display_number, normalise_number
from .priority import PriorityPolicy, Ratio, call_order, next_streak
from .service_day import require_aware, service_day_of
from .tickets import Ticket, TicketState


@dataclass(frozen=True)
class Rules:
    """The parts of the site config the domain needs."""

    hours: OpeningHours = field(default_factory=OpeningHours.always)
    policy: PriorityPolicy = field(default_factory=Ratio)
    max_recalls: int = 3


def new_ticket_id() -> str:
    return uuid.uuid4().hex


class QueueDay:
    def __init__(
        self,
        *,
        day: date,
        catalog: Catalog,
        rules: Rules,
        counters: Iterable[Counter],
        tickets: Iterable[Ticket] = (),
        sequences: Mapping[str, int] | None = None,
        recent_minutes: Mapping[str, Sequence[float]] | None = None,
        new_id: Callable[[], str] = new_ticket_id,
        new_token: Callable[[], str] = new_token,
    ) -> None:
        self.day = day
        self.catalog = catalog
        self.rules = rules
        self.counters = {c.id: c for c in counters}
        self.tickets = {t.id: t for t in tickets}
        self.sequences = dict(sequences or {})
        self.recent_minutes = {k: list(v) for k, v in (recent_minutes or {}).items()}
        self._new_id = new_id
        self._new_token = new_token
        self.events: list[Event] = []
        self.changed_tickets: set[str] = set()
        self.changed_counters: set[str] = set()
        self.changed_prefixes: set[str] = set()
        # Each service's counters, open or all, as of the counters' statuses (_counters_for).
        self._serving: tuple[tuple[tuple[str, bool], ...], dict[bool, dict[str, frozenset[str]]]]
        self._serving = ((), {})

    # -- recording -------------------------------------------------------

    @property
    def changed(self) -> bool:
        """Whether anything of the day is to be written (a look-up changes nothing)."""
        return bool(
            self.events or self.changed_tickets or self.changed_counters or self.changed_prefixes
        )

    def _record(
        self,
        type_: EventType,
        now: datetime,
        ticket: Ticket | None = None,
        counter: Counter | None = None,
        staff: str | None = None,
        **data: Any,
    ) -> Event:
        event = Event(
            type=type_,
            at=now,
            service_day=self.day,
            ticket_id=ticket.id if ticket else None,
            number=ticket.number if ticket else None,
            service=ticket.service if ticket else None,
            counter=counter.id if counter else (ticket.counter if ticket else None),
            staff=staff if staff is not None else (counter.staff if counter else None),
            data=data,
        )
        self.events.append(event)
        if ticket:
            self.changed_tickets.add(ticket.id)
        if counter:
            self.changed_counters.add(counter.id)
        return event

    # -- lookups ---------------------------------------------------------

    def counter(self, counter_id: str) -> Counter:
        try:
            return self.counters[counter_id]
        except KeyError:
            raise DomainError(
                ErrorCode.UNKNOWN_COUNTER, f"no counter {counter_id!r} at this centre"
            ) from None

    def ticket_by_number(self, number: str) -> Ticket:
        """The active ticket showing this number today (numbers may wrap after 999)."""
        wanted = normalise_number(number)
        for ticket in self.tickets.values():
            if ticket.number == wanted and ticket.is_active and ticket.service_day == self.day:
                return ticket
        raise DomainError(ErrorCode.UNKNOWN_TICKET, f"no active ticket {wanted} today")

    def current_ticket(self, counter: Counter) -> Ticket:
        return self.tickets[counter.require_current()]

    def waiting(self, services: Iterable[str] | None = None) -> list[Ticket]:
        wanted = None if services is None else set(services)
        return [
            t
            for t in self.tickets.values()
            if t.is_waiting and (wanted is None or t.service in wanted)
        ]

    def upcoming(self, counter_id: str, now: datetime, limit: int = 5) -> list[Ticket]:
        """What the counter will call next, in the policy's order (for the counter screen)."""
        counter = self.counter(counter_id)
        waiting = self.waiting(counter.setup.services)
        return call_order(self.rules.policy, waiting, counter.priority_streak, now, limit)

    def people_ahead(self, ticket: Ticket) -> int:
        """How many waiting tickets this ticket's counters will call before it."""
        return self.estimate(ticket).people_ahead

    def estimate(self, ticket: Ticket, now: datetime | None = None) -> WaitEstimate:
        """People ahead and the wait range printed on the ticket (``now``: when it is
        told; the day's latest moment if not given, the ticket's issue when just taken).

        Counters often serve several services, so what is ahead is every
        waiting ticket those counters would call first (priority first, then
        by time), whatever its service; a ticket that other counters can also
        take counts for the share of its counters that are this ticket's.
        Counting only the same service made half the printed ranges wrong in
        simulation (docs/simulation.md), and told a citizen "nobody ahead"
        while a priority ticket of the same letter waited. The minutes come from
        the queue replayed as the open counters will call it (``_project_calls``).
        """
        ahead = Tally(
            t.service for t in self.waiting() if t.id != ticket.id and _called_before(t, ticket)
        )
        pace = _Pace(self, now)
        return self._estimate(ticket.service, ahead, pace, pace.calls().get(ticket.id), ticket)

    def estimates_waiting(self, now: datetime | None = None) -> dict[str, WaitEstimate]:
        """``estimate`` of every waiting ticket, by id, in one pass over the queue.

        The phones follow every waiting ticket after each change: one ``estimate``
        each would look at the whole queue once per ticket (300 waiting: 90 000
        comparisons a call). In call order, what is ahead of a ticket is what came
        before it, so one running count serves them all, and one replay of the queue
        gives every ticket's call.
        """
        ahead: Tally[str] = Tally()
        estimates = {}
        pace = _Pace(self, now)
        calls = pace.calls()
        # tickets level in call order (two queues' first tickets of the same instant)
        # are not ahead of each other
        for _, level in groupby(sorted(self.waiting(), key=_call_key), key=_call_key):
            tickets = list(level)
            for ticket in tickets:
                estimates[ticket.id] = self._estimate(
                    ticket.service, ahead, pace, calls.get(ticket.id), ticket
                )
            ahead.update(t.service for t in tickets)
        return estimates

    def estimate_new(self, service: str, now: datetime | None = None) -> WaitEstimate:
        """What a normal ticket for ``service`` taken now would be told (the board's range)."""
        return self.estimates_new([service], now=now)[service]

    def estimates_new(
        self,
        services: Iterable[str],
        waiting: Mapping[str, int] | None = None,
        now: datetime | None = None,
    ) -> dict[str, WaitEstimate]:
        """``estimate_new`` for each service, the waiting tickets counted once for all
        (``waiting``: that count, by service, if the caller has it already)."""
        ahead = self.waiting_by_service() if waiting is None else waiting
        pace = _Pace(self, now)
        return {
            service: self._estimate(service, ahead, pace, pace.call_for_new(service))
            for service in services
        }

    def latest_moment(self) -> datetime | None:
        """The last thing the day knows happened: "now", for an estimate told without one."""
        moments = (
            moment
            for t in self.tickets.values()
            for moment in (t.queue_since, t.called_at, t.served_at)
            if moment is not None
        )
        return max(moments, default=None)

    def waiting_by_service(self) -> dict[str, int]:
        return Tally(t.service for t in self.waiting())

    def _estimate(
        self,
        service: str,
        ahead: Mapping[str, int],
        pace: _Pace,
        call_in: float | None = None,
        ticket: Ticket | None = None,
    ) -> WaitEstimate:
        """``ahead``: how many tickets of each service the counters will call first.
        ``pace``: the counters and service times, shared by the moment's estimates.
        ``call_in``: the replay's minutes until the ticket is called; without it (no open
        counter takes the ticket: only paused ones serve it) the range is the work
        ahead shared between the counters. ``ticket``: the ticket (None: a new one)."""
        serving = pace.serving
        # With no counter open yet, the queue ahead is still shared as the counters are set up.
        counters = serving if serving.get(service) else pace.everyone
        mine = counters.get(service, frozenset())
        people = work = 0.0
        for other, count in ahead.items():
            theirs = counters.get(other)
            if theirs:
                share = count * len(theirs & mine) / len(theirs)
                people += share
                work += share * pace.minutes(other)
        estimate = estimate_from_work(
            math.floor(people + 0.5),
            work,
            pace.minutes(service),
            len(serving.get(service, ())),
        )
        if call_in is None or not estimate.counters_open:
            return estimate
        low, high = range_from_call_time(call_in, ticket is not None and ticket.priority)
        return WaitEstimate(estimate.people_ahead, low, high, estimate.counters_open)

    def _counters_for(self, open_only: bool) -> dict[str, frozenset[str]]:
        """Each service's counters (the open ones, or all).

        Worked out again only when a counter opens or closes: the board estimates
        every service of the catalog after each request, and a counter may serve
        thousands of them.
        """
        statuses = tuple((c.id, c.status is CounterStatus.CLOSED) for c in self.counters.values())
        if self._serving[0] != statuses:
            self._serving = (statuses, {})
        cached = self._serving[1].get(open_only)
        if cached is not None:
            return cached
        found: dict[str, set[str]] = {}
        for counter in self.counters.values():
            if open_only and counter.status is CounterStatus.CLOSED:
                continue
            for service in counter.setup.services:
                found.setdefault(service, set()).add(counter.id)
        made = {service: frozenset(ids) for service, ids in found.items()}
        self._serving[1][open_only] = made
        return made

    def _minutes_per_person(self, service: str) -> float:
        return minutes_per_person(
            self.recent_minutes.get(service, ()), self.catalog.get(service).typical_minutes
        )

    # -- the day ---------------------------------------------------------

    @classmethod
    def as_found(cls, now: datetime, *, opened_on: Mapping[str, date], **parts: Any) -> QueueDay:
        """The day a store loaded, as it stands at ``now``: earlier days' tickets expired,
        counters left open on an earlier day (``opened_on``) closed."""
        queue = cls(**parts)
        queue.close_previous_days(now)
        queue.close_stale_counters(now, opened_on)
        return queue

    def close_previous_days(self, now: datetime) -> list[Ticket]:
        """Tickets still active from an earlier day expire; counters left open close.

        Runs at the start of every operation, so the first request after
        midnight rolls the centre over without a scheduled job.
        """
        expired = []
        for ticket in self.tickets.values():
            if ticket.is_active and ticket.service_day < self.day:
                previous = ticket.state
                ticket.cancel()
                self._record(EventType.TICKET_EXPIRED, now, ticket, previous=previous.value)
                expired.append(ticket)
        stale = {t.id for t in expired}
        for counter in self.counters.values():
            if counter.current in stale:
                counter.current = None
                self.changed_counters.add(counter.id)
        return expired

    def close_stale_counters(self, now: datetime, opened_on: Mapping[str, date]) -> None:
        for counter in self.counters.values():
            day = opened_on.get(counter.id)
            if counter.status is not CounterStatus.CLOSED and day is not None and day < self.day:
                counter.status, counter.pause_reason, counter.priority_streak = (
                    CounterStatus.CLOSED,
                    None,
                    0,
                )
                self._record(EventType.COUNTER_CLOSED, now, counter=counter, reason="day_end")

    # -- tickets ---------------------------------------------------------

    def _check_now(self, now: datetime) -> None:
        require_aware(now)
        if service_day_of(now, self.rules.hours.zone) != self.day:
            raise ValueError(f"{now.isoformat()} is not on service day {self.day}")

    def issue(self, service_code: str, *, priority: bool, lang: str, now: datetime) -> Ticket:
        self._check_now(now)
        service: Service = self.catalog.offered(service_code)
        if not self.rules.hours.is_issuing(now):
            raise DomainError(ErrorCode.SERVICE_CLOSED, "the centre is not issuing tickets now")
        seq = self.sequences.get(service.prefix, 0) + 1
        number = display_number(service.prefix, seq)
        if seq > NUMBERS_PER_CYCLE and any(
            t.number == number and t.is_active and t.service_day == self.day
            for t in self.tickets.values()
        ):
            raise DomainError(
                ErrorCode.NUMBERS_EXHAUSTED,
                f"all {NUMBERS_PER_CYCLE} numbers of queue {service.prefix} are in use; "
                f"{number} is still active",
            )
        ticket = Ticket(
            id=self._new_id(),
            service_day=self.day,
            prefix=service.prefix,
            seq=seq,
            number=number,
            service=service.code,
            kind=service.kind,
            priority=priority,
            lang=lang,
            issued_at=now,
            queue_since=now,
            token=self._new_token(),
        )
        self.sequences[service.prefix] = seq
        self.changed_prefixes.add(service.prefix)
        self.tickets[ticket.id] = ticket
        self._record(
            EventType.TICKET_ISSUED,
            now,
            ticket,
            kind=service.kind.value,
            priority=priority,
            lang=lang,
        )
        return ticket

    # -- counters --------------------------------------------------------

    def open_counter(self, counter_id: str, staff: str, now: datetime) -> Counter:
        self._check_now(now)
        counter = self.counter(counter_id)
        if counter.status is CounterStatus.PAUSED:
            raise DomainError(
                ErrorCode.COUNTER_PAUSED, f"counter {counter_id} is paused; resume it"
            )
        if counter.status is CounterStatus.OPEN:
            if counter.staff != staff:
                previous, counter.staff = counter.staff, staff
                self._record(
                    EventType.COUNTER_STAFF_CHANGED, now, counter=counter, previous=previous
                )
            return counter
        counter.status, counter.staff, counter.priority_streak = CounterStatus.OPEN, staff, 0
        self._record(EventType.COUNTER_OPENED, now, counter=counter)
        return counter

    def close_counter(self, counter_id: str, staff: str, now: datetime) -> Counter:
        self._check_now(now)
        counter = self.counter(counter_id)
        if counter.status is CounterStatus.CLOSED:
            return counter
        counter.require_idle()
        counter.status, counter.pause_reason = CounterStatus.CLOSED, None
        self._record(EventType.COUNTER_CLOSED, now, counter=counter, staff=staff, reason="closed")
        return counter

    def pause(self, counter_id: str, staff: str, reason: str, now: datetime) -> Counter:
        self._check_now(now)
        counter = self.counter(counter_id)
        try:
            why = PauseReason(reason)
        except ValueError:
            allowed = ", ".join(r.value for r in PauseReason)
            raise DomainError(
                ErrorCode.INVALID_PAUSE_REASON, f"pause reason {reason!r} is not one of {allowed}"
            ) from None
        counter.require_open()
        counter.require_idle()
        counter.status, counter.pause_reason = CounterStatus.PAUSED, why
        self._record(EventType.COUNTER_PAUSED, now, counter=counter, staff=staff, reason=why.value)
        return counter

    def resume(self, counter_id: str, staff: str, now: datetime) -> Counter:
        self._check_now(now)
        counter = self.counter(counter_id)
        if counter.status is not CounterStatus.PAUSED:
            raise DomainError(ErrorCode.COUNTER_NOT_PAUSED, f"counter {counter_id} is not paused")
        reason = counter.pause_reason
        counter.status, counter.pause_reason, counter.staff = CounterStatus.OPEN, None, staff
        self._record(
            EventType.COUNTER_RESUMED, now, counter=counter, reason=reason.value if reason else None
        )
        return counter

    def call_next(self, counter_id: str, staff: str, now: datetime) -> Ticket:
        self._check_now(now)
        counter = self.counter(counter_id)
        counter.require_open()
        counter.require_idle()
        waiting = self.waiting(counter.setup.services)
        if not waiting:
            raise DomainError(ErrorCode.QUEUE_EMPTY, f"nobody is waiting for counter {counter_id}")
        ticket = self.rules.policy.choose(waiting, counter.priority_streak, now)
        counter.priority_streak = next_streak(ticket, waiting, counter.priority_streak)
        ticket.call(counter.id, staff, now)
        counter.current, counter.staff = ticket.id, staff
        waited = (now - ticket.queue_since).total_seconds()
        self._record(EventType.TICKET_CALLED, now, ticket, counter, staff, waited_s=waited)
        return ticket

    def recall(self, counter_id: str, staff: str, now: datetime) -> Ticket:
        self._check_now(now)
        counter = self.counter(counter_id)
        ticket = self.current_ticket(counter)
        ticket.recall(self.rules.max_recalls)
        self._record(EventType.TICKET_RECALLED, now, ticket, counter, staff, recall=ticket.recalls)
        return ticket

    def serve(self, counter_id: str, staff: str, now: datetime) -> Ticket:
        self._check_now(now)
        counter = self.counter(counter_id)
        ticket = self.current_ticket(counter)
        ticket.serve(now)
        self._record(EventType.TICKET_SERVING, now, ticket, counter, staff)
        return ticket

    def complete(self, counter_id: str, staff: str, now: datetime) -> Ticket:
        self._check_now(now)
        counter = self.counter(counter_id)
        ticket = self.current_ticket(counter)
        ticket.complete(now)
        counter.current = None
        assert ticket.served_at is not None
        minutes = (now - ticket.served_at).total_seconds() / 60
        self.recent_minutes.setdefault(ticket.service, []).append(minutes)
        self._record(
            EventType.TICKET_COMPLETED, now, ticket, counter, staff, service_s=minutes * 60
        )
        return ticket

    def no_show(self, counter_id: str, staff: str, now: datetime) -> Ticket:
        self._check_now(now)
        counter = self.counter(counter_id)
        ticket = self.current_ticket(counter)
        ticket.no_show()
        counter.current = None
        self._record(EventType.TICKET_NO_SHOW, now, ticket, counter, staff, recalls=ticket.recalls)
        return ticket

    def park(self, counter_id: str, staff: str, now: datetime) -> Ticket:
        self._check_now(now)
        counter = self.counter(counter_id)
        ticket = self.current_ticket(counter)
        ticket.park()
        counter.current = None
        self._record(EventType.TICKET_PARKED, now, ticket, counter, staff)
        return ticket

    def unpark(self, counter_id: str, staff: str, number: str, now: datetime) -> Ticket:
        self._check_now(now)
        counter = self.counter(counter_id)
        ticket = self.ticket_by_number(number)
        if ticket.state is not TicketState.PARKED:
            raise DomainError(
                ErrorCode.TICKET_NOT_PARKED, f"ticket {ticket.number} is {ticket.state.value}"
            )
        if not counter.serves(ticket.service):
            raise DomainError(
                ErrorCode.SERVICE_NOT_SERVED,
                f"counter {counter.id} does not serve {ticket.service}",
            )
        counter.require_open()
        counter.require_idle()
        ticket.unpark(counter.id, staff, now)
        counter.current, counter.staff = ticket.id, staff
        self._record(EventType.TICKET_UNPARKED, now, ticket, counter, staff)
        return ticket

    def transfer(
        self, counter_id: str, staff: str, number: str, service_code: str, now: datetime
    ) -> Ticket:
        self._check_now(now)
        counter = self.counter(counter_id)
        target = self.catalog.offered(service_code)
        ticket = self.current_ticket(counter)
        if ticket.number != normalise_number(number):
            raise DomainError(
                ErrorCode.TICKET_NOT_AT_COUNTER,
                f"ticket {normalise_number(number)} is not at counter {counter.id} "
                f"(it has {ticket.number})",
            )
        if target.code == ticket.service:
            raise DomainError(
                ErrorCode.SAME_SERVICE, f"ticket {ticket.number} is already for {target.code}"
            )
        origin = ticket.service
        ticket.transfer(target.code, target.kind)
        counter.current = None
        self._record(
            EventType.TICKET_TRANSFERRED,
            now,
            ticket,
            counter,
            staff,
            origin=origin,
            target=target.code,
        )
        return ticket


def _called_before(other: Ticket, ticket: Ticket) -> bool:
    """Whether ``other`` is called first: priority before normal, then by time in the queue."""
    if other.priority != ticket.priority:
        return other.priority
    return (other.queue_since, other.seq) < (ticket.queue_since, ticket.seq)


def _call_key(ticket: Ticket) -> tuple[bool, datetime, int]:
    """The order of ``_called_before``: priority first, then by time in the queue."""
    return (not ticket.priority, ticket.queue_since, ticket.seq)


class _Pace:
    """What every estimate of one moment shares: each service's counters (open, and all),
    its minutes a person and the replay of the queue, worked out once however many
    tickets are estimated."""

    def __init__(self, queue: QueueDay, now: datetime | None = None) -> None:
        self.serving = queue._counters_for(open_only=True)
        self.everyone = queue._counters_for(open_only=False)
        self._queue = queue
        self._now = now
        self._minutes: dict[str, float] = {}
        self._means: dict[str, float] = {}
        self._replay: tuple[dict[str, float], dict[str, float]] | None = None

    def minutes(self, service: str) -> float:
        found = self._minutes.get(service)
        if found is None:
            found = self._minutes[service] = self._queue._minutes_per_person(service)
        return found

    def mean(self, service: str) -> float:
        found = self._means.get(service)
        if found is None:
            queue = self._queue
            recent = queue.recent_minutes.get(service, ())
            found = mean_minutes(recent, queue.catalog.get(service).typical_minutes)
            self._means[service] = found
        return found

    def calls(self) -> dict[str, float]:
        """Each waiting ticket's minutes until an open counter calls it."""
        return self._replayed()[0]

    def call_for_new(self, service: str) -> float | None:
        """Minutes until an open counter would call a normal ticket for ``service`` taken
        now: when the first of its counters has called everything older (None: no open
        counter serves it)."""
        done = self._replayed()[1]
        return min((done[c] for c in self.serving.get(service, ()) if c in done), default=None)

    def _replayed(self) -> tuple[dict[str, float], dict[str, float]]:
        if self._replay is None:
            # with no ticket at all there is nothing to replay, and no moment to start it
            now = self._now or self._queue.latest_moment() or datetime.min.replace(tzinfo=UTC)
            self._replay = _project_calls(self._queue, now, self.mean)
        return self._replay


@dataclass
class _Lane:
    """One open counter in the replay: when it is free, its streak, and the waiting
    tickets it may call, priority and normal, each first come first."""

    counter: Counter
    free_in: float
    streak: int
    priority: list[Ticket]
    normal: list[Ticket]
    next_priority: int = 0
    next_normal: int = 0

    def heads(self, called: set[str]) -> list[Ticket]:
        """The first priority and the first normal ticket no counter has called yet."""
        self.next_priority = _first_left(self.priority, self.next_priority, called)
        self.next_normal = _first_left(self.normal, self.next_normal, called)
        return [
            *self.priority[self.next_priority : self.next_priority + 1],
            *self.normal[self.next_normal : self.next_normal + 1],
        ]


def _first_left(tickets: list[Ticket], start: int, called: set[str]) -> int:
    while start < len(tickets) and tickets[start].id in called:
        start += 1
    return start


def _project_calls(
    queue: QueueDay, now: datetime, mean: Callable[[str], float]
) -> tuple[dict[str, float], dict[str, float]]:
    """Replay the queue as the open counters will call it, if nobody else came: each
    counter frees when its current service ends (``minutes_left``), then calls what the
    priority policy picks of the tickets it serves, for that service's mean time.

    Returns each waiting ticket's minutes until it is called, and each open counter's
    minutes until it has called everything it serves (a new ticket's call).
    Every policy picks within priority and within normal tickets first come, first
    served, so a counter only ever weighs the first of each: the replay costs one pass
    per counter over what waits, however long the catalog.
    """
    waiting = sorted(queue.waiting(), key=lambda t: (t.queue_since, t.seq))
    lanes = []
    for counter in queue.counters.values():
        if counter.status is not CounterStatus.OPEN:
            continue
        mine = [t for t in waiting if t.service in counter.setup.services]
        lanes.append(
            _Lane(
                counter,
                _busy_for(queue, counter, now, mean),
                counter.priority_streak,
                [t for t in mine if t.priority],
                [t for t in mine if not t.priority],
            )
        )
    free = [(lane.free_in, index) for index, lane in enumerate(lanes)]
    heapq.heapify(free)
    calls: dict[str, float] = {}
    called: set[str] = set()
    while free:
        free_in, index = heapq.heappop(free)
        lane = lanes[index]
        heads = lane.heads(called)
        if not heads:
            lane.free_in = free_in  # free for good: a new ticket would be its next call
            continue
        chosen = queue.rules.policy.choose(heads, lane.streak, now + timedelta(minutes=free_in))
        lane.streak = next_streak(chosen, heads, lane.streak)
        calls[chosen.id] = free_in
        called.add(chosen.id)
        heapq.heappush(free, (free_in + mean(chosen.service), index))
    return calls, {lane.counter.id: lane.free_in for lane in lanes}


def _busy_for(
    queue: QueueDay, counter: Counter, now: datetime, mean: Callable[[str], float]
) -> float:
    """Minutes until the counter is done with its current ticket (0: free now). A
    ticket called but not yet come to the counter counts as being served since its
    call: the citizen is on the way, or the counter waits out the recalls."""
    current = queue.tickets.get(counter.current) if counter.current else None
    if current is None:
        return 0.0
    since = current.served_at or current.called_at or now
    return minutes_left(mean(current.service), (now - since).total_seconds() / 60)
