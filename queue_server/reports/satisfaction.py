"""The quarterly satisfaction report (รายงานผลความพึงพอใจรายไตรมาส) as plain data.

Per section of the form and overall: answers, mean, SD, percent and band,
with the counts per level; and the overall figures per service kind, per
counter and per service. "Overall" pools every answer to every section.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from queue_server.config import Site
from queue_server.domain.catalog import KIND_NAMES, ServiceKind
from queue_server.domain.ratings import QUICK_SECTION
from queue_server.domain.service_day import service_day_of
from queue_server.storage import make_engine
from queue_server.storage.report_queries import (
    Answers,
    complaints_received,
    profile_counts,
    rating_answers,
    respondents_by_kind,
    served_by_service,
)

from .complaints import ComplaintSummary
from .fiscal import FiscalQuarter, thai_long_date
from .stats import DEFAULT_BANDS, SD_KIND, SD_KIND_TH, Band, Counts, Summary, summarise

KIND_LABELS = {kind.value: (name.th, name.en) for kind, name in KIND_NAMES.items()}


@dataclass(frozen=True)
class Row:
    key: str
    th: str
    en: str
    summary: Summary


@dataclass(frozen=True)
class SatisfactionReport:
    centre_th: str
    centre_en: str
    quarter: FiscalQuarter
    generated_at: datetime
    respondents: int
    sections: list[Row]
    overall: Summary
    by_kind: list[Row]
    by_counter: list[Row]
    by_service: list[Row]
    items: list[Row] = field(default_factory=list)  # each item of a section that has them
    item_section: dict[str, str] = field(default_factory=dict)
    bands: Sequence[Band] = field(default_factory=lambda: DEFAULT_BANDS)
    due_on: date | None = None  # the site's rule (reports: in site.yaml); else the seed's
    # people served and respondents per kind of service (the response rate)
    served_by_kind: dict[str, int] = field(default_factory=dict)
    respondents_by_kind: dict[str, int] = field(default_factory=dict)
    complaints: ComplaintSummary | None = None
    # Zero-Copy: (service, document) of each document a copy is still asked of
    copies_asked: list[tuple[str, str]] = field(default_factory=list)
    # how many respondents gave each band (field, band); the rest did not say
    profile: dict[tuple[str, str], int] = field(default_factory=dict)
    sd_kind: str = SD_KIND
    sd_kind_th: str = SD_KIND_TH

    @property
    def due(self) -> date:
        return self.due_on or self.quarter.due

    @property
    def title_th(self) -> str:
        return "รายงานผลการสำรวจความพึงพอใจของผู้รับบริการ ศูนย์บริการร่วม (OSS)"

    @property
    def due_th(self) -> str:
        return f"กำหนดส่งสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด ภายในวันที่ {thai_long_date(self.due)}"


def build(answers: Sequence[Answers], respondents: int, site: Site, quarter: FiscalQuarter,
          generated_at: datetime) -> SatisfactionReport:  # fmt: skip
    rating = site.config.rating
    section_labels = {s.id: (s.name.th, s.name.en) for s in rating.sections}
    section_labels[QUICK_SECTION] = ("ความพึงพอใจโดยรวม", "Overall satisfaction")
    item_labels = {i.id: (i.text.th, i.text.en) for s in rating.sections for i in s.items}
    section_of = {i.id: s.id for s in rating.sections for i in s.items}
    per_section: dict[str, Counts] = defaultdict(Counts)
    per_item: dict[str, Counts] = defaultdict(Counts)
    per_kind: dict[str, Counts] = defaultdict(Counts)
    per_counter: dict[str, Counts] = defaultdict(Counts)
    per_service: dict[str, Counts] = defaultdict(Counts)
    overall = Counts()
    for a in answers:  # ``a.section`` is the question answered: a section, or one of its items
        section = section_of.get(a.section, a.section)
        buckets = [per_section[section], per_kind[a.kind], per_counter[a.counter],
                   per_service[a.service], overall]  # fmt: skip
        if a.section in section_of:
            buckets.append(per_item[a.section])
        for bucket in buckets:
            bucket.add(a.score, a.answers)

    asked = [QUICK_SECTION] if rating.mode == "quick" else [s.id for s in rating.sections]
    order = asked + sorted(set(per_section) - set(asked))  # older sections still in the data
    counters = {c.id: (c.name.th, c.name.en) for c in site.config.counters}
    services = {s.code: (s.name.th, s.name.en) for s in site.catalog.services}

    bands = tuple(Band(Decimal(str(b.low)), b.th, b.en) for b in rating.bands)

    def rows(
        groups: dict[str, Counts], labels: dict[str, tuple[str, str]], keys: Sequence[str]
    ) -> list[Row]:
        return [
            Row(k, *labels.get(k, (k, k)), summarise(groups.get(k, Counts()), bands)) for k in keys
        ]

    return SatisfactionReport(
        centre_th=site.config.site.name.th,
        centre_en=site.config.site.name.en,
        quarter=quarter,
        generated_at=generated_at,
        respondents=respondents,
        sections=rows(per_section, section_labels, order),
        items=rows(per_item, item_labels, [i for i in item_labels if i in per_item]),
        item_section=section_of,
        overall=summarise(overall, bands),
        by_kind=rows(per_kind, KIND_LABELS, [k.value for k in ServiceKind]),
        by_counter=rows(per_counter, counters, sorted(per_counter)),
        by_service=rows(per_service, services, [s for s in services if s in per_service]),
        bands=bands,
        due_on=due_of(site, quarter),
    )


def due_of(site: Site, quarter: FiscalQuarter) -> date:
    rule = site.config.reports
    return quarter.due_by(rule.quarterly_due, rule.due_day)


def due_soon(site: Site, today: date) -> tuple[FiscalQuarter, date, int] | None:
    """The quarter whose satisfaction report falls due within ``reports.remind_days``
    (this quarter's, or the last one's): the quarter, its due date and the days left."""
    this = FiscalQuarter.of(today)
    last = FiscalQuarter.of(this.start - timedelta(days=1))
    for quarter in (last, this):
        due = due_of(site, quarter)
        left = (due - today).days
        if 0 <= left <= site.config.reports.remind_days:
            return quarter, due, left
    return None


def reminder(site: Site, today: date) -> str | None:
    """What `oss-queue status` says from ``reports.remind_days`` before a quarter's
    satisfaction report is due."""
    soon = due_soon(site, today)
    if soon is None:
        return None
    quarter, due, left = soon
    return (
        f"รายงานความพึงพอใจ {quarter.label_th} กำหนดส่ง {thai_long_date(due)}"
        f" (อีก {left} วัน) · the satisfaction report of {quarter.label_en} is due"
        f" {due.isoformat()}, in {left} day(s): oss-queue report satisfaction"
        f" --fiscal-year {quarter.fiscal_year} --quarter {quarter.quarter} --out q.xlsx"
    )


def satisfaction_report(
    site: Site, quarter: FiscalQuarter, now: datetime, database_url: str | None = None
) -> SatisfactionReport:
    """The quarter's figures from the centre's database, or another holding its rows (the
    province's central one, which `oss-queue sync` fills)."""
    start, end = quarter.start, quarter.end
    engine = make_engine(database_url or site.database_url)
    try:
        answers = list(rating_answers(engine, site.id, start, end))
        by_kind = respondents_by_kind(engine, site.id, start, end)
        served = served_by_service(engine, site.id, start, end)
        bands = profile_counts(engine, site.id, start, end)
        received = complaints_received(engine, site.id, start, end)
    finally:
        engine.dispose()
    report = build(answers, sum(by_kind.values()), site, quarter, now)
    kinds = {s.code: s.kind.value for s in site.catalog.known}
    served_by_kind: dict[str, int] = defaultdict(int)
    for service, n in served.items():
        served_by_kind[kinds.get(service, "-")] += n
    told = ComplaintSummary(service_day_of(now), received)
    copies = [(s.name.th, d.th) for s in site.catalog.services for d in s.copies_asked]
    return replace(report, served_by_kind=dict(served_by_kind), respondents_by_kind=by_kind,
                   complaints=told, copies_asked=copies, profile=bands)  # fmt: skip
