"""Thai fiscal quarters.

The Thai fiscal year (ปีงบประมาณ) runs October to September and is named by
the Buddhist-era year it ends in: FY 2569 is 1 Oct 2025 – 30 Sep 2026, and
its first quarter (ไตรมาสที่ 1) is October–December 2025.

When a quarter's satisfaction figures are due: seed 000 (item 2.3) says
"ภายในวันที่ ๓๐ ของเดือน" and names the first report's date, 30 December 2566, for
the quarter October–December 2566: the 30th of the quarter's last month. That is
the default; a province that asks for the month after sets
``reports.quarterly_due: month_after`` (and ``due_day``) in site.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from queue_server.domain.service_day import BANGKOK

BE_OFFSET = 543
QUARTER_END, MONTH_AFTER = "quarter_end", "month_after"
THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip


def thai_long_date(day: date) -> str:
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + BE_OFFSET}"


def thai_short_date(day: date) -> str:
    """11 พ.ย. 2568: for table cells."""
    return f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {day.year + BE_OFFSET}"


def thai_moment(moment: datetime) -> str:
    """23 พฤศจิกายน 2569 เวลา 09:05 น., in Bangkok time whatever zone ``moment`` is in."""
    local = moment.astimezone(BANGKOK)
    return f"{thai_long_date(local.date())} เวลา {local:%H:%M} น."


@dataclass(frozen=True)
class FiscalQuarter:
    fiscal_year: int  # Buddhist era, e.g. 2569
    quarter: int  # 1-4

    def __post_init__(self) -> None:
        if self.quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1-4, got {self.quarter}")
        if not 2500 <= self.fiscal_year <= 2700:
            raise ValueError(
                f"fiscal year is in the Buddhist era (e.g. 2569), got {self.fiscal_year}"
            )

    @property
    def start(self) -> date:
        first_month = (10 + 3 * (self.quarter - 1) - 1) % 12 + 1
        year = self.fiscal_year - BE_OFFSET - (1 if self.quarter == 1 else 0)
        return date(year, first_month, 1)

    @property
    def end(self) -> date:
        """The last day of the quarter (inclusive)."""
        month, year = self.start.month + 3, self.start.year
        if month > 12:
            month, year = month - 12, year + 1
        return date(year, month, 1) - timedelta(days=1)

    @property
    def due(self) -> date:
        """The seed's date: the 30th of the quarter's last month."""
        return self.due_by(QUARTER_END, 30)

    def due_by(self, rule: str, day: int) -> date:
        """``day`` of the quarter's last month (``quarter_end``) or of the month after
        (``month_after``), or that month's last day when it is shorter."""
        month = self.end if rule == QUARTER_END else self.end + timedelta(days=1)
        last = (date(month.year, month.month, 28) + timedelta(days=4)).replace(day=1)
        return date(month.year, month.month, min(day, (last - timedelta(days=1)).day))

    @property
    def months_th(self) -> str:
        first, last = self.start, self.end
        return (
            f"{THAI_MONTHS_SHORT[first.month - 1]}–{THAI_MONTHS_SHORT[last.month - 1]} "
            f"{last.year + BE_OFFSET}"
        )

    @property
    def label_th(self) -> str:
        return f"ไตรมาสที่ {self.quarter} ปีงบประมาณ พ.ศ. {self.fiscal_year} ({self.months_th})"

    @property
    def label_en(self) -> str:
        months = f"{self.start:%b}–{self.end:%b %Y}"
        return f"Q{self.quarter} of fiscal year {self.fiscal_year} BE ({months})"

    @classmethod
    def of(cls, day: date) -> FiscalQuarter:
        fiscal_year = day.year + BE_OFFSET + (1 if day.month >= 10 else 0)
        quarter = ((day.month - 10) % 12) // 3 + 1
        return cls(fiscal_year, quarter)
