"""The report as rows of cells: one source for the CSV, XLSX and PDF versions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .fiscal import thai_moment
from .stats import LEVELS, Band, Summary

if TYPE_CHECKING:  # satisfaction imports this module; only the type is needed here
    from .satisfaction import SatisfactionReport

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[Cell]]


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


SUMMARY_HEADER = [
    "จำนวนคำตอบ (n)",
    "ค่าเฉลี่ย (x̄)",
    "S.D.",
    "ร้อยละ",
    "ระดับความพึงพอใจ",
    *[f"ระดับ {level}" for level in LEVELS],
]


def summary_cells(summary: Summary) -> list[Cell]:
    return [
        summary.n,
        _num(summary.mean),
        _num(summary.sd),
        _num(summary.percent),
        summary.band.th if summary.band else "ไม่มีข้อมูล",
        *[summary.by_level.get(level, 0) for level in LEVELS],
    ]


def satisfaction_tables(report: SatisfactionReport) -> list[Table]:
    sections = Table(
        "ผลการประเมินรายด้าน / By section",
        ["ด้าน / Section", *SUMMARY_HEADER],
        [[f"{r.th} ({r.en})", *summary_cells(r.summary)] for r in report.sections]
        + [["ภาพรวม / Overall", *summary_cells(report.overall)]],
    )
    by_kind = Table(
        "ภาพรวมตามประเภทงานบริการ / Overall by kind of service",
        ["ประเภท / Kind", *SUMMARY_HEADER],
        [[f"{r.th} ({r.en})", *summary_cells(r.summary)] for r in report.by_kind],
    )
    by_counter = Table(
        "ภาพรวมตามช่องบริการ / Overall by counter",
        ["ช่องบริการ / Counter", *SUMMARY_HEADER],
        [[r.th, *summary_cells(r.summary)] for r in report.by_counter],
    )
    by_service = Table(
        "ภาพรวมตามงานบริการ / Overall by service",
        ["งานบริการ / Service", *SUMMARY_HEADER],
        [[r.th, *summary_cells(r.summary)] for r in report.by_service],
    )
    return [sections, by_kind, by_counter, by_service, bands_table(report.bands)]


def bands_table(bands: Sequence[Band]) -> Table:
    """How a mean reads as a level: printed under every satisfaction table."""
    return Table(
        "เกณฑ์การแปลผล / Interpretation",
        ["ค่าเฉลี่ยตั้งแต่ / Mean from", "ระดับ / Level"],
        [[float(b.low), f"{b.th} ({b.en})"] for b in bands],
    )


def satisfaction_header(report: SatisfactionReport) -> list[str]:
    return [
        report.title_th,
        f"{report.centre_th} ({report.centre_en})",
        f"{report.quarter.label_th} — {report.quarter.label_en}",
        report.due_th,
        f"ผู้ตอบแบบประเมิน {report.respondents} คน; S.D. = {report.sd_kind_th}",
        f"จัดทำเมื่อ {thai_moment(report.generated_at)}",
    ]
