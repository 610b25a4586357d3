"""People ahead and a wait range for the ticket and the kiosk screen.

The range is deliberately a range: a citizen who is told "10-20 minutes"
and waits 15 trusts the next ticket; one told "12 minutes" does not.
Service time per person comes from the day's recent completions of that
service, falling back to the catalog's typical minutes until there are
enough of them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

MIN_SAMPLES = 3
RECENT_SAMPLES = 20
LOW_FACTOR = 0.75
HIGH_FACTOR = 1.25


@dataclass(frozen=True)
class WaitEstimate:
    people_ahead: int
    low_minutes: int
    high_minutes: int
    # No counter for the service is open: the range is a guess, and nobody should be told it.
    counters_open: int = 1

    @property
    def minutes(self) -> tuple[int, int] | None:
        """The range to tell a citizen, or None while no counter serves the service."""
        return (self.low_minutes, self.high_minutes) if self.counters_open else None


def minutes_per_person(recent_minutes: Sequence[float], typical_minutes: float) -> float:
    samples = list(recent_minutes)[-RECENT_SAMPLES:]
    if len(samples) < MIN_SAMPLES:
        return typical_minutes
    return statistics.median(samples)


def estimate_from_work(
    people_ahead: int, work_ahead_minutes: float, own_minutes: float, counters_open: int
) -> WaitEstimate:
    """The work the serving counters must do first, shared between them, as a range.

    The high end adds one more service (the person at the counter now).
    """
    counters = max(1, counters_open)
    low = math.floor(work_ahead_minutes / counters * LOW_FACTOR)
    high = math.ceil((work_ahead_minutes + own_minutes) / counters * HIGH_FACTOR)
    return WaitEstimate(people_ahead, low, max(high, low + 1), counters_open)
