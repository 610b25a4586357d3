"""Complaints and suggestions of a period: counts by category, the register, the suggestions.

Read by the casework report now and by the quarterly report (seed 004 asks the
centre to show what citizens told it and what it did). Never the contact.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date

from queue_server.config import Site
from queue_server.domain.complaints import (
    CATEGORY_NAMES,
    KIND_NAMES,
    STATUS_NAMES,
    Category,
    Complaint,
    Kind,
    Status,
)
from queue_server.storage import make_engine
from queue_server.storage.report_queries import complaints_received

from .tables import Table


@dataclass(frozen=True)
class ComplaintSummary:
    today: date
    complaints: list[Complaint]

    def count(self, kind: Kind, category: Category) -> int:
        return sum(1 for c in self.complaints if c.kind is kind and c.category is category)

    def by_status(self) -> dict[Status, int]:
        counts = Counter(c.status for c in self.complaints)
        return {status: counts.get(status, 0) for status in Status}

    def median_days_to_close(self) -> float | None:
        days = [c.age_days(self.today) for c in self.complaints if c.closed_at is not None]
        return statistics.median(days) if days else None

    @property
    def suggestions(self) -> list[Complaint]:
        return [c for c in self.complaints if c.kind is Kind.SUGGESTION]


def complaint_summary(
    site: Site, start: date, end: date, today: date, database_url: str | None = None
) -> ComplaintSummary:
    engine = make_engine(database_url or site.database_url)
    try:
        received = complaints_received(engine, site.id, start, end)
    finally:
        engine.dispose()
    return ComplaintSummary(today, received)


def complaint_tables(summary: ComplaintSummary) -> list[Table]:
    median = summary.median_days_to_close()
    by_category = Table(
        "เรื่องร้องเรียนและข้อเสนอแนะ ตามประเด็น / Complaints and suggestions by category",
        ["ประเด็น", KIND_NAMES[Kind.COMPLAINT].th, KIND_NAMES[Kind.SUGGESTION].th],
        [[CATEGORY_NAMES[c].th, summary.count(Kind.COMPLAINT, c),
          summary.count(Kind.SUGGESTION, c)] for c in Category],
    )  # fmt: skip
    by_status = Table(
        f"ตามสถานะ (มัธยฐานวันจนปิดเรื่อง {median if median is not None else '–'}) / By status",
        ["สถานะ", "จำนวน"],
        [[STATUS_NAMES[s].th, n] for s, n in summary.by_status().items()],
    )
    register = Table(
        "ทะเบียนเรื่อง / The register",
        ["เลขที่", "ประเภท", "ประเด็น", "เรื่อง", "สถานะ", "คำตอบ", "อายุ (วัน)"],
        [[c.reference, KIND_NAMES[c.kind].th, CATEGORY_NAMES[c.category].th, c.text,
          STATUS_NAMES[c.status].th, c.answer or "", c.age_days(summary.today)]
         for c in summary.complaints],
    )  # fmt: skip
    return [by_category, by_status, register]
