"""Service days follow the centre's wall clock, not UTC.

Numbers restart at 001 at midnight in Asia/Bangkok; a ticket issued at 06:30
UTC+7 belongs to that local date even though it is the previous day in UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


def require_aware(moment: datetime) -> datetime:
    """Naive datetimes are ambiguous across the server, kiosks and the database."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime must be timezone-aware, got {moment!r}")
    return moment


def local_time(moment: datetime, zone: ZoneInfo = BANGKOK) -> datetime:
    return require_aware(moment).astimezone(zone)


def service_day_of(moment: datetime, zone: ZoneInfo = BANGKOK) -> date:
    return local_time(moment, zone).date()


def iso(moment: datetime | None) -> str | None:
    """Times on the wire are ISO 8601 in the centre's time zone, with the offset."""
    return moment.astimezone(BANGKOK).isoformat() if moment else None
