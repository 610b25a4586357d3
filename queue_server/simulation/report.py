"""Many simulated days summed up: waits, utilisation, queue length, the printed waits' accuracy."""

from __future__ import annotations

import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from queue_server.domain.catalog import Catalog
from queue_server.domain.counters import CounterSetup
from queue_server.domain.priority import PolicyName

from .engine import DayResult, draw_arrivals, simulate_day
from .scenario import Scenario

BUCKET_MINUTES = 15


def percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


@dataclass(frozen=True)
class Waits:
    count: int
    p50: float
    p90: float
    max: float

    @classmethod
    def of(cls, waits: Sequence[float]) -> Waits:
        return cls(
            len(waits), percentile(waits, 50), percentile(waits, 90), max(waits, default=0.0)
        )


@dataclass
class PolicyResult:
    policy: PolicyName
    days: int
    per_service: dict[str, Waits]
    priority: Waits
    normal: Waits
    utilisation: dict[str, float]
    estimate_mae: float  # minutes between the actual wait and the middle of the printed range
    inside_range: float  # share of tickets whose wait fell inside the printed range
    range_width: float  # minutes between the printed range's ends, on average
    unserved: int  # tickets still waiting when staff went home (all days)
    queue_by_time: list[tuple[float, float]] = field(default_factory=list)  # mean waiting


def summarise(policy: PolicyName, days: Sequence[DayResult]) -> PolicyResult:
    served = [t for day in days for t in day.tickets if t.wait is not None]
    by_service: dict[str, list[float]] = {}
    for t in served:
        by_service.setdefault(t.service, []).append(t.wait or 0.0)
    errors = [abs((t.wait or 0.0) - sum(t.estimate) / 2) for t in served]
    inside = [t.estimate[0] <= (t.wait or 0.0) <= t.estimate[1] for t in served]
    busy: dict[str, float] = {}
    for day in days:
        for counter, minutes in day.busy_minutes.items():
            busy[counter] = busy.get(counter, 0.0) + minutes / max(day.open_minutes, 1.0)
    buckets: dict[int, list[int]] = {}
    for day in days:
        for minute, waiting in day.queue_length:
            buckets.setdefault(int(minute // BUCKET_MINUTES), []).append(waiting)
    return PolicyResult(
        policy=policy,
        days=len(days),
        per_service={code: Waits.of(w) for code, w in sorted(by_service.items())},
        priority=Waits.of([t.wait or 0.0 for t in served if t.priority]),
        normal=Waits.of([t.wait or 0.0 for t in served if not t.priority]),
        utilisation={c: b / max(len(days), 1) for c, b in sorted(busy.items())},
        estimate_mae=statistics.fmean(errors) if errors else 0.0,
        inside_range=sum(inside) / len(inside) if inside else 0.0,
        range_width=statistics.fmean(t.estimate[1] - t.estimate[0] for t in served)
        if served
        else 0.0,
        unserved=sum(1 for day in days for t in day.tickets if t.called is None),
        queue_by_time=[
            (bucket * BUCKET_MINUTES, statistics.fmean(values))
            for bucket, values in sorted(buckets.items())
        ],
    )


def simulate(
    catalog: Catalog,
    setups: Sequence[CounterSetup],
    scenario: Scenario,
    days: int,
    seed: int,
    policies: Sequence[PolicyName],
    ratio: int = 2,
    max_recalls: int = 3,
) -> list[PolicyResult]:
    """``days`` days of arrivals, each replayed under every policy (the same citizens)."""
    runs: dict[PolicyName, list[DayResult]] = {p: [] for p in policies}
    for day in range(days):
        arrivals = draw_arrivals(scenario, catalog, random.Random(seed * 100_003 + day))
        for policy in policies:
            runs[policy].append(
                simulate_day(catalog, setups, scenario, arrivals, policy, ratio, max_recalls)
            )
    return [summarise(policy, results) for policy, results in runs.items()]


def queue_chart(results: Sequence[PolicyResult], opening: str, path: Path) -> Path:
    """Mean people waiting through the day, one line per policy (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    start_h, start_m = (int(x) for x in opening.split(":"))
    figure, axes = plt.subplots(figsize=(9, 4), dpi=110)
    for result in results:
        xs = [start_h + (start_m + minute) / 60 for minute, _ in result.queue_by_time]
        axes.plot(xs, [v for _, v in result.queue_by_time], label=result.policy.value)
    axes.set_xlabel("hour of the day")
    axes.set_ylabel(f"people waiting (mean over {results[0].days} days)")
    axes.set_title("Queue length through the day")
    axes.grid(alpha=0.3)
    axes.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    plt.close(figure)
    return path
