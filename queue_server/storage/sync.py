"""Sending a centre's daily aggregates to the province's central database.

The province needs the quarterly satisfaction figures and each day's
operations, not tickets: what goes is exactly what a purge keeps, the
rating answer counts and the daily summary, keyed by (site, day). Each day
is replaced whole in one transaction, so running it again changes nothing
and a centre that was offline for a week catches up on its next run. A day
the centre holds nothing for is never touched at the province: a centre
restored from an old backup cannot wipe what it sent before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update

from .engine import reading
from .migrate import check_not_newer, head_revision, upgrade
from .purge import folded_ratings
from .report_queries import events_of_day, stored_daily_summary
from .store import insert_if_new
from .tables import daily_summaries, events, rating_counts, ratings, sites

Summarise = Callable[[date, list[dict[str, Any]]], dict[str, Any]]
COUNT_KEY = ("service", "kind", "counter", "section", "score")


@dataclass(frozen=True)
class DayAggregates:
    day: date
    counts: list[dict[str, Any]]  # rating_counts rows
    summary: dict[str, Any] | None


@dataclass(frozen=True)
class SyncResult:
    days: list[date]
    answer_rows: int
    summaries: int


def prepare_central(url: str) -> None:
    """Give an empty central database the schema, or bring an older one up to it.

    The province backs its own database up; a centre never copies it. A
    central database newer than this centre's code is refused (MigrationError).
    """
    if check_not_newer(url) != head_revision():
        upgrade(url)


def latest_days(central: Engine, site: str | None = None) -> dict[str, date]:
    """The latest day the province holds, per site (or for ``site`` only)."""
    latest: dict[str, date] = {}
    with reading(central) as conn:
        for table in (daily_summaries, rating_counts):
            query = select(table.c.site_id, func.max(table.c.service_day))
            if site is not None:
                query = query.where(table.c.site_id == site)
            for site_id, day in conn.execute(query.group_by(table.c.site_id)):
                latest[site_id] = max(day, latest.get(site_id, day))
    return latest


def last_sent(central: Engine, site: str) -> date | None:
    """The latest day the province holds for ``site``: the next run starts there."""
    return latest_days(central, site).get(site)


def days_held(local: Engine, site: str, since: date | None = None) -> list[date]:
    """Every day this centre has something for, from ``since`` on."""
    days: set[date] = set()
    with reading(local) as conn:
        for table in (events, ratings, rating_counts, daily_summaries):
            query = select(table.c.service_day).where(table.c.site_id == site).distinct()
            if since is not None:
                query = query.where(table.c.service_day >= since)
            days.update(conn.scalars(query))
    return sorted(days)


def aggregates_of(local: Engine, site: str, day: date, summarise: Summarise) -> DayAggregates:
    """The day as the province gets it: from the kept rows, or folded from a day not yet purged."""
    with reading(local) as conn:
        stored_counts = conn.execute(
            select(rating_counts).where(
                rating_counts.c.site_id == site, rating_counts.c.service_day == day
            )
        )
        answers: Counter[tuple[Any, ...]] = Counter()
        for row in [*(r._mapping for r in stored_counts), *folded_ratings(conn, site, day)]:
            answers[tuple(row[k] for k in COUNT_KEY)] += row["answers"]
    summary = stored_daily_summary(local, site, day)
    if summary is None:
        day_events = events_of_day(local, site, day)
        summary = summarise(day, day_events) if day_events else None
    where = {"site_id": site, "service_day": day}
    counts = [
        {**where, **dict(zip(COUNT_KEY, key, strict=True)), "answers": n}
        for key, n in sorted(answers.items())
    ]
    return DayAggregates(day, counts, summary)


def send_day(central: Engine, site: str, day: DayAggregates) -> None:
    """Replace the province's rows of ``day`` for ``site`` with the centre's, all or nothing."""
    with central.begin() as conn:
        for table in (rating_counts, daily_summaries):
            conn.execute(
                delete(table).where(table.c.site_id == site, table.c.service_day == day.day)
            )
        if day.counts:
            conn.execute(insert(rating_counts), day.counts)
        if day.summary is not None:
            conn.execute(
                insert(daily_summaries).values(
                    site_id=site, service_day=day.day, summary=day.summary
                )
            )


def register(central: Engine, site: str, th: str, en: str, now: datetime) -> None:
    """The centre's row at the province, with the name its report shows (kept up to date)."""
    with central.begin() as conn:
        conn.execute(insert_if_new(conn, sites).values(id=site, created_at=now))
        conn.execute(update(sites).where(sites.c.id == site).values(centre_th=th, centre_en=en))


def sync(
    local: Engine,
    central: Engine,
    site: str,
    summarise: Summarise,
    since: date | None = None,
) -> SyncResult:
    """Send every day from ``since`` (default: the last day the province has) to the province."""
    start = since if since is not None else last_sent(central, site)
    sent: list[DayAggregates] = []
    for day in days_held(local, site, start):
        sent.append(aggregates_of(local, site, day, summarise))
        send_day(central, site, sent[-1])
    return SyncResult(
        days=[d.day for d in sent],
        answer_rows=sum(len(d.counts) for d in sent),
        summaries=sum(d.summary is not None for d in sent),
    )
