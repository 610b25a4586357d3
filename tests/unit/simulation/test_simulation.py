"""The simulator: reproducible arrivals, the real queue rules, honest summaries."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assets import DEFAULT_SITE
from queue_server.config import load_site
from queue_server.domain.priority import PolicyName
from queue_server.simulation.engine import draw_arrivals, simulate_day
from queue_server.simulation.report import simulate
from queue_server.simulation.scenario import Scenario, load_scenario

SITE = load_site(DEFAULT_SITE)


def scenario(**changes: object) -> Scenario:
    base = {"arrivals": {"general-petition": 6, "disability-card": {"default": 2, "09": 6}}}
    return Scenario.model_validate({**base, **changes})


def test_the_same_seed_draws_the_same_citizens() -> None:
    one = draw_arrivals(scenario(), SITE.catalog, random.Random(7))
    two = draw_arrivals(scenario(), SITE.catalog, random.Random(7))
    assert one == two and len(one) > 20


def test_arrivals_follow_the_hourly_rates() -> None:
    plan = scenario(arrivals={"disability-card": {"default": 0, "09": 30}})
    arrivals = [
        a for seed in range(20) for a in draw_arrivals(plan, SITE.catalog, random.Random(seed))
    ]
    minutes_after_opening = {int(a.minute) for a in arrivals}
    assert all(30 <= m < 90 for m in minutes_after_opening)  # only 09:00-10:00
    assert 20 * 30 * 0.8 < len(arrivals) < 20 * 30 * 1.2


def test_every_citizen_is_called_once_by_a_counter_that_serves_them() -> None:
    arrivals = draw_arrivals(scenario(), SITE.catalog, random.Random(3))
    day = simulate_day(SITE.catalog, SITE.counter_setups(), scenario(), arrivals, PolicyName.RATIO)
    assert len(day.tickets) == len(arrivals)
    assert all(t.called is not None and t.wait >= 0 for t in day.tickets)
    assert all(t.estimate[0] <= t.estimate[1] for t in day.tickets)


def test_priority_waits_less_under_strict_than_under_ageing() -> None:
    results = simulate(
        SITE.catalog, SITE.counter_setups(), scenario(priority_share=0.3), 30, 1,
        [PolicyName.STRICT, PolicyName.AGEING],
    )  # fmt: skip
    strict, ageing = results
    assert strict.priority.p90 <= ageing.priority.p90
    assert 0 <= strict.inside_range <= 1 and strict.estimate_mae >= 0


def test_fewer_counters_mean_longer_waits() -> None:
    everyone = simulate(SITE.catalog, SITE.counter_setups(), scenario(), 20, 2, [PolicyName.RATIO])
    fewer = simulate(
        SITE.catalog, SITE.counter_setups(), scenario(counters=["3"]), 20, 2, [PolicyName.RATIO]
    )
    assert fewer[0].normal.p90 > everyone[0].normal.p90


def test_staff_stop_after_overtime_and_the_rest_count_as_unserved() -> None:
    plan = scenario(arrivals={"general-petition": 40}, counters=["3"], overtime_minutes=0)
    (result,) = simulate(SITE.catalog, SITE.counter_setups(), plan, 2, 1, [PolicyName.RATIO])
    assert result.unserved > 0


def test_a_scenario_naming_an_unknown_service_is_refused() -> None:
    with pytest.raises(ValueError, match="not in the catalog"):
        scenario(arrivals={"no-such-service": 1}).check(SITE.catalog, {"1", "2", "3"})


def test_arrivals_can_come_from_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "arrivals.csv"
    path.write_text("service,hour,per_hour\ngeneral-petition,9,6\ngeneral-petition,10,2\n")
    plan = load_scenario(path)
    assert plan.rate("general-petition", 9) == 6 and plan.rate("general-petition", 11) == 0


def test_the_printed_range_holds_for_most_waits_and_its_width_is_told() -> None:
    """Issue 22: 69 % of waits fell inside the printed range; the replayed queue puts
    over 80 % inside (docs/simulation.md), and a wider range is no credit by itself."""
    result = simulate(SITE.catalog, SITE.counter_setups(), scenario(), 10, 1, [PolicyName.RATIO])
    assert result[0].inside_range >= 0.8
    assert 0 < result[0].range_width < 30
