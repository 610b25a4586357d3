"""The forwarded-cases report: what became of tickets, and the cases sent in a period.

Cases by agency (how many, still open, overdue, answered, and the median days
the agency took to answer), by status, the ages of those still open against
their standard time, and the list of open ones to follow up. Nothing about a
person: the contact a citizen left is never read here.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from queue_server.config import Site
from queue_server.domain.cases import (
    ANSWERED,
    OUTCOME_NAMES,
    STATUS_NAMES,
    Case,
    CaseStatus,
    Outcome,
)
from queue_server.storage import make_engine
from queue_server.storage.report_queries import cases_sent, outcomes_recorded

from .fiscal import thai_long_date
from .tables import Cell, Table

AGE_BANDS = ((0, 7, "0–7 วัน"), (8, 15, "8–15 วัน"), (16, 30, "16–30 วัน"), (31, None, "เกิน 30 วัน"))


@dataclass(frozen=True)
class AgencyLine:
    agency: str
    cases: int
    open: int
    overdue: int
    answered: int
    median_days_to_answer: float | None
    answered_in_time: int  # within the service's standard days (its citizens' manual)

    @property
    def in_time_share(self) -> float | None:
        return round(100 * self.answered_in_time / self.answered, 1) if self.answered else None


@dataclass
class CaseReport:
    start: date
    end: date
    today: date
    outcomes: dict[str, int]
    cases: list[Case] = field(default_factory=list)

    @property
    def open_cases(self) -> list[Case]:
        return [c for c in self.cases if c.is_open]

    def by_agency(self) -> list[AgencyLine]:
        lines = []
        for agency in sorted({c.agency for c in self.cases}):
            mine = [c for c in self.cases if c.agency == agency]
            answered = [c for c in mine if c.answered_at is not None]
            days = [c.age_days(self.today) for c in answered]
            lines.append(
                AgencyLine(
                    agency,
                    len(mine),
                    sum(1 for c in mine if c.is_open),
                    sum(1 for c in mine if c.overdue(self.today)),
                    len(days),
                    statistics.median(days) if days else None,
                    sum(1 for c in answered if c.age_days(self.today) <= c.standard_days),
                )
            )
        return lines

    def by_status(self) -> dict[CaseStatus, int]:
        counts = Counter(c.status for c in self.cases)
        return {status: counts.get(status, 0) for status in CaseStatus}

    def open_ages(self) -> list[int]:
        """How many open cases (not yet answered) fall in each band of AGE_BANDS."""
        waiting = [c.age_days(self.today) for c in self.open_cases if c.status not in ANSWERED]
        return [
            sum(1 for d in waiting if low <= d and (high is None or d <= high))
            for low, high, _ in AGE_BANDS
        ]

    def median_days_to_answer(self) -> float | None:
        days = [c.age_days(self.today) for c in self.cases if c.answered_at is not None]
        return statistics.median(days) if days else None


def case_report(
    site: Site, start: date, end: date, today: date, database_url: str | None = None
) -> CaseReport:
    engine = make_engine(database_url or site.database_url)
    try:
        sent = cases_sent(engine, site.id, start, end)
        outcomes = outcomes_recorded(engine, site.id, start, end)
    finally:
        engine.dispose()
    return CaseReport(start, end, today, outcomes, sent)


def case_header(site: Site, report: CaseReport) -> list[str]:
    median = report.median_days_to_answer()
    return [
        "รายงานเรื่องรับ-ส่งต่อ และเรื่องร้องเรียน/ข้อเสนอแนะ (ศูนย์บริการร่วม)",
        f"{site.config.site.name.th} ({site.config.site.name.en})",
        f"ส่งเรื่องระหว่างวันที่ {thai_long_date(report.start)} ถึง {thai_long_date(report.end)}"
        f" · ณ วันที่ {thai_long_date(report.today)}",
        f"Forwarded cases sent {report.start} to {report.end}: {len(report.cases)} cases, "
        f"{len(report.open_cases)} open, median days to the agency's answer "
        f"{median if median is not None else '–'}",
    ]


def case_tables(report: CaseReport, names: dict[str, str]) -> list[Table]:
    outcomes = Table(
        "ผลการให้บริการของคิวที่เสร็จ / What became of completed tickets",
        ["ผล", "จำนวน"],
        [[OUTCOME_NAMES[o].th, report.outcomes.get(o.value, 0)] for o in Outcome],
    )
    agencies = Table(
        "ตามหน่วยงาน / By agency",
        ["หน่วยงาน", "เรื่อง", "ยังไม่ปิด", "เกินกำหนด", "ได้รับคำตอบ", "มัธยฐานวันจนได้คำตอบ",
         "ตอบทันมาตรฐาน (%)"],
        [[a.agency, a.cases, a.open, a.overdue, a.answered, a.median_days_to_answer,
          a.in_time_share] for a in report.by_agency()],
    )  # fmt: skip
    statuses = Table(
        "ตามสถานะ / By status",
        ["สถานะ", "จำนวน"],
        [[STATUS_NAMES[s].th, n] for s, n in report.by_status().items()],
    )
    ages = Table(
        "อายุเรื่องที่ยังรอหน่วยงาน / Age of cases still with the agency",
        [label for _, _, label in AGE_BANDS],
        [list[Cell](report.open_ages())],
    )
    follow_up = Table(
        "เรื่องที่ต้องติดตาม / To follow up",
        ["เลขที่เรื่อง", "คิว", "งานบริการ", "หน่วยงาน", "สถานะ", "วันที่ส่ง", "อายุ (วัน)",
         "มาตรฐาน (วัน)", "เกินกำหนด"],
        [[c.reference, c.number, names.get(c.service, c.service), c.agency,
          STATUS_NAMES[c.status].th, c.sent_on.isoformat(), c.age_days(report.today),
          c.standard_days, "ใช่" if c.overdue(report.today) else ""]
         for c in report.open_cases],
    )  # fmt: skip
    return [outcomes, agencies, statuses, ages, follow_up]
