"""The discrete-event loop: citizens arrive, counters call, serve and complete.

Every queue decision is the real domain's: ``QueueDay.issue`` numbers the
ticket, ``estimate`` gives the wait range the kiosk would print,
``call_next`` picks by the priority policy. The loop only moves the clock.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import count

from queue_server.domain.catalog import Catalog
from queue_server.domain.counters import Counter, CounterSetup, CounterStatus
from queue_server.domain.hours import OpeningHours
from queue_server.domain.priority import PolicyName, make_policy
from queue_server.domain.queue_day import QueueDay, Rules
from queue_server.domain.service_day import BANGKOK

from .scenario import Scenario

DAY = date(2026, 11, 23)  # any weekday: the simulation has its own clock


@dataclass(frozen=True)
class Arrival:
    minute: float  # after opening
    service: str
    priority: bool
    service_minutes: float
    shows_up: bool


@dataclass
class TicketOutcome:
    service: str
    priority: bool
    issued: float
    estimate: tuple[int, int]
    called: float | None = None
    no_show: bool = False

    @property
    def wait(self) -> float | None:
        return None if self.called is None else self.called - self.issued


@dataclass
class DayResult:
    tickets: list[TicketOutcome] = field(default_factory=list)
    queue_length: list[tuple[float, int]] = field(default_factory=list)
    busy_minutes: dict[str, float] = field(default_factory=dict)
    open_minutes: float = 0.0


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def draw_arrivals(scenario: Scenario, catalog: Catalog, rng: random.Random) -> list[Arrival]:
    """Poisson arrivals per service and hour, each with its service time and whether they come."""
    start, end = _minutes(scenario.opening), _minutes(scenario.closing)
    arrivals = []
    for service in catalog.services:
        sigma = math.sqrt(math.log(1 + scenario.service_time_cv**2))
        mu = math.log(service.typical_minutes) - sigma**2 / 2
        minute = float(start)
        while minute < end:
            hour_end = (minute // 60 + 1) * 60
            rate = scenario.rate(service.code, int(minute // 60))
            following = minute + rng.expovariate(rate / 60) if rate > 0 else hour_end
            if following >= hour_end:
                minute = hour_end  # the rate may change at the hour; arrivals have no memory
                continue
            minute = following
            if minute >= end:
                break
            arrivals.append(
                Arrival(
                    minute=minute - start,
                    service=service.code,
                    priority=rng.random() < scenario.priority_share,
                    service_minutes=(
                        rng.lognormvariate(mu, sigma) if sigma else service.typical_minutes
                    ),
                    shows_up=rng.random() >= scenario.no_show_rate,
                )
            )
    return sorted(arrivals, key=lambda a: a.minute)


def simulate_day(
    catalog: Catalog,
    setups: Sequence[CounterSetup],
    scenario: Scenario,
    arrivals: Sequence[Arrival],
    policy: PolicyName,
    ratio: int = 2,
    max_recalls: int = 3,
) -> DayResult:
    opening = datetime.combine(DAY, time(0, 0), tzinfo=BANGKOK) + timedelta(
        minutes=_minutes(scenario.opening)
    )
    chosen = set(scenario.counters) or {s.id for s in setups}
    counters = [Counter(s) for s in setups if s.id in chosen]
    for counter in counters:
        counter.status, counter.staff = CounterStatus.OPEN, f"staff-{counter.id}"
    ids = count(1)
    queue = QueueDay(
        day=DAY,
        catalog=catalog,
        rules=Rules(OpeningHours.always(), make_policy(policy, ratio=ratio), max_recalls),
        counters=counters,
        new_id=lambda: f"t{next(ids)}",
    )
    result = DayResult(busy_minutes={c.id: 0.0 for c in counters})
    outcomes: dict[str, TicketOutcome] = {}
    by_ticket: dict[str, Arrival] = {}
    events: list[tuple[float, int, str, object]] = []
    order = count()
    for arrival in arrivals:
        heapq.heappush(events, (arrival.minute, next(order), "arrive", arrival))

    def at(minute: float) -> datetime:
        return opening + timedelta(minutes=minute)

    def try_call(counter: Counter, minute: float) -> None:
        if counter.current is not None or not queue.waiting(counter.setup.services):
            return
        if minute > last_call:
            return
        ticket = queue.call_next(counter.id, counter.staff or "", at(minute))
        outcomes[ticket.id].called = minute
        arrival = by_ticket[ticket.id]
        if arrival.shows_up:
            queue.serve(counter.id, counter.staff or "", at(minute))
            done = minute + arrival.service_minutes
        else:
            done = minute + scenario.call_wait_minutes * (max_recalls + 1)
        result.busy_minutes[counter.id] += min(done, last_call) - minute
        heapq.heappush(events, (done, next(order), "free", counter))

    last_call = _minutes(scenario.closing) - _minutes(scenario.opening) + scenario.overtime_minutes
    while events:
        minute, _, kind, payload = heapq.heappop(events)
        if minute > last_call:
            break  # staff go home; the tickets still waiting are not served today
        if kind == "arrive":
            assert isinstance(payload, Arrival)
            ticket = queue.issue(
                payload.service, priority=payload.priority, lang="th", now=at(minute)
            )
            estimate = queue.estimate(ticket)
            by_ticket[ticket.id] = payload
            outcomes[ticket.id] = TicketOutcome(
                payload.service,
                payload.priority,
                minute,
                (estimate.low_minutes, estimate.high_minutes),
            )
            for counter in counters:
                if counter.serves(payload.service):
                    try_call(counter, minute)
        else:
            assert isinstance(payload, Counter)
            current = queue.current_ticket(payload)
            if by_ticket[current.id].shows_up:
                queue.complete(payload.id, payload.staff or "", at(minute))
            else:
                queue.no_show(payload.id, payload.staff or "", at(minute))
                outcomes[current.id].no_show = True
            try_call(payload, minute)
        result.queue_length.append((minute, len(queue.waiting())))
    result.tickets = list(outcomes.values())
    result.open_minutes = max(
        _minutes(scenario.closing) - _minutes(scenario.opening),
        result.queue_length[-1][0] if result.queue_length else 0.0,
    )
    return result
