"""Thailand's public holidays for a year, written into site.yaml's ``hours.holidays``.

The Buddhist holidays (มาฆบูชา, วิสาขบูชา, อาสาฬหบูชา, เข้าพรรษา) move with
the lunar calendar and substitution days (วันหยุดชดเชย) follow fixed rules;
python-holidays computes both. Special days the Cabinet adds at short notice
still come from its announcement and are added one by one.

site.yaml is edited as config.edits edits it: comments and layout kept, checked
before it replaces the old one, the old one kept under revisions/.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import holidays as official_calendar
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from queue_server.config import Site, load_site
from queue_server.config.edits import read_document, write_checked
from queue_server.reports.fiscal import BE_OFFSET


@dataclass(frozen=True)
class Holiday:
    date: date
    name: str


def gregorian_year(year: int) -> int:
    """Staff write years in the Buddhist era (2570); accept both."""
    return year - BE_OFFSET if year > 2400 else year


def thai_public_holidays(year: int) -> list[Holiday]:
    """Public holidays and substitution days of ``year`` (either era), named in Thai."""
    days = official_calendar.country_holidays("TH", years=gregorian_year(year), language="th")
    return [Holiday(day, name) for day, name in sorted(days.items())]


def days_open(site: Site, candidates: Iterable[Holiday]) -> list[Holiday]:
    """Only the days the centre would otherwise open: a Sunday holiday changes nothing."""
    weekly = site.opening_hours().weekly
    return [h for h in candidates if weekly.get(h.date.weekday())]


def add_holidays(site_yaml: Path, wanted: Iterable[Holiday]) -> list[Holiday]:
    """Add the days not listed yet, in date order; return those added.

    Raises ConfigError (and leaves the file as it was) if the result would not load.
    """
    site = load_site(site_yaml)
    document: Any = read_document(site_yaml)
    hours = document["hours"]
    if hours.get("holidays") is None:
        hours["holidays"] = CommentedSeq()
    listed: CommentedSeq = hours["holidays"]
    dates = [item["date"] for item in listed]
    added = []
    for holiday in wanted:
        if holiday.date in dates:
            continue
        entry = CommentedMap(date=holiday.date, name=holiday.name)
        entry.fa.set_flow_style()
        index = bisect.bisect(dates, holiday.date)
        listed.insert(index, entry)
        dates.insert(index, holiday.date)
        added.append(holiday)
    if not added:
        return []
    write_checked(site, site_yaml, document)
    return added
