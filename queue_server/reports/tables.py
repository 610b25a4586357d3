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
    section_rows: list[list[Cell]] = []
    for r in report.sections:
        section_rows.append([f"{r.th} ({r.en})", *summary_cells(r.summary)])
        section_rows += [
            [f"   – {i.th}", *summary_cells(i.summary)]
            for i in report.items
            if report.item_section.get(i.key) == r.key
        ]
    sections = Table(
        "ผลการประเมินรายด้านและรายข้อ / By section and item",
        ["ด้าน / Section", *SUMMARY_HEADER],
        [*section_rows, ["ภาพรวม / Overall", *summary_cells(report.overall)]],
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
    told = []
    if report.complaints is not None:
        from .complaints import complaint_tables

        told = [complaint_tables(report.complaints)[0], suggestions_table(report)]
    return [
        response_table(report), profile_table(report), sections, by_kind, by_counter, by_service,
        bands_table(report.bands), *told, copies_table(report), SIGN_OFF,
    ]  # fmt: skip


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


def response_table(report: SatisfactionReport) -> Table:
    """People served and how many of them answered, per kind of service."""
    from .satisfaction import KIND_LABELS

    rows: list[list[Cell]] = []
    for kind, (th, en) in KIND_LABELS.items():
        served = report.served_by_kind.get(kind, 0)
        answered = report.respondents_by_kind.get(kind, 0)
        rate = round(100 * answered / served, 1) if served else None
        rows.append([f"{th} ({en})", served, answered, rate])
    served = sum(report.served_by_kind.values())
    rate = round(100 * report.respondents / served, 1) if served else None
    rows.append(["รวม / Total", served, report.respondents, rate])
    return Table(
        "ผู้รับบริการและผู้ตอบแบบประเมิน / People served and who answered",
        ["ประเภท / Kind", "ผู้รับบริการ (คน)", "ผู้ตอบ (คน)", "อัตราการตอบ (%)"],
        rows,
    )


def profile_table(report: SatisfactionReport) -> Table:
    """About the respondents: how many gave each band, and how many did not say."""
    from queue_server.domain.ratings import PROFILE, PROFILE_NAMES

    rows: list[list[Cell]] = []
    for field, bands in PROFILE.items():
        said = 0
        for band, words in bands.items():
            n = report.profile.get((field, band), 0)
            said += n
            rows.append([PROFILE_NAMES[field].th, words.th, n, _share(n, report.respondents)])
        left = max(0, report.respondents - said)
        rows.append([PROFILE_NAMES[field].th, "ไม่ระบุ", left, _share(left, report.respondents)])
    return Table(
        "ข้อมูลทั่วไปของผู้ตอบแบบประเมิน / About the respondents",
        ["ข้อมูล", "กลุ่ม", "จำนวน (คน)", "ร้อยละ"],
        rows,
    )


def _share(n: int, of: int) -> float | None:
    return round(100 * n / of, 1) if of else None


def copies_table(report: SatisfactionReport) -> Table:
    """Zero-Copy: the services that still ask citizens for a copy, document by document."""
    rows: list[list[Cell]] = [[service, document] for service, document in report.copies_asked]
    return Table(
        "งานบริการที่ยังขอสำเนาเอกสารจากประชาชน (Zero Copy) / Services still asking for copies",
        ["งานบริการ / Service", "เอกสารที่ยังขอสำเนา / Document"],
        rows or [["ไม่มี — ไม่มีงานบริการใดขอสำเนาเอกสาร", ""]],
    )


def suggestions_table(report: SatisfactionReport) -> Table:
    from queue_server.domain.complaints import CATEGORY_NAMES, STATUS_NAMES

    told = report.complaints
    rows: list[list[Cell]] = [
        [s.reference, CATEGORY_NAMES[s.category].th, s.text or "(ลบข้อความตามระยะเวลาเก็บ)",
         STATUS_NAMES[s.status].th, s.answer or ""]
        for s in (told.suggestions if told else [])
    ]  # fmt: skip
    return Table(
        "ข้อเสนอแนะจากผู้รับบริการ / Suggestions",
        ["เลขที่", "ประเด็น", "ข้อเสนอแนะ", "สถานะ", "การดำเนินการ"],
        rows or [["", "", "ไม่มีข้อเสนอแนะในไตรมาสนี้", "", ""]],
    )


SIGN_OFF = Table(
    "การรับรองรายงาน / Sign-off",
    ["", "ลงชื่อ", "ตำแหน่ง", "วันที่"],
    [
        ["ผู้จัดทำรายงาน / Prepared by", "(..............................)", "", ""],
        ["ผู้รับรองรายงาน / Certified by", "(..............................)", "", ""],
    ],
)


def info_table(report: SatisfactionReport) -> Table:
    """One field a row, in the order a clerk copies them into the INFO system."""
    rows: list[list[Cell]] = [
        ["ชื่อองค์กรปกครองส่วนท้องถิ่น", report.centre_th],
        ["ปีงบประมาณ", report.quarter.fiscal_year],
        ["ไตรมาส", report.quarter.quarter],
        ["ช่วงเวลา", report.quarter.months_th],
        ["จำนวนผู้รับบริการ (คน)", sum(report.served_by_kind.values())],
        ["จำนวนผู้ตอบแบบประเมิน (คน)", report.respondents],
    ]
    for row in report.sections:
        summary = row.summary
        rows += [
            [f"{row.th}: ค่าเฉลี่ย", _num(summary.mean)],
            [f"{row.th}: ส่วนเบี่ยงเบนมาตรฐาน", _num(summary.sd)],
            [f"{row.th}: ร้อยละ", _num(summary.percent)],
            [f"{row.th}: ระดับ", summary.band.th if summary.band else "ไม่มีข้อมูล"],
        ]
    overall = report.overall
    rows += [
        ["ภาพรวม: ค่าเฉลี่ย", _num(overall.mean)],
        ["ภาพรวม: ส่วนเบี่ยงเบนมาตรฐาน", _num(overall.sd)],
        ["ภาพรวม: ร้อยละ", _num(overall.percent)],
        ["ภาพรวม: ระดับ", overall.band.th if overall.band else "ไม่มีข้อมูล"],
    ]
    if report.complaints is not None:
        from queue_server.domain.complaints import Kind

        told = report.complaints.complaints
        rows += [
            ["เรื่องร้องเรียน (เรื่อง)", sum(1 for c in told if c.kind is Kind.COMPLAINT)],
            ["ข้อเสนอแนะ (เรื่อง)", sum(1 for c in told if c.kind is Kind.SUGGESTION)],
        ]
    return Table("สำหรับกรอกในระบบ INFO / For the INFO system", ["ช่อง / Field", "ค่า / Value"],
                 rows)  # fmt: skip
