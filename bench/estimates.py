"""bench/estimates: how often the wait printed on a ticket holds, in the simulator.

The demo centre's busy weekday (assets/simulation.yaml) for 60 days under each of
seeds 1, 2 and 3, the default priority policy (ratio), the real queue rules: the
share of served tickets whose wait fell inside their printed range, and the range's
mean width. The range as it was before issue 22 (the work ahead shared between the
counters, × 0.75 to × 1.25) runs on the same days for comparison.

Target (issue 22): at least 80 % inside, the range no more than a quarter wider.

    python -m bench.estimates [--days 60]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

TARGET_INSIDE = 0.80
TARGET_WIDER = 0.25
SEEDS = (1, 2, 3)


@contextlib.contextmanager
def work_based_range() -> Iterator[None]:
    """The range before issue 22: no replay of the queue, so every estimate falls back
    to the work ahead shared between the counters."""
    from queue_server.domain import queue_day

    replayed = queue_day._Pace._replayed
    queue_day._Pace._replayed = lambda _self: ({}, {})  # type: ignore[method-assign]
    try:
        yield
    finally:
        queue_day._Pace._replayed = replayed  # type: ignore[method-assign]


def run(days: int) -> dict[str, float]:
    from assets import DEFAULT_SITE
    from queue_server.config import load_site
    from queue_server.config.models import PolicyName
    from queue_server.simulation.report import simulate
    from queue_server.simulation.scenario import load_scenario

    site = load_site(DEFAULT_SITE)
    scenario = load_scenario(Path(DEFAULT_SITE).parent / "simulation.yaml")
    started = time.perf_counter()
    results = [
        simulate(site.catalog, site.counter_setups(), scenario, days, seed, [PolicyName.RATIO],
                 ratio=site.config.priority.ratio, max_recalls=site.config.queue.max_recalls)[0]
        for seed in SEEDS
    ]  # fmt: skip
    return {
        "inside": statistics.fmean(r.inside_range for r in results),
        "width": statistics.fmean(r.range_width for r in results),
        "mae": statistics.fmean(r.estimate_mae for r in results),
        "seconds": time.perf_counter() - started,
    }


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=60)
    args = parser.parse_args(argv)
    now = run(args.days)
    with work_based_range():
        before = run(args.days)
    wider = now["width"] / before["width"] - 1
    print(f"bench/estimates — {args.days} days × seeds {', '.join(map(str, SEEDS))}, ratio policy")
    for name, r in (("work-based range (before)", before), ("replayed queue (now)", now)):
        print(f"  {name:<27} inside {r['inside']:6.1%}   width {r['width']:5.1f} min   "
              f"mean error {r['mae']:4.1f} min   ({r['seconds']:.1f} s)")  # fmt: skip
    print(f"  target: inside ≥ {TARGET_INSIDE:.0%}, at most {TARGET_WIDER:.0%} wider "
          f"(now {wider:+.0%})")  # fmt: skip
    return {"now": now, "before": before}


if __name__ == "__main__":
    main()
