"""What the reports read: ratings (or their counts, for purged days) and the day's events."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select

from queue_server.domain.cases import Case
from queue_server.domain.complaints import Complaint

from .cases import case_from_row
from .complaints import complaint_from_row
from .engine import reading
from .purge import PROFILE_MARK, RESPONDENTS
from .tables import (
    cases,
    complaints,
    daily_summaries,
    events,
    rating_counts,
    ratings,
    sites,
    ticket_outcomes,
)


@dataclass(frozen=True)
class Answers:
    """``answers`` answers of ``score`` to ``section``, from one group of ratings."""

    service: str
    kind: str
    counter: str
    section: str
    score: int
    answers: int


def rating_answers(engine: Engine, site: str, start: date, end: date) -> Iterator[Answers]:
    """Every answer from ``start`` to ``end`` (inclusive): kept ratings and purged counts."""
    with reading(engine) as conn:
        rows = conn.execute(
            select(ratings.c.service, ratings.c.kind, ratings.c.counter, ratings.c.scores).where(
                ratings.c.site_id == site,
                ratings.c.service_day >= start,
                ratings.c.service_day <= end,
            )
        )
        for row in rows:
            for section, score in row.scores.items():
                yield Answers(row.service, row.kind, row.counter or "-", section, int(score), 1)
        kept = conn.execute(
            select(rating_counts).where(
                rating_counts.c.site_id == site,
                rating_counts.c.service_day >= start,
                rating_counts.c.service_day <= end,
            )
        )
        for row in kept:
            if not row.section.startswith("__"):  # respondents and profile counts
                yield Answers(
                    row.service, row.kind, row.counter, row.section, row.score, row.answers
                )


def rating_count(engine: Engine, site: str, start: date, end: date) -> int:
    """How many people answered: rating rows, plus the counts kept for purged days."""
    return sum(respondents_by_kind(engine, site, start, end).values())


def respondents_by_kind(engine: Engine, site: str, start: date, end: date) -> dict[str, int]:
    """How many people answered, per kind of service (kept rows and purged days' counts)."""
    found: Counter[str] = Counter()
    with reading(engine) as conn:
        kept = conn.execute(
            select(ratings.c.kind, func.count())
            .where(
                ratings.c.site_id == site,
                ratings.c.service_day >= start,
                ratings.c.service_day <= end,
            )
            .group_by(ratings.c.kind)
        )
        purged = conn.execute(
            select(rating_counts.c.kind, func.sum(rating_counts.c.answers))
            .where(
                rating_counts.c.site_id == site,
                rating_counts.c.section == RESPONDENTS,
                rating_counts.c.service_day >= start,
                rating_counts.c.service_day <= end,
            )
            .group_by(rating_counts.c.kind)
        )
        for kind, n in [*kept, *purged]:
            found[kind] += int(n or 0)
    return dict(found)


def served_by_service(engine: Engine, site: str, start: date, end: date) -> dict[str, int]:
    """How many tickets were completed per service: from the events, or for a purged day
    from its stored summary (days summarised before it counted them add nothing)."""
    found: Counter[str] = Counter()
    with reading(engine) as conn:
        in_range = (events.c.site_id == site, events.c.service_day >= start,
                    events.c.service_day <= end)  # fmt: skip
        rows = conn.execute(
            select(events.c.service, func.count())
            .where(*in_range, events.c.type == "ticket.completed")
            .group_by(events.c.service)
        )
        found.update({service: int(n) for service, n in rows})
        with_events = set(conn.scalars(select(events.c.service_day).where(*in_range).distinct()))
        stored = conn.execute(
            select(daily_summaries.c.service_day, daily_summaries.c.summary).where(
                daily_summaries.c.site_id == site,
                daily_summaries.c.service_day >= start,
                daily_summaries.c.service_day <= end,
            )
        )
        for day, summary in stored:
            if day not in with_events:
                for line in summary.get("services", []):
                    found[line["service"]] += int(line.get("completed") or 0)
    return dict(found)


def events_of_day(engine: Engine, site: str, day: date) -> list[dict[str, Any]]:
    with reading(engine) as conn:
        rows = conn.execute(
            select(events)
            .where(events.c.site_id == site, events.c.service_day == day)
            .order_by(events.c.id)
        )
        return [dict(row._mapping) for row in rows]


def stored_daily_summary(engine: Engine, site: str, day: date) -> dict[str, Any] | None:
    with reading(engine) as conn:
        return conn.execute(
            select(daily_summaries.c.summary).where(
                daily_summaries.c.site_id == site, daily_summaries.c.service_day == day
            )
        ).scalar_one_or_none()


def centre_names(engine: Engine) -> dict[str, tuple[str | None, str | None]]:
    """Each centre the database knows: site id → its Thai and English name (as sync sent)."""
    with reading(engine) as conn:
        return {row.id: (row.centre_th, row.centre_en) for row in conn.execute(select(sites))}


def cases_sent(engine: Engine, site: str, start: date, end: date) -> list[Case]:
    """Forwarded cases sent from ``start`` to ``end`` (inclusive), oldest first; no contact."""
    columns = [c for c in cases.c if c.name not in ("site_id", "contact")]
    with reading(engine) as conn:
        rows = conn.execute(
            select(*columns)
            .where(cases.c.site_id == site, cases.c.sent_on >= start, cases.c.sent_on <= end)
            .order_by(cases.c.sent_on, cases.c.reference)
        )
        return [case_from_row(row) for row in rows]


def outcomes_recorded(engine: Engine, site: str, start: date, end: date) -> dict[str, int]:
    """How many completed tickets got each outcome, from ``start`` to ``end``."""
    with reading(engine) as conn:
        rows = conn.execute(
            select(ticket_outcomes.c.outcome, func.count())
            .where(
                ticket_outcomes.c.site_id == site,
                ticket_outcomes.c.service_day >= start,
                ticket_outcomes.c.service_day <= end,
            )
            .group_by(ticket_outcomes.c.outcome)
        )
        return {outcome: int(n) for outcome, n in rows}


def complaints_received(engine: Engine, site: str, start: date, end: date) -> list[Complaint]:
    """Complaints and suggestions received from ``start`` to ``end``, oldest first; no contact."""
    columns = [c for c in complaints.c if c.name not in ("site_id", "contact")]
    with reading(engine) as conn:
        rows = conn.execute(
            select(*columns)
            .where(
                complaints.c.site_id == site,
                complaints.c.service_day >= start,
                complaints.c.service_day <= end,
            )
            .order_by(complaints.c.received_at, complaints.c.reference)
        )
        return [complaint_from_row(row) for row in rows]


def profile_counts(engine: Engine, site: str, start: date, end: date) -> dict[tuple[str, str], int]:
    """How many respondents gave each band (field, band): kept ratings and purged counts."""
    found: Counter[tuple[str, str]] = Counter()
    with reading(engine) as conn:
        rows = conn.execute(
            select(ratings.c.profile).where(
                ratings.c.site_id == site,
                ratings.c.service_day >= start,
                ratings.c.service_day <= end,
                ratings.c.profile.isnot(None),
            )
        )
        for (profile,) in rows:
            found.update((field, band) for field, band in (profile or {}).items())
        kept = conn.execute(
            select(rating_counts.c.section, func.sum(rating_counts.c.answers))
            .where(
                rating_counts.c.site_id == site,
                rating_counts.c.section.startswith(PROFILE_MARK),
                rating_counts.c.service_day >= start,
                rating_counts.c.service_day <= end,
            )
            .group_by(rating_counts.c.section)
        )
        for section, n in kept:
            field, _, band = section.removeprefix(PROFILE_MARK).partition(":")
            found[(field, band)] += int(n or 0)
    return dict(found)
