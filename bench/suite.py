"""``make bench``: every benchmark, one table, ``bench/results.json`` and docs/performance.md.

Each benchmark prints its own details as it runs; this gathers the headline
figures with their targets, and writes them where the next person finds them:
the JSON for tools, and the table at the top of docs/performance.md (between
its ``bench:start`` and ``bench:end`` markers; the prose below is kept).
"""

from __future__ import annotations

import json
import os
import platform
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
PERFORMANCE = ROOT / "docs" / "performance.md"


@dataclass(frozen=True)
class Figure:
    bench: str
    figure: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None  # None: no target


def capped(bench: str, figure: str, value: float, unit: str, limit: float) -> Figure:
    """A figure whose target is an upper limit: met when the value is at most ``limit``."""
    return Figure(bench, figure, value, unit, f"≤ {limit:g}", value <= limit)


def core_figures(rows: list[dict[str, Any]]) -> list[Figure]:
    from bench.core import TARGET_OPS_PER_MIN

    figures = []
    for row in rows:
        targeted = row["database"] == "sqlite" and row["workers"] == 1  # the figure
        value = float(row["ops_per_min"])
        figures.append(
            Figure(
                "core",
                f"{row['database']}, {row['workers']} worker(s)",
                value,
                "ops/min",
                f"≥ {TARGET_OPS_PER_MIN:,}" if targeted else "",
                value >= TARGET_OPS_PER_MIN if targeted else None,
            )
        )
    return figures


def estimates_figures(result: dict[str, dict[str, float]]) -> list[Figure]:
    from bench.estimates import TARGET_INSIDE, TARGET_WIDER

    now, before = result["now"], result["before"]
    inside, wider = now["inside"] * 100, (now["width"] / before["width"] - 1) * 100
    return [
        Figure("estimates", "wait inside the printed range (simulated, ratio)", inside, "%",
               f"≥ {TARGET_INSIDE * 100:g}", inside >= TARGET_INSIDE * 100),
        Figure("estimates", "the range, wider than the work-based one", wider, "%",
               f"≤ {TARGET_WIDER * 100:g}", wider <= TARGET_WIDER * 100),
        Figure("estimates", "the work-based range: inside, for scale", before["inside"] * 100, "%"),
    ]  # fmt: skip


def bus_figures(results: dict[str, dict[str, float]]) -> list[Figure]:
    from bench.bus import TARGET_P99_MS, TARGET_REQUEST_P99_MS

    figures = []
    for broker, r in results.items():
        push = ("bus", f"call → 20 displays p99, {broker}", r["push_p99"], "ms")
        ask = ("bus", f"request → reply p99, {broker}", r["request_p99"], "ms")
        if broker == "mosquitto":  # the targets are the production broker's, idle
            figures += [capped(*push, TARGET_P99_MS), capped(*ask, TARGET_REQUEST_P99_MS)]
        else:
            figures += [Figure(*push), Figure(*ask)]
        figures.append(Figure("bus", f"lost calls, {broker}", r["lost"], "", "0", r["lost"] == 0))
    return figures


def printer_figures(rows: list[dict[str, Any]]) -> list[Figure]:
    from bench.printer import TARGET_MS, TARGETS_KB

    figures = []
    for row in rows:
        name = " ".join(
            part for part in ("Thai" if row["lang"] == "th" else "Thai + English",
                              f"{row['width']} px", row["kind"]) if part
        )  # fmt: skip
        limit = TARGETS_KB.get(f"{row['width']} {row['kind']}".strip())
        if row["width"] == 576:
            figures.append(
                capped("printer", f"{name}, render + encode", row["ms_median"], "ms", TARGET_MS)
            )
        if row["width"] == 576 or limit:
            figures.append(
                capped("printer", f"{name}, bytes", row["kb"], "KB", limit)
                if limit and row["lang"] == "th"
                else Figure("printer", f"{name}, bytes", row["kb"], "KB")
            )
        if row["width"] == 576 and not row["kind"] and row["lang"] == "th":
            figures.append(
                Figure("printer", f"{name}, serial line at 19 200 baud", row["s_19200"], "s")
            )
    return figures


def screens_figures(result: dict[str, dict[str, Any]]) -> list[Figure]:
    from bench.screens import TARGET_P99_MS

    board, burst = result["board"], result["announcer"]
    return [
        Figure("screens", "counter → board frame drawn p50", board["p50"], "ms"),
        capped("screens", "counter → board frame drawn p99", board["p99"], "ms", TARGET_P99_MS),
        Figure("screens", "announcer: calls kept, in order, of a 10/s burst", burst["kept"],
               f"of {burst['calls']}", f"{burst['calls']}",
               burst["kept"] == burst["calls"] and burst["in_order"]),
    ]  # fmt: skip


def kiosk_figures(result: dict[str, float]) -> list[Figure]:
    from bench.kiosk import TARGETS

    return [
        capped("kiosk", "start to first frame", result["start_s"], "s", TARGETS["start_s"]),
        capped("kiosk", "tap → ticket bytes p99", result["tap_p99_ms"], "ms",
               TARGETS["tap_p99_ms"]),
        Figure("kiosk", "tap → ticket bytes p50", result["tap_p50_ms"], "ms"),
        capped("kiosk", "peak resident memory", result["rss_mb"], "MB", TARGETS["rss_mb"]),
        Figure("kiosk", "a blank Kivy window's peak memory, for scale", result["blank_window_mb"],
               "MB"),
    ]  # fmt: skip


