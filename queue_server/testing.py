"""Helpers shared by the test suite and the benchmarks (shipped, like ``structlog.testing``).

A small catalog, a fixed Monday in Bangkok, and a builder for a ``QueueDay``,
so each test states only what matters to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from itertools import count

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
