"""Helpers shared by the test suite and the benchmarks (shipped, like ``structlog.testing``).

A small catalog, a fixed Monday in Bangkok, a builder for a ``QueueDay``,
so each test states only what matters to it; and the store and staff
registry in memory, for the service and server tests that need no database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import replace
from datetime import date, datetime
from itertools import count
from typing import Any

from queue_server.domain.catalog import Catalog, Category, Service, ServiceKind, Text
from queue_server.domain.counters import Counter, CounterSetup, CounterStatus
from queue_server.domain.hours import OpeningHours
from queue_server.domain.priority import PriorityPolicy, Ratio
from queue_server.domain.queue_day import QueueDay, Rules
from queue_server.domain.service_day import BANGKOK

MONDAY = date(2026, 11, 23)


def at(hour: int, minute: int = 0, second: int = 0, day: date = MONDAY) -> datetime:
    """A moment on ``day`` in Bangkok time."""
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=BANGKOK)


def sample_catalog() -> Catalog:
    def service(
        code: str, prefix: str, kind: ServiceKind, category: str, minutes: float
    ) -> Service:
        return Service(
            code=code,
            prefix=prefix,
            kind=kind,
            category=category,
            name=Text(f"บริการ {code}", f"Service {code}"),
            agency=Text("หน่วยงาน", "Agency"),
            typical_minutes=minutes,
        )

    return Catalog.of(
        [
            Category("citizen", Text("ประชาชน", "Citizens")),
            Category("local", Text("อบต.", "Local")),
        ],
        [
            service("licence", "A", ServiceKind.TANGRAT, "citizen", 6),
            service("welfare", "A", ServiceKind.FORWARD, "citizen", 10),
            service("petition", "D", ServiceKind.ONSITE, "local", 8),
        ],
    )


def counter_setups() -> list[CounterSetup]:
    return [
        CounterSetup("1", Text("ช่องบริการ 1", "Counter 1"), frozenset({"licence", "welfare"})),
        CounterSetup("2", Text("ช่องบริการ 2", "Counter 2"), frozenset({"petition"})),
        CounterSetup(
            "3", Text("ช่องบริการ 3", "Counter 3"), frozenset({"licence", "welfare", "petition"})
        ),
    ]


def make_day(
    *,
    day: date = MONDAY,
    policy: PriorityPolicy | None = None,
    hours: OpeningHours | None = None,
    max_recalls: int = 3,
    open_counters: Iterable[str] = (),
    recent_minutes: Mapping[str, Sequence[float]] | None = None,
) -> QueueDay:
    ids = count(1)
    counters = [Counter(setup) for setup in counter_setups()]
    for counter in counters:
        if counter.id in set(open_counters):
            counter.status, counter.staff = CounterStatus.OPEN, f"s{counter.id}"
    return QueueDay(
        day=day,
        catalog=sample_catalog(),
        rules=Rules(
            hours=hours or OpeningHours.always(),
            policy=policy or Ratio(2),
            max_recalls=max_recalls,
        ),
        counters=counters,
        recent_minutes=recent_minutes,
        new_id=lambda: f"t{next(ids):04d}",
    )


# -- the store and the staff registry in memory ------------------------------------


class MemoryStore:
    """``storage.QueueStore``'s contract kept in memory: for the rule, service and server
    tests (milliseconds, no database), never for a centre.

    Each operation works on copies of what is kept, under one lock, and writes back only
    when it ends without an exception, as the real store's transaction does; a reply set
    on the transaction is kept with the change, and a request id seen before raises
    ``DuplicateRequest`` before anything is applied.
    """

    def __init__(
        self,
        *,
        site_id: str,
        catalog: Catalog,
        rules: Rules,
        counter_setups: Sequence[CounterSetup],
    ) -> None:
        import threading

        self.site_id = site_id
        self._lock = threading.Lock()
        self._counters: dict[str, tuple[Counter, date | None]] = {}
        self._tickets: dict[str, Any] = {}
        self._sequences: dict[tuple[date, str], int] = {}
        self._events: list[dict[str, Any]] = []
        self._replies: dict[tuple[str, str], dict[str, Any]] = {}
        self._ratings: dict[str, Any] = {}
        self._casework = MemoryCaseBook()
        self._complaints = MemoryComplaintBook()
        self.reconfigure(catalog, rules, counter_setups)

    def reconfigure(
        self, catalog: Catalog, rules: Rules, counter_setups: Sequence[CounterSetup]
    ) -> None:
        self.catalog, self.rules = catalog, rules
        self.setups = {s.id: s for s in counter_setups}
        for setup in counter_setups:
            kept = self._counters.get(setup.id)
            counter = replace(kept[0], setup=setup) if kept else Counter(setup=setup)
            self._counters[setup.id] = (counter, kept[1] if kept else None)

    def close(self) -> None:
        pass

    @contextmanager
    def day(
        self, now: datetime, *, with_history: bool = False, request: Any = None
    ) -> Iterator[Any]:
        from queue_server.domain.service_day import service_day_of
        from queue_server.domain.tickets import ACTIVE_STATES
        from queue_server.storage.store import DuplicateRequest, event_values

        today, site = service_day_of(now, self.rules.hours.zone), self.site_id
        with self._lock:
            if request is not None and (request.client, request.id) in self._replies:
                raise DuplicateRequest(self._replies[(request.client, request.id)])
            counters = [deepcopy(c) for cid, (c, _) in self._counters.items() if cid in self.setups]
            status_days = {cid: d for cid, (_, d) in self._counters.items() if d is not None}
            active = [deepcopy(t) for t in self._tickets.values() if t.state in ACTIVE_STATES]
            queue = QueueDay.as_found(
                now,
                opened_on=status_days,
                day=today,
                catalog=self.catalog,
                rules=self.rules,
                counters=counters,
                tickets=active,
                sequences={p: n for (d, p), n in self._sequences.items() if d == today},
                recent_minutes=self._recent_minutes(today) if with_history else None,
            )
            tx = MemoryTransaction(queue, self)
            tx.cases = deepcopy(self._casework)
            tx.complaints = deepcopy(self._complaints)
            yield tx
            self._casework, self._complaints = tx.cases, tx.complaints
            for prefix in queue.changed_prefixes:
                self._sequences[(today, prefix)] = queue.sequences[prefix]
            for ticket_id in queue.changed_tickets:
                self._tickets[ticket_id] = deepcopy(queue.tickets[ticket_id])
            for counter_id in queue.changed_counters:
                self._counters[counter_id] = (deepcopy(queue.counters[counter_id]), today)
            for event in queue.events:  # rows as the real store keeps them
                self._events.append({"id": len(self._events) + 1, **event_values(site, event)})
            self._ratings.update(tx.ratings)
            if tx.after_save is not None:
                tx.after_save()
            if request is not None and tx.reply is not None:
                self._replies[(request.client, request.id)] = tx.reply

    @contextmanager
    def registers(self) -> Iterator[Any]:
        from queue_server.storage.store import Registers

        with self._lock:
            books = deepcopy((self._casework, self._complaints))
        yield Registers(*books)  # type: ignore[arg-type]

    def _recent_minutes(self, day: date) -> dict[str, list[float]]:
        from queue_server.domain.estimates import RECENT_SAMPLES
        from queue_server.domain.tickets import TicketState

        done = sorted(
            (t for t in self._tickets.values()
             if t.service_day == day and t.state is TicketState.DONE and t.served_at),
            key=lambda t: t.completed_at,
        )  # fmt: skip
        recent: dict[str, list[float]] = {}
        for t in done:
            minutes = (t.completed_at - t.served_at).total_seconds() / 60
            recent.setdefault(t.service, []).append(minutes)
        return {service: values[-RECENT_SAMPLES:] for service, values in recent.items()}

    def stored_reply(self, request: Any) -> dict[str, Any] | None:
        return self._replies.get((request.client, request.id))

    def remember_reply(self, request: Any, reply: dict[str, Any], now: datetime) -> None:
        self._replies.setdefault((request.client, request.id), reply)

    def tickets_of_day(self, day: date) -> list[Any]:
        found = [deepcopy(t) for t in self._tickets.values() if t.service_day == day]
        return sorted(found, key=lambda t: (t.issued_at, t.prefix, t.seq))

    def events_of_day(self, day: date) -> list[dict[str, Any]]:
        return [dict(e) for e in self._events if e["service_day"] == day]


class MemoryCaseBook:
    """``storage.cases.CaseBook`` in memory (the transaction works on a copy of it)."""

    def __init__(self) -> None:
        self.outcomes: dict[str, Any] = {}
        self.cases: dict[str, Any] = {}
        self.sequences: dict[int, int] = {}

    def outcome_of(self, ticket_id: str) -> Any:
        return self.outcomes.get(ticket_id)

    def add_outcome(self, outcome: Any) -> None:
        self.outcomes[outcome.ticket_id] = outcome

    def next_reference(self, year_be: int) -> str:
        from queue_server.domain.cases import case_reference

        self.sequences[year_be] = self.sequences.get(year_be, 0) + 1
        return case_reference(year_be, self.sequences[year_be])

    def add(self, case: Any) -> None:
        self.cases[case.reference] = deepcopy(case)

    def save(self, case: Any, change: Any) -> None:
        self.cases[case.reference] = deepcopy(case)

    def get(self, reference: str) -> Any:
        return deepcopy(self.cases.get(reference))

    def listing(self, *, open_only: bool) -> list[Any]:
        if open_only:
            found = [c for c in self.cases.values() if c.is_open]
            return deepcopy(sorted(found, key=lambda c: (c.sent_on, c.reference)))
        newest = sorted(self.cases.values(), key=lambda c: (c.opened_at, c.reference))
        return deepcopy(newest[::-1])


class MemoryComplaintBook:
    """``storage.complaints.ComplaintBook`` in memory."""

    def __init__(self) -> None:
        self.complaints: dict[str, Any] = {}
        self.sequences: dict[tuple[str, int], int] = {}

    def next_reference(self, mark: str, year_be: int) -> str:
        last = self.sequences[(mark, year_be)] = self.sequences.get((mark, year_be), 0) + 1
        from queue_server.domain.cases import reference

        return reference(mark, year_be, last)

    def add(self, complaint: Any) -> None:
        self.complaints[complaint.reference] = deepcopy(complaint)

    save = add

    def get(self, reference: str) -> Any:
        return deepcopy(self.complaints.get(reference))

    def listing(self, *, open_only: bool) -> list[Any]:
        if open_only:
            found = [c for c in self.complaints.values() if c.is_open]
            return deepcopy(sorted(found, key=lambda c: (c.received_at, c.reference)))
        every = sorted(self.complaints.values(), key=lambda c: (c.received_at, c.reference))
        return deepcopy(every[::-1])


class MemoryTransaction:
    """``storage.store.DayTransaction`` for the memory store."""

    cases: MemoryCaseBook
    complaints: MemoryComplaintBook

    def __init__(self, queue: QueueDay, store: MemoryStore) -> None:
        self.queue = queue
        self.reply: dict[str, Any] | None = None
        self.after_save: Callable[[], None] | None = None
        self.ratings: dict[str, Any] = {}
        self._store = store

    def state_seq(self) -> int:
        return len(self._store._events)

    def ticket_today(self, number: str) -> Any:
        same = [
            t for t in self._store._tickets.values()
            if t.service_day == self.queue.day and t.number == number
        ]  # fmt: skip
        return deepcopy(max(same, key=lambda t: t.seq)) if same else None

    def ticket_by_token(self, token: str) -> Any:
        same = [t for t in self._store._tickets.values() if t.token == token]
        return deepcopy(same[0]) if same else None

    def rating_exists(self, ticket_id: str) -> bool:
        return ticket_id in self._store._ratings or ticket_id in self.ratings

    def add_rating(self, rating: Any) -> None:
        self.ratings[rating.ticket_id] = rating

    def recent_events(self, types: Iterable[str], limit: int) -> list[dict[str, Any]]:
        wanted = set(types)
        rows = [
            e for e in self._store._events
            if e["service_day"] == self.queue.day and e["type"] in wanted
        ]  # fmt: skip
        return [dict(e) for e in reversed(rows[-limit:])]


class MemoryStaff:
    """``storage.staff.StaffRegistry`` in memory (PINs kept as given: tests only)."""

    def __init__(self) -> None:
        self.pins: dict[str, str] = {}
        self.sessions: dict[str, str] = {}
        self.failures_of: dict[tuple[str, str], tuple[int, int, datetime | None]] = {}

    def set_pin(self, code: str, pin: str, now: datetime) -> None:
        self.pins[code] = pin

    def verify(self, code: str, pin: str, before_hashing: Any = None) -> bool:
        if code not in self.pins:
            return False
        if before_hashing is not None:
            before_hashing()
        return self.pins[code] == pin

    def sign_in(self, client: str, code: str, now: datetime) -> None:
        self.sessions[client] = code

    def sign_out(self, client: str) -> None:
        self.sessions.pop(client, None)

    def signed_in(self, client: str) -> str | None:
        return self.sessions.get(client)

    def failures(self, client: str, code: str) -> tuple[int, int, datetime | None]:
        return self.failures_of.get((client, code), (0, 0, None))

    def record_failures(
        self, client: str, code: str, failures: int, locks: int, locked_until: datetime | None
    ) -> None:
        self.failures_of[(client, code)] = (failures, locks, locked_until)

    def forgive(self, client: str | None = None, staff: str | None = None) -> int:
        gone = [
            key for key in self.failures_of
            if (client is None or key[0] == client) and (staff is None or key[1] == staff)
        ]  # fmt: skip
        for key in gone:
            del self.failures_of[key]
        return len(gone)
