"""The province's quarter: every centre's satisfaction figures side by side.

Read from the central database `oss-queue sync` fills. Each centre's
figures are computed exactly as its own quarterly report computes them (the
same answer counts, the same statistics), so the province's row for a
centre equals what that centre sends; the province's own line pools every
answer of every centre. A centre with no answers in the quarter is listed,
with the last day the province holds for it, so the office sees who has not
sent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from queue_server.config.models import DEFAULT_SECTIONS
from queue_server.domain.ratings import QUICK_SECTION
from queue_server.storage import make_engine
from queue_server.storage.report_queries import centre_names, rating_answers, rating_count
from queue_server.storage.sync import latest_days
from queue_server.thai_order import in_thai_order

from .fiscal import FiscalQuarter, thai_moment, thai_short_date
from .stats import DEFAULT_BANDS, Counts, Summary, summarise
from .tables import SUMMARY_HEADER, Table, bands_table, summary_cells


@dataclass(frozen=True)
class CentreFigures:
    site: str
    th: str
    en: str
    respondents: int
    sections: dict[str, Summary]
    overall: Summary
    last_day: date | None  # the latest day the province holds for the centre


@dataclass(frozen=True)
class ProvinceReport:
    quarter: FiscalQuarter
    generated_at: datetime
    sections: list[tuple[str, str, str]]  # id, Thai, English
    centres: list[CentreFigures]
    respondents: int
    overall: Summary

    @property
    def reporting(self) -> int:
        return sum(c.respondents > 0 for c in self.centres)


def province_report(database_url: str, quarter: FiscalQuarter, now: datetime) -> ProvinceReport:
    engine = make_engine(database_url)
    try:
        known = centre_names(engine)
        last_days = latest_days(engine)
        centres = []
        pooled = Counts()
        for site_id in sorted(set(known) | set(last_days)):
            per_section: dict[str, Counts] = defaultdict(Counts)
            overall = Counts()
            for a in rating_answers(engine, site_id, quarter.start, quarter.end):
                per_section[a.section].add(a.score, a.answers)
                overall.add(a.score, a.answers)
            pooled.merge(overall)
            row = known.get(site_id)
            centres.append(
                CentreFigures(
                    site=site_id,
                    th=(row[0] if row is not None and row[0] else site_id),
                    en=(row[1] if row is not None and row[1] else site_id),
                    respondents=rating_count(engine, site_id, quarter.start, quarter.end),
                    sections={k: summarise(v) for k, v in per_section.items()},
                    overall=summarise(overall),
                    last_day=last_days.get(site_id),
                )
            )
    finally:
        engine.dispose()
    asked = [(s.id, s.name.th, s.name.en) for s in DEFAULT_SECTIONS]
    seen = {k for c in centres for k in c.sections} - {s[0] for s in asked}
    labels = {QUICK_SECTION: ("ความพึงพอใจโดยรวม", "Overall satisfaction")}  # quick-mode centres
    extra = [(k, *labels.get(k, (k, k))) for k in sorted(seen)]
    return ProvinceReport(
        quarter=quarter,
        generated_at=now,
        sections=asked + extra,
        centres=in_thai_order(centres, lambda c: c.th, lambda c: c.site),
        respondents=sum(c.respondents for c in centres),
        overall=summarise(pooled),
    )


def province_header(report: ProvinceReport) -> list[str]:
    q = report.quarter
    return [
        "สรุปผลการสำรวจความพึงพอใจของผู้รับบริการ ศูนย์บริการร่วม (OSS) ระดับจังหวัด",
        "Citizen satisfaction with the one-stop service centres of the province",
        f"{q.label_th} — {q.label_en}",
        f"ศูนย์ที่มีผู้ตอบ {report.reporting} จาก {len(report.centres)} แห่ง; "
        f"ผู้ตอบแบบประเมินรวม {report.respondents} คน",
        f"จัดทำเมื่อ {thai_moment(report.generated_at)}",
    ]


def province_tables(report: ProvinceReport) -> list[Table]:
    def held(day: date | None) -> str:
        return thai_short_date(day) if day else "ยังไม่ส่ง"

    overall = Table(
        "ภาพรวมรายศูนย์ / Overall by centre",
        ["ศูนย์ / Centre", "ผู้ตอบ (คน)", *SUMMARY_HEADER, "ข้อมูลถึงวันที่ / Data up to"],
        [
            [f"{c.th} ({c.site})", c.respondents, *summary_cells(c.overall), held(c.last_day)]
            for c in report.centres
        ]
        + [["รวมทั้งจังหวัด / Province", report.respondents, *summary_cells(report.overall), ""]],
    )
    means = Table(
        "ค่าเฉลี่ยรายด้าน / Mean by section",
        ["ศูนย์ / Centre", *[f"{th} ({en})" for _, th, en in report.sections], "ภาพรวม / Overall"],
        [
            [
                f"{c.th} ({c.site})",
                *[_mean(c.sections.get(key)) for key, _, _ in report.sections],
                _mean(c.overall),
            ]
            for c in report.centres
        ],
    )
    return [overall, means, bands_table(DEFAULT_BANDS)]


def _mean(summary: Summary | None) -> float | None:
    return float(summary.mean) if summary is not None and summary.mean is not None else None
