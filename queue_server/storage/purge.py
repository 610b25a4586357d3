"""Retention: remove tickets, events and ratings of old days, keeping what reports need.

Before a day's rows go, its daily operations report is stored as it was
computed from its events, and its ratings are folded into answer counts per
service, counter, section and score (from which the quarterly figures are
exact). Queue state, numbering of current days and staff PINs are untouched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update

from queue_server.domain.service_day import BANGKOK

from .engine import reading
from .tables import (
    complaints,
    daily_summaries,
    events,
    number_sequences,
    rating_counts,
    ratings,
    requests,
    ticket_outcomes,
    tickets,
)

RESPONDENTS = "__respondents__"
PROFILE_MARK = "__profile__:"  # a rating_counts row of how many gave this band


def start_of(day: date) -> datetime:
    """Midnight in Bangkok: where a service day begins."""
    return datetime.combine(
        day, time(0), BANGKOK
    )  # the rating_counts row that keeps how many people answered


@dataclass(frozen=True)
class PurgePlan:
    before: date
    days: list[date]
    tickets: int
    events: int
    ratings: int
    requests: int


def _days_before(conn: Any, table: Any, site: str, before: date) -> set[date]:
    query = select(table.c.service_day).where(table.c.site_id == site, table.c.service_day < before)
    return set(conn.scalars(query.distinct()))


def plan(engine: Engine, site: str, before: date) -> PurgePlan:
    with reading(engine) as conn:

        def count(table: Any, column: Any, limit: Any = before) -> int:
            query = select(func.count()).select_from(table)
            where = query.where(table.c.site_id == site, column < limit)
            return int(conn.execute(where).scalar_one())

        days = _days_before(conn, events, site, before) | _days_before(conn, ratings, site, before)
        return PurgePlan(
            before=before,
            days=sorted(days),
            tickets=count(tickets, tickets.c.service_day),
            events=count(events, events.c.service_day),
            ratings=count(ratings, ratings.c.service_day),
            requests=count(requests, requests.c.at, start_of(before)),
        )


def purge(
    engine: Engine,
    site: str,
    before: date,
    summarise_day: Callable[[date, list[dict[str, Any]]], dict[str, Any]],
) -> PurgePlan:
    """Remove everything of the days before ``before``, one day per transaction."""
    result = plan(engine, site, before)
    for day in result.days:
        with engine.begin() as conn:
            of_day = (events.c.site_id == site, events.c.service_day == day)
            rows = conn.execute(select(events).where(*of_day).order_by(events.c.id))
            day_events = [dict(row._mapping) for row in rows]
            stored = conn.execute(
                select(daily_summaries.c.service_day).where(
                    daily_summaries.c.site_id == site, daily_summaries.c.service_day == day
                )
            ).first()
            if day_events and stored is None:
                summary = summarise_day(day, day_events)
                conn.execute(
                    insert(daily_summaries).values(site_id=site, service_day=day, summary=summary)
                )
            _fold_ratings(conn, site, day)
            for table in (events, tickets, number_sequences, ratings, ticket_outcomes):
                conn.execute(
                    delete(table).where(table.c.site_id == site, table.c.service_day == day)
                )
    with engine.begin() as conn:
        old = (requests.c.site_id == site, requests.c.at < start_of(before))
        conn.execute(delete(requests).where(*old))
    return result


def clear_comments(engine: Engine, site: str, before: date, *, dry_run: bool = False) -> int:
    """Forget what citizens wrote on the days before ``before``; their scores stay.

    A comment is free text (scrubbed, but a person may still be recognised in
    it), so it is kept for a shorter time than the anonymous scores.
    """
    old = (ratings.c.site_id == site, ratings.c.service_day < before, ratings.c.comment.isnot(None))
    if dry_run:
        with reading(engine) as conn:
            return int(
                conn.execute(select(func.count()).select_from(ratings).where(*old)).scalar_one()
            )
    with engine.begin() as conn:
        return conn.execute(update(ratings).where(*old).values(comment=None)).rowcount


def clear_closed_complaints(
    engine: Engine, site: str, before: date, *, dry_run: bool = False
) -> int:
    """Forget what was said in complaints closed before ``before``; their kind, category
    and dates stay for the reports. An open complaint is kept whole, however old."""
    old = (
        complaints.c.site_id == site,
        complaints.c.status == "closed",
        complaints.c.closed_at < start_of(before),
        complaints.c.text != "",
    )
    if dry_run:
        with reading(engine) as conn:
            query = select(func.count()).select_from(complaints).where(*old)
            return int(conn.execute(query).scalar_one())
    with engine.begin() as conn:
        cleared = update(complaints).where(*old).values(text="", answer=None, contact=None)
        # the replies of complaint requests repeat the words: they go at the same time
        said = (requests.c.site_id == site, requests.c.at < start_of(before),
                requests.c.op.in_(["complaint.submit", "complaint.update"]))  # fmt: skip
        conn.execute(delete(requests).where(*said))
        return conn.execute(cleared).rowcount


def _fold_ratings(conn: Any, site: str, day: date) -> None:
    rows = folded_ratings(conn, site, day)
    if rows:
        conn.execute(insert(rating_counts), rows)


def folded_ratings(conn: Any, site: str, day: date) -> list[dict[str, Any]]:
    """The day's ratings as ``rating_counts`` rows: answers per service, counter, section, score."""
    counts: Counter[tuple[str, str, str, str, int]] = Counter()
    people: Counter[tuple[str, str, str]] = Counter()
    for row in conn.execute(
        select(ratings).where(ratings.c.site_id == site, ratings.c.service_day == day)
    ):
        counter = row.counter or "-"
        people[(row.service, row.kind, counter)] += 1
        for section, score in row.scores.items():
            counts[(row.service, row.kind, counter, section, int(score))] += 1
        for field, band in (row.profile or {}).items():  # kept as counts, never per person
            counts[(row.service, row.kind, counter, f"{PROFILE_MARK}{field}:{band}", 0)] += 1
    for (service, kind, counter), n in people.items():
        counts[(service, kind, counter, RESPONDENTS, 0)] += n
    return [
        {
            "site_id": site,
            "service_day": day,
            "service": service,
            "kind": kind,
            "counter": counter,
            "section": section,
            "score": score,
            "answers": answers,
        }
        for (service, kind, counter, section, score), answers in counts.items()
    ]