def reload_figures(result: dict[str, float]) -> list[Figure]:
    from bench.reload import TARGET_P99_MS

    limit = result["limit_kb"]
    return [
        capped("reload", "catalog edit: reload → kiosk has it, p99", result["p99"], "ms",
               TARGET_P99_MS),
        capped("reload", "published catalog, 25 services", result["kb_25"], "KB", limit),
        capped("reload", "published catalog, 400 services", result["kb_400"], "KB", limit),
    ]  # fmt: skip


def province_figures(result: dict[str, float]) -> list[Figure]:
    from bench.province import TARGET_REPORT_S, TARGET_SYNC_S

    figures = []
    for engine in ("sqlite", "postgres"):
        if f"{engine}_sync_s" not in result:
            continue
        figures += [
            capped("province", f"sync a centre's month to central {engine}",
                   result[f"{engine}_sync_s"], "s", TARGET_SYNC_S),
            capped("province", f"province report, 100 centres' quarter, {engine}",
                   result[f"{engine}_report_s"], "s", TARGET_REPORT_S),
        ]  # fmt: skip
    return figures


def signin_figures(result: dict[str, Any]) -> list[Figure]:
    from bench.signin import TARGET_ADDED_MS

    return [
        capped("signin", "kiosk ticket during 200 bogus sign-ins, worst added", result["added_max"],
               "ms", TARGET_ADDED_MS),
    ]  # fmt: skip


def server_figures(result: dict[str, Any]) -> list[Figure]:
    from bench.server import TARGET_MS, TARGET_PEAK_MB

    return [
        *(Figure("server", f"CPU per ticket, {span} waiting", ms, "ms", f"≤ {TARGET_MS:g}",
                 ms <= TARGET_MS)
          for span, ms in result["curve"].items()),
        capped("server", "peak memory, sign-ins and tickets", result["peak_mb"], "MB",
               TARGET_PEAK_MB),
    ]  # fmt: skip


def console_figures(result: dict[str, Any]) -> list[Figure]:
    from bench.console import TARGET_LIVE_P99_MS, TARGET_PAGE_P99_MS

    live = result["live"]
    return [
        capped("console", "slowest page p99 (400 services, a month of data)",
               result["worst_p99"], "ms", TARGET_PAGE_P99_MS),
        Figure("console", "call → live floor in Chromium p50", live["p50"], "ms"),
        capped("console", "call → live floor in Chromium p99", live["p99"], "ms",
               TARGET_LIVE_P99_MS),
    ]  # fmt: skip


def phones_figures(result: dict[str, Any]) -> list[Figure]:
    from bench.phones import TARGET_BYTES, TARGET_P99_MS, TARGET_PAINT_MS

    n = result["phones"]
    return [
        Figure("phones", f"call → {n} open pages updated p50", result["p50"], "ms"),
        capped("phones", f"call → {n} open pages updated p99", result["p99"], "ms",
               TARGET_P99_MS),
        Figure("phones", f"web server memory with {n} pages open", result["peak_mb"], "MB"),
        capped("phones", "ticket page first paint, slow phone", result["paint_ms"], "ms",
               TARGET_PAINT_MS),
        capped("phones", "ticket page weight", result["bytes"] / 1000, "KB", TARGET_BYTES / 1000),
    ]  # fmt: skip


def machine() -> dict[str, Any]:
    return {
        "host": platform.node(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "processor": platform.machine(),
    }


def table(figures: list[Figure]) -> str:
    lines = ["| bench | figure | measured | target | met |", "|---|---|---|---|---|"]
    for f in figures:
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        value = (
            f"{f.value:,.0f}" if abs(f.value) >= 100 else f"{f.value:.2f}".rstrip("0").rstrip(".")
        )
        lines.append(f"| {f.bench} | {f.figure} | {value} {f.unit} | {f.target} | {met} |")
    return "\n".join(lines)


def write(figures: list[Figure], info: dict[str, Any], when: datetime) -> None:
    RESULTS.write_text(
        json.dumps(
            {"date": when.isoformat(), "machine": info, "figures": [asdict(f) for f in figures]},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    block = (
        "<!-- bench:start (written by `make bench`; edit below the end marker) -->\n"
        f"Last `make bench`: {when:%Y-%m-%d}, {info['host']} ({info['cpus']} cores, "
        f"{info['system']}, Python {info['python']}). Figures also in bench/results.json.\n\n"
        f"{table(figures)}\n"
        "<!-- bench:end -->"
    )
    text = PERFORMANCE.read_text(encoding="utf-8")
    pattern = re.compile(r"<!-- bench:start.*?<!-- bench:end -->", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        title, _, rest = text.partition("\n")
        text = f"{title}\n\n{block}\n{rest}"
    PERFORMANCE.write_text(text, encoding="utf-8")


def main() -> list[Figure]:
    from bench import (
        bus,
        console,
        core,
        estimates,
        kiosk,
        phones,
        printer,
        province,
        reload,
        screens,
        server,
        signin,
    )

    figures: list[Figure] = []
    for name, run, convert in (
        ("core", core.main, core_figures),
        ("server", server.main, server_figures),
        ("bus", bus.main, bus_figures),
        ("signin", signin.main, signin_figures),
        ("printer", printer.main, printer_figures),
        ("estimates", estimates.main, estimates_figures),
        ("screens", screens.main, screens_figures),
        ("kiosk", kiosk.main, kiosk_figures),
        ("reload", reload.main, reload_figures),
        ("province", province.main, province_figures),
        ("console", console.main, console_figures),
        ("phones", phones.main, phones_figures),
    ):
        print(f"\n=== bench/{name} ===")
        figures.extend(convert(run([])))
    when = datetime.now(UTC)
    print("\n" + table(figures))
    write(figures, machine(), when)
    print(f"\nwrote {RESULTS.relative_to(ROOT)} and {PERFORMANCE.relative_to(ROOT)}")
    return figures
