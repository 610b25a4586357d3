"""Which waiting ticket a counter calls next.

A ticket carries only a yes/no priority flag (elderly, disabled, pregnant,
monk; the reason is never stored). The centre picks one policy:

- ``strict``: every priority ticket before any normal one.
- ``ratio``: at most ``n`` priority calls in a row at a counter while normal
  tickets wait, so a stream of priority tickets cannot starve the rest.
- ``ageing``: a priority ticket's waited time counts ``weight`` times; the
  longest effective wait is called first.

Among equals the ticket that has queued longest goes first.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from .tickets import Ticket


class PolicyName(StrEnum):
    STRICT = "strict"
    RATIO = "ratio"
    AGEING = "ageing"


def _fifo_key(ticket: Ticket) -> tuple[datetime, int]:
    return (ticket.queue_since, ticket.seq)


class PriorityPolicy(Protocol):
    def choose(self, waiting: Sequence[Ticket], streak: int, now: datetime) -> Ticket:
        """Pick from a non-empty list of tickets the counter may call."""
        ...


@dataclass(frozen=True)
class Strict:
    def choose(self, waiting: Sequence[Ticket], streak: int, now: datetime) -> Ticket:
        return min(waiting, key=lambda t: (not t.priority, *_fifo_key(t)))


@dataclass(frozen=True)
class Ratio:
    n: int = 2

    def __post_init__(self) -> None:
        if self.n < 1:
            raise ValueError("ratio needs at least one priority call in a row")

    def choose(self, waiting: Sequence[Ticket], streak: int, now: datetime) -> Ticket:
        priority = [t for t in waiting if t.priority]
        normal = [t for t in waiting if not t.priority]
        if priority and (not normal or streak < self.n):
            return min(priority, key=_fifo_key)
        return min(normal or priority, key=_fifo_key)


@dataclass(frozen=True)
class Ageing:
    weight: float = 2.0

    def __post_init__(self) -> None:
        if self.weight < 1:
            raise ValueError("ageing weight below 1 would put priority tickets behind")

    def choose(self, waiting: Sequence[Ticket], streak: int, now: datetime) -> Ticket:
        def score(t: Ticket) -> tuple[float, datetime, int]:
            waited = max(0.0, (now - t.queue_since).total_seconds())
            effective = waited * (self.weight if t.priority else 1.0)
            return (-effective, *_fifo_key(t))

        return min(waiting, key=score)


def next_streak(chosen: Ticket, waiting: Sequence[Ticket], streak: int) -> int:
    """Count priority calls made while a normal ticket was left waiting."""
    if not chosen.priority:
        return 0
    if any(not t.priority for t in waiting):
        return streak + 1
    return 0


def call_order(
    policy: PriorityPolicy, waiting: Sequence[Ticket], streak: int, now: datetime, limit: int
) -> list[Ticket]:
    """The order a counter would call these tickets in, if nobody else arrived.

    Every policy picks within priority and within normal tickets first come, first
    served, so the first ``limit`` of each are all the ``limit`` calls can reach: the
    counter screen's next five cost the same with 300 waiting as with 10.
    """
    remaining = [
        *heapq.nsmallest(limit, (t for t in waiting if t.priority), key=_fifo_key),
        *heapq.nsmallest(limit, (t for t in waiting if not t.priority), key=_fifo_key),
    ]
    order: list[Ticket] = []
    while remaining and len(order) < limit:
        chosen = policy.choose(remaining, streak, now)
        streak = next_streak(chosen, remaining, streak)
        order.append(chosen)
        remaining.remove(chosen)
    return order


def make_policy(name: PolicyName | str, ratio: int = 2, weight: float = 2.0) -> PriorityPolicy:
    match PolicyName(name):
        case PolicyName.STRICT:
            return Strict()
        case PolicyName.RATIO:
            return Ratio(ratio)
        case PolicyName.AGEING:
            return Ageing(weight)
