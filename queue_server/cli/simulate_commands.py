"""``oss-queue simulate``: many days at the centre on the real queue rules, policies compared."""

from __future__ import annotations

from pathlib import Path

import click

from queue_server.domain.priority import PolicyName

from .main import config_option, load_or_exit, main

DEFAULT_SCENARIO = Path(__file__).resolve().parents[2] / "assets" / "simulation.yaml"


@main.command()
@config_option
@click.option(
    "--scenario",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Arrivals and assumptions: YAML, or CSV with service,hour,per_hour. "
    "Default: a busy weekday (assets/simulation.yaml).",
)
@click.option("--days", default=200, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--policy",
    "policies",
    multiple=True,
    type=click.Choice([p.value for p in PolicyName]),
    help="Policies to compare (default: all three).",
)
@click.option("--counters", help="Only these counters open, e.g. 1,2 (a staffing what-if).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("simulation"))
def simulate(
    config_path: Path,
    scenario: Path | None,
    days: int,
    seed: int,
    policies: tuple[str, ...],
    counters: str | None,
    out: Path,
) -> None:
    """Simulate DAYS service days and compare the priority policies on the same arrivals.

    Prints waits per service and for priority tickets, counter utilisation, and
    how often the wait the kiosk prints held true; writes the queue length
    through the day as a chart into --out.
    """
    import time

    from queue_server.simulation.report import queue_chart
    from queue_server.simulation.report import simulate as run
    from queue_server.simulation.scenario import load_scenario

    site = load_or_exit(config_path)
    try:
        plan = load_scenario(scenario or DEFAULT_SCENARIO)
        if counters:
            plan = plan.model_copy(update={"counters": [c.strip() for c in counters.split(",")]})
        plan.check(site.catalog, {c.id for c in site.config.counters})
    except (ValueError, KeyError) as exc:
        raise click.ClickException(f"scenario: {exc}") from None
    chosen = [PolicyName(p) for p in policies] or list(PolicyName)
    started = time.perf_counter()
    results = run(
        site.catalog,
        site.counter_setups(),
        plan,
        days,
        seed,
        chosen,
        ratio=site.config.priority.ratio,
        max_recalls=site.config.queue.max_recalls,
    )
    seconds = time.perf_counter() - started
    open_counters = ", ".join(plan.counters) or "all"
    click.echo(
        f"{days} days × {len(chosen)} policies in {seconds:.1f} s "
        f"({days * len(chosen) / seconds:.0f} days/s); counters open: {open_counters}\n"
    )
    click.echo("Waits in minutes (p50 / p90 / max), utilisation, and the printed wait range:")
    header = (
        f"{'policy':<8}{'normal':>20}{'priority':>20}{'MAE':>7}{'in range':>10}{'width':>7}"
        f"{'unserved':>10}  utilisation"
    )
    click.echo(header)
    for r in results:
        use = " ".join(f"{c}:{u:.0%}" for c, u in r.utilisation.items())
        click.echo(
            f"{r.policy.value:<8}{_waits(r.normal):>20}{_waits(r.priority):>20}"
            f"{r.estimate_mae:>6.1f}m{r.inside_range:>10.0%}{r.range_width:>6.1f}m{r.unserved:>10}"
            f"  {use}"
        )
    first = results[0]
    click.echo(f"\nPer service ({first.policy.value}), tickets over all days:")
    for code, w in first.per_service.items():
        click.echo(f"  {code:<34}{w.count:>7}  {_waits(w)}")
    chart = queue_chart(results, plan.opening, out / "queue-length.png")
    click.echo(f"\nqueue length through the day: {chart}")


def _waits(w: object) -> str:
    return f"{w.p50:.0f} / {w.p90:.0f} / {w.max:.0f}"  # type: ignore[attr-defined]
