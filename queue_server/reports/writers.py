"""Writing a report to a file (XLSX, PDF or CSV): the CLI, the demo and the console use these."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from queue_server.config import Site

from .fiscal import FiscalQuarter


def write_satisfaction(
    site: Site, period: FiscalQuarter, out: Path, kind: str, database_url: str | None = None
) -> str:
    """Write the quarter's satisfaction report; a line saying what it holds."""
    from queue_server.reports import charts
    from queue_server.reports.satisfaction import satisfaction_report
    from queue_server.reports.tables import info_table, satisfaction_header, satisfaction_tables

    data = satisfaction_report(site, period, datetime.now(UTC), database_url)
    header, tables = satisfaction_header(data), satisfaction_tables(data)
    pictures = [charts.section_means(data), charts.level_shares(data)]
    sheet = f"Q{period.quarter}-{period.fiscal_year}"
    info = info_table(data)
    if kind == "xlsx":  # a sheet of its own, to copy field by field
        write_report(kind, out, header, tables, pictures, sheet, more=[("INFO", [info])])
    else:
        write_report(kind, out, header, [*tables, info], pictures, sheet)
    overall = data.overall
    summary = (
        f"overall mean {overall.mean}, SD {overall.sd}, {overall.percent}% ({overall.band.th})"
        if overall.band
        else "no answers in this quarter"
    )
    people = f"{data.respondents} respondent" + ("" if data.respondents == 1 else "s")
    return f"wrote {out}: {period.label_en}, {people}, {summary}"


def write_report(
    kind: str,
    out: Path,
    header: list[str],
    tables: list,
    charts: list,
    sheet: str,
    more: Sequence[tuple[str, Sequence[Any]]] = (),
) -> None:
    from queue_server.reports import export

    if kind == "csv":
        export.write_csv(out, header, tables)
    elif kind == "xlsx":
        export.write_xlsx(out, header, tables, sheet=sheet, more=more)
    else:
        export.write_pdf(out, header, tables, charts)


def write_daily(
    site: Site, day: date, out: Path, kind: str, database_url: str | None = None
) -> str:
    """Write one day's operations report; a line saying what it holds."""
    from queue_server.reports.daily import daily_header, daily_report, daily_tables, hourly_chart

    summary = daily_report(site, day, database_url)
    names = {s.code: s.name.th for s in site.catalog.services}
    header = daily_header(site, day, summary)
    tables = daily_tables(summary, names)
    write_report(kind, out, header, tables, [hourly_chart(summary)], day.isoformat())
    wait = summary["wait_minutes"]
    return (
        f"wrote {out}: {summary['tickets']} tickets, "
        f"wait p50 {wait['p50']} min, p90 {wait['p90']} min"
    )


def write_cases(
    site: Site, start: date, end: date, out: Path, kind: str, database_url: str | None = None
) -> str:
    """Write the casework from ``start`` to ``end``: forwarded cases sent, complaints and
    suggestions received; a line saying what it holds."""
    from queue_server.domain.service_day import service_day_of
    from queue_server.reports.cases import case_header, case_report, case_tables
    from queue_server.reports.complaints import complaint_summary, complaint_tables

    today = service_day_of(datetime.now(UTC))
    data = case_report(site, start, end, today, database_url)
    told = complaint_summary(site, start, end, today, database_url)
    names = {s.code: s.name.th for s in site.catalog.known}
    tables = case_tables(data, names) + complaint_tables(told)
    write_report(kind, out, case_header(site, data), tables, [], "casework")
    late = sum(1 for c in data.open_cases if c.overdue(data.today))
    return (
        f"wrote {out}: {len(data.cases)} cases, {len(data.open_cases)} open, {late} overdue; "
        f"{len(told.complaints)} complaints and suggestions"
    )
