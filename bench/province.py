"""bench/province: a centre's nightly sync, and the province's quarterly report of 100 centres.

Sync: a centre's real month (QueueService on SQLite: tickets issued, called,
completed and rated, day by day) sent to an empty central database, then the
next night's run (only the last day again). Report: the central database
filled with 100 centres' quarter (that month's answer counts copied under
100 site ids, three months' worth), then `report province` read from it.
Both on SQLite and on a real PostgreSQL server (the province's engine).

    python -m bench.province [--days 21] [--centres 100] [--no-postgres]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from bench.rig import new_site
from queue_server.bootstrap import service_for
from queue_server.config import Site
from queue_server.domain.queue_day import QueueDay
from queue_server.reports.daily import summarise_day
from queue_server.reports.fiscal import FiscalQuarter
from queue_server.reports.province import province_report
from queue_server.storage import make_engine
from queue_server.storage.engine import reading
from queue_server.storage.sync import prepare_central, register, sync
from queue_server.storage.tables import daily_summaries, rating_counts
from queue_server.testing import at

FIRST_DAY = date(2025, 10, 1)  # FY 2569 Q1
QUARTER = FiscalQuarter(2569, 1)
SERVICES = ("general-petition", "disability-card", "driving-licence-queue")
TARGET_SYNC_S = 60.0  # a nightly job: well inside the night, even after a month offline
TARGET_REPORT_S = 10.0  # the provincial office waits for it


def working_days(count: int) -> list[date]:
    days, day = [], FIRST_DAY
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def a_month(site: Site, days: list[date], per_day: int) -> None:
    """``per_day`` citizens a day at counter 2; every other one rates the service."""
    now = at(9, 0, day=days[0])
    service = service_for(site, clock=lambda: now)
    try:
        for day in days:
            now = at(9, 0, day=day)
            service.at_counter(QueueDay.open_counter, "2", "s07")
            for n in range(per_day):
                number = service.issue(SERVICES[n % len(SERVICES)]).result.number
                now += timedelta(minutes=2)
                service.at_counter(QueueDay.call_next, "2", "s07")
                now += timedelta(minutes=3)
                service.at_counter(QueueDay.complete, "2", "s07")
                if n % 2 == 0:
                    score = 3 + (n // 2) % 3
                    sections = ("process", "staff", "facilities", "outcome")
                    service.rate(number, dict.fromkeys(sections, score))
            service.at_counter(QueueDay.close_counter, "2", "s07")
    finally:
        service.close()


def timed_sync(site: Site, central_url: str) -> tuple[float, int]:
    local, central = make_engine(site.database_url), make_engine(central_url)
    try:
        start = time.perf_counter()
        name = site.config.site.name
        register(central, site.id, name.th, name.en, at(23))
        days = sync(local, central, site.id, summarise_day).days
        return time.perf_counter() - start, len(days)
    finally:
        local.dispose()
        central.dispose()


def fill_province(central_url: str, site: Site, centres: int, repeat: int) -> int:
    """Copy the centre's answer counts under ``centres`` site ids, ``repeat`` times in a row."""
    engine = make_engine(central_url)
    try:
        with reading(engine) as conn:
            counts = [dict(r._mapping) for r in conn.execute(select(rating_counts))]
            summaries = [dict(r._mapping) for r in conn.execute(select(daily_summaries))]
        days = [r["service_day"] for r in summaries]
        span = (max(days) - min(days)).days + 1
        rows = 0
        for n in range(1, centres):
            site_id = f"centre-{n:03}"
            register(engine, site_id, f"อบต.ทดสอบ {n:03}", f"Test SAO {n:03}", at(23))
            for month in range(repeat):
                shift = timedelta(days=span * month)
                with engine.begin() as conn:
                    moved = [
                        {**r, "site_id": site_id, "service_day": r["service_day"] + shift}
                        for r in counts
                    ]
                    conn.execute(insert(rating_counts), moved)
                    conn.execute(
                        insert(daily_summaries),
                        [
                            {**r, "site_id": site_id, "service_day": r["service_day"] + shift}
                            for r in summaries
                        ],
                    )
                    rows += len(moved)
        return rows
    finally:
        engine.dispose()


def run_on(label: str, central_url: str, site: Site, centres: int) -> dict[str, float]:
    prepare_central(central_url)
    first, days = timed_sync(site, central_url)
    again, again_days = timed_sync(site, central_url)
    rows = fill_province(central_url, site, centres, repeat=3)
    start = time.perf_counter()
    report = province_report(central_url, QUARTER, at(10))
    took = time.perf_counter() - start
    print(
        f"{label}: sync of {days} days {first:.2f} s (target ≤ {TARGET_SYNC_S:.0f}); "
        f"next night {again:.2f} s ({again_days} day); "
        f"province report of {len(report.centres)} centres, {report.respondents} respondents, "
        f"{rows:,} answer-count rows: {took:.2f} s (target ≤ {TARGET_REPORT_S:.0f})"
    )
    return {f"{label}_sync_s": first, f"{label}_again_s": again, f"{label}_report_s": took}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=21, help="Working days (about a month).")
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--centres", type=int, default=100)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        site = new_site(root / "centre")
        start = time.perf_counter()
        a_month(site, working_days(args.days), args.per_day)
        print(
            f"a centre's {args.days} working days, {args.per_day} citizens a day: "
            f"made in {time.perf_counter() - start:.1f} s"
        )
        result = run_on("sqlite", f"sqlite:///{root}/central.db", site, args.centres)
        if not args.no_postgres:
            from tests.support.postgres import start_postgres

            server = start_postgres()
            try:
                result |= run_on("postgres", server.create_database(), site, args.centres)
            finally:
                server.stop()
    return result


if __name__ == "__main__":
    main()
