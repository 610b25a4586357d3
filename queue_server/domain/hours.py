"""Opening hours: weekly intervals in local time, minus holidays.

The kiosk issues nothing outside them. ``stop_issuing_minutes`` lets a centre
stop handing out tickets shortly before closing, so nobody takes a number that
cannot be served today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .service_day import BANGKOK, local_time


@dataclass(frozen=True)
class Interval:
    start: time
    end: time

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"interval ends before it starts: {self.start}-{self.end}")


@dataclass(frozen=True)
class OpeningHours:
    """``weekly`` maps a weekday (0 = Monday) to its intervals; missing days are closed."""

    weekly: Mapping[int, tuple[Interval, ...]]
    holidays: frozenset[date] = frozenset()
    stop_issuing_minutes: int = 0
    zone: ZoneInfo = field(default=BANGKOK)

    @classmethod
    def always(cls) -> OpeningHours:
        """For tests and simulations that do not care about the clock."""
        whole_day = (Interval(time(0, 0), time(23, 59, 59, 999999)),)
        return cls({day: whole_day for day in range(7)})

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        if day in self.holidays:
            return ()
        return tuple(self.weekly.get(day.weekday(), ()))

    def is_open(self, moment: datetime) -> bool:
        local = local_time(moment, self.zone)
        now = local.time()
        return any(i.start <= now < i.end for i in self.intervals_on(local.date()))

    def _issuing_spans(self, day: date) -> list[tuple[datetime, datetime]]:
        """Intervals as moments; the last one ends ``stop_issuing_minutes`` early.

        Only the end of the day is shortened: someone arriving just before
        the lunch break still gets a ticket for the afternoon.
        """
        spans = [
            (
                datetime.combine(day, i.start, self.zone),
                datetime.combine(day, i.end, self.zone),
            )
            for i in sorted(self.intervals_on(day), key=lambda i: i.start)
        ]
        if spans:
            start, end = spans[-1]
            spans[-1] = (start, end - timedelta(minutes=self.stop_issuing_minutes))
        return spans

    def is_issuing(self, moment: datetime) -> bool:
        local = local_time(moment, self.zone)
        return any(start <= local < end for start, end in self._issuing_spans(local.date()))

    def next_opening(self, moment: datetime, horizon_days: int = 60) -> datetime | None:
        """The next moment tickets are issued, for the kiosk's "closed" screen."""
        local = local_time(moment, self.zone)
        for offset in range(horizon_days + 1):
            for start, end in self._issuing_spans(local.date() + timedelta(days=offset)):
                if local < start:
                    return start
                if local < end:
                    return local
        return None
