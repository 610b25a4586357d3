"""The daily operations report, computed from the day's event log.

Tickets per service and kind; wait (issue → first call) and service time
(start of service → completion) as p50/p90/max; no-shows, transfers, the
share of priority tickets; and the same per counter and per staff code.
Percentiles use the nearest-rank method.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from queue_server.config import Site
from queue_server.domain.service_day import local_time
from queue_server.storage import make_engine
from queue_server.storage.report_queries import events_of_day, stored_daily_summary

from .tables import Cell, Table


def percentile(values: Sequence[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Times:
    """Minutes: p50, p90, max."""

    values: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float | None]:
        return {
            "p50": _r(percentile(self.values, 50)),
            "p90": _r(percentile(self.values, 90)),
            "max": _r(max(self.values) if self.values else None),
        }


def _r(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def within_standard(minutes: Sequence[float], standard: int | None) -> dict[str, Any] | None:
    """How many were served within the service's standard time (its citizens' manual)."""
    if not standard or not minutes:
        return None
    within = sum(1 for m in minutes if m <= standard)
    return {"standard": standard, "served": len(minutes), "within": within,
            "share": round(100 * within / len(minutes), 1)}  # fmt: skip


def summarise_day(
    day: date, events: Iterable[dict[str, Any]], standards: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """The whole report as JSON-ready data (also what a purge keeps of the day).

    ``standards``: each service's standard minutes at the counter, for the share
    served within it."""
    issued: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    priority = 0
    waits: dict[str, Times] = defaultdict(Times)
    service_times: dict[str, Times] = defaultdict(Times)
    first_called: set[str] = set()
    no_shows: Counter[str] = Counter()
    transfers: Counter[str] = Counter()
    desk: dict[str, dict[str, Counter[str] | Times]] = defaultdict(
        lambda: {"counts": Counter(), "service": Times()}
    )
    staff: dict[str, dict[str, Counter[str] | Times]] = defaultdict(
        lambda: {"counts": Counter(), "service": Times()}
    )
    hours: Counter[int] = Counter()
    for e in events:
        kind, service, data = e["type"], e["service"] or "-", e["data"] or {}
        who = [desk[e["counter"]]] if e["counter"] else []
        if e["staff"]:
            who.append(staff[e["staff"]])
        if kind == "ticket.issued":
            issued[service] += 1
            kinds[data.get("kind", "-")] += 1
            priority += bool(data.get("priority"))
            hours[local_time(e["at"]).hour] += 1
        elif kind == "ticket.called":
            for w in who:
                w["counts"]["called"] += 1  # type: ignore[index]
            if e["ticket_id"] not in first_called:
                first_called.add(e["ticket_id"])
                waits[service].values.append(float(data.get("waited_s", 0)) / 60)
        elif kind == "ticket.completed":
            minutes = float(data.get("service_s", 0)) / 60
            service_times[service].values.append(minutes)
            for w in who:
                w["counts"]["completed"] += 1  # type: ignore[index]
                w["service"].values.append(minutes)  # type: ignore[union-attr]
        elif kind == "ticket.no_show":
            no_shows[service] += 1
            for w in who:
                w["counts"]["no_show"] += 1  # type: ignore[index]
        elif kind == "ticket.transferred":
            transfers[data.get("origin", service)] += 1
            for w in who:
                w["counts"]["transferred"] += 1  # type: ignore[index]

    total = sum(issued.values())
    services = sorted(set(issued) | set(waits) | set(service_times) | set(no_shows))

    def people(groups: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        fields = ("called", "completed", "no_show", "transferred")
        return [
            {
                "id": key,
                **{k: g["counts"][k] for k in fields},
                "service_minutes": g["service"].summary(),
            }
            for key, g in sorted(groups.items())
        ]

    return {
        "day": day.isoformat(),
        "tickets": total,
        "priority_share": round(100 * priority / total, 1) if total else None,
        "no_shows": sum(no_shows.values()),
        "transfers": sum(transfers.values()),
        "wait_minutes": Times([v for t in waits.values() for v in t.values]).summary(),
        "service_minutes": Times([v for t in service_times.values() for v in t.values]).summary(),
        "by_kind": dict(sorted(kinds.items())),
        "by_hour": {str(h): n for h, n in sorted(hours.items())},
        "services": [
            {
                "service": s,
                "tickets": issued[s],
                "wait_minutes": waits[s].summary(),
                "service_minutes": service_times[s].summary(),
                "no_shows": no_shows[s],
                "transfers_out": transfers[s],
                "completed": len(service_times[s].values),
                "within_standard": within_standard(
                    service_times[s].values, (standards or {}).get(s)
                ),
            }
            for s in services
        ],
        "counters": people(desk),
        "staff": people(staff),
    }


def standards_of(site: Site) -> dict[str, int]:
    """Each service's standard minutes at the counter, from the catalog's manual."""
    return {
        s.code: s.manual.standard_minutes for s in site.catalog.known if s.manual.standard_minutes
    }


def summariser(site: Site) -> Callable[[date, list[dict[str, Any]]], dict[str, Any]]:
    """``summarise_day`` with the site's standard times: what a purge keeps and a sync
    sends is the report as the centre reads it."""
    return partial(summarise_day, standards=standards_of(site))


def daily_report(site: Site, day: date, database_url: str | None = None) -> dict[str, Any]:
    engine = make_engine(database_url or site.database_url)
    try:
        events = events_of_day(engine, site.id, day)
        if events:
            return summarise_day(day, events, standards_of(site))
        return stored_daily_summary(engine, site.id, day) or summarise_day(day, [])
    finally:
        engine.dispose()


def _times(t: dict[str, float | None]) -> list[float | None]:
    return [t["p50"], t["p90"], t["max"]]


def daily_tables(summary: dict[str, Any], names: dict[str, str]) -> list[Table]:
    overview = Table(
        "ภาพรวมของวัน / The day",
        ["บัตรคิว", "คิวพิเศษ (%)", "ไม่มารับบริการ", "โอนงาน",
         "รอ p50", "รอ p90", "รอนานสุด", "บริการ p50", "บริการ p90", "บริการนานสุด"],
        [[summary["tickets"], summary["priority_share"], summary["no_shows"], summary["transfers"],
          *_times(summary["wait_minutes"]), *_times(summary["service_minutes"])]],
    )  # fmt: skip

    def standard(s: dict[str, Any]) -> list[Cell]:
        kept = s.get("within_standard")  # not in a day summarised before the manual existed
        return [kept["standard"], kept["share"]] if kept else [None, None]

    service_rows = [
        [
            names.get(s["service"], s["service"]),
            s["tickets"],
            *_times(s["wait_minutes"]),
            *_times(s["service_minutes"]),
            s["no_shows"],
            s["transfers_out"],
            *standard(s),
        ]
        for s in summary["services"]
    ]
    services = Table(
        "ตามงานบริการ (นาที) / By service (minutes)",
        ["งานบริการ", "บัตรคิว", "รอ p50", "รอ p90", "รอนานสุด", "บริการ p50", "บริการ p90",
         "บริการนานสุด", "ไม่มา", "โอนออก", "มาตรฐาน (นาที)", "ทันมาตรฐาน (%)"],
        service_rows,
    )  # fmt: skip

    def people(title: str, rows: Sequence[dict[str, Any]]) -> Table:
        return Table(
            title,
            ["รหัส", "เรียก", "เสร็จ", "ไม่มา", "โอน", "บริการ p50", "บริการ p90", "บริการนานสุด"],
            [[r["id"], r["called"], r["completed"], r["no_show"], r["transferred"],
              *_times(r["service_minutes"])] for r in rows],
        )  # fmt: skip

    from .satisfaction import KIND_LABELS

    kinds = Table(
        "ตามประเภทงานบริการ / By kind",
        ["ประเภท", "บัตรคิว"],
        [[" / ".join(KIND_LABELS.get(k, (k, k))), n] for k, n in summary["by_kind"].items()],
    )
    return [
        overview,
        services,
        kinds,
        people("ตามช่องบริการ / By counter", summary["counters"]),
        people("ตามเจ้าหน้าที่ (รหัส) / By staff code", summary["staff"]),
    ]


def daily_header(site: Site, day: date, summary: dict[str, Any]) -> list[str]:
    from .fiscal import thai_long_date

    return [
        f"รายงานการให้บริการประจำวันที่ {thai_long_date(day)}",
        f"{site.config.site.name.th} ({site.config.site.name.en})",
        f"Daily operations report, {day.isoformat()}: minutes, percentiles by nearest rank",
    ]


def hourly_chart(summary: dict[str, Any]) -> Any:
    def draw(ax: Any) -> None:
        hours = [int(h) for h in summary["by_hour"]]
        counts = list(summary["by_hour"].values())
        ax.bar(hours, counts, color="#2c7fb8")
        ax.set_xticks(range(min(hours or [8]), max(hours or [16]) + 1))
        ax.set_xlabel("ชั่วโมง (เวลาประเทศไทย)")
        ax.set_ylabel("บัตรคิวที่ออก")
        ax.set_title(f"บัตรคิวตามชั่วโมง — {summary['day']}", fontsize=11)

    return draw
