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


# -- the range from a projected call time ---------------------------------------------
#
# The queue is replayed as the counters will call it (see QueueDay's projection): each
# open counter frees when its current service ends, then calls what the priority policy
# picks, and takes as long as that service's recent mean. That gives each waiting
# ticket a projected call time T, in minutes. The range around T widens with √T (a sum
# of services varies with the square root of how many there are) and leans late, since
# a wait is longer than planned far more often than shorter (priority tickets arriving
# meanwhile go first). A priority ticket's wait is short and little else goes ahead of
# it, but it can be much shorter than projected: its range reaches further down.
# The constants were fitted in the simulator (docs/simulation.md) on seeds 1–3 and hold
# on others: the actual wait falls inside 87 % of printed ranges (ratio policy, 60 days),
# against 69 % for work ÷ counters × 0.75–1.25, for a range 19 % wider on average
# (bench/estimates).

SERVICE_SPREAD = 0.5  # a service's time varies about this much (coefficient of variation)
NORMAL_RANGE = (0.9, 1.5, 1.05, 2.0, 1.0)  # low = a·T − b·√(T+1); high = c·T + d·√(T+1) + e
PRIORITY_RANGE = (0.4, 1.0, 1.15, 1.0, 1.0)


def mean_minutes(recent_minutes: Sequence[float], typical_minutes: float) -> float:
    """A service's recent mean, each time capped at three times their median (a service
    left open over lunch is not the pace); the catalog's typical time until there are
    enough. The mean, not the median: a queue takes the long services as they come."""
    samples = list(recent_minutes)[-RECENT_SAMPLES:]
    if len(samples) < MIN_SAMPLES:
        return typical_minutes
    cap = 3 * statistics.median(samples)
    return statistics.fmean(min(x, cap) for x in samples)


def minutes_left(mean: float, elapsed: float, spread: float = SERVICE_SPREAD) -> float:
    """How long a service of this mean still takes, ``elapsed`` minutes in.

    Service times are skewed (most short, a few long), taken as lognormal: a service
    that has run long is likely one of the long ones, so what is left does not fall to
    zero as ``mean - elapsed`` would.
    """
    if elapsed <= 0:
        return mean
    sigma2 = math.log(1 + spread * spread)
    sigma = math.sqrt(sigma2)
    mu = math.log(mean) - sigma2 / 2
    z = (math.log(elapsed) - mu) / sigma
    beyond = 1 - _normal_cdf(z)
    if beyond < 1e-9:
        return 0.1 * mean
    return max(mean * (1 - _normal_cdf(z - sigma)) / beyond - elapsed, 0.0)


def _normal_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def range_from_call_time(call_in_minutes: float, priority: bool) -> tuple[int, int]:
    a, b, c, d, e = PRIORITY_RANGE if priority else NORMAL_RANGE
    spread = math.sqrt(call_in_minutes + 1)
    low = math.floor(max(0.0, a * call_in_minutes - b * spread))
    high = math.ceil(c * call_in_minutes + d * spread + e)
    return low, max(high, low + 1)
