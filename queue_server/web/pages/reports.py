"""Reports: today's figures on screen, the report files to download, what is due when.

The files are the CLI's own (reports.writers): the same XLSX, PDF and CSV as
`oss-queue report`, made in a worker thread and sent as a download.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from queue_server.config import Site
from queue_server.domain.service_day import service_day_of
from queue_server.reports import writers
from queue_server.reports.daily import daily_report
from queue_server.reports.fiscal import FiscalQuarter, thai_long_date
from queue_server.reports.satisfaction import due_of, due_soon
from queue_server.storage import DatabaseUnreachable, make_engine
from queue_server.storage.sync import last_sent

from ..base import lang_of, message, page, render, typed_date
from ..console import Console
from ..sessions import User
from ..words import word

FORMATS = ("xlsx", "pdf", "csv")
MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}


def _today(console: Console) -> date:
    return service_day_of(console.clock(), console.site.rules().hours.zone)


def _quarters(today: date) -> list[FiscalQuarter]:
    """This quarter and the four before it, newest first."""
    found, day = [], today
    for _ in range(5):
        quarter = FiscalQuarter.of(day)
        found.append(quarter)
        day = quarter.start - timedelta(days=1)
    return found


def _hours(summary: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(hour, arrivals, bar width in per cent) for the arrivals chart."""
    by_hour = {int(h): n for h, n in summary.get("by_hour", {}).items()}
    if not by_hour:
        return []
    top = max(by_hour.values())
    return [
        (f"{h:02d}:00", by_hour.get(h, 0), round(100 * by_hour.get(h, 0) / top))
        for h in range(min(by_hour), max(by_hour) + 1)
    ]


def province_sync(site: Site) -> tuple[str, date | None]:
    """("off" | "sent" | "unreachable", the last day the province holds for this centre)."""
    url = site.central_database_url
    if url is None:
        return "off", None
    # the province's server may be far or down: the page waits seconds for it, not minutes
    patience = {} if url.startswith("sqlite") else {"connect_args": {"connect_timeout": 3}}
    engine = make_engine(url, **patience)
    try:
        return "sent", last_sent(engine, site.id)
    except DatabaseUnreachable:
        return "unreachable", None
    finally:
        engine.dispose()


@page()
async def reports_page(request: Request, console: Console, user: User) -> Response:
    today = _today(console)
    summary = await asyncio.to_thread(daily_report, console.site, today)
    names = {s.code: s.name.in_lang(lang_of(request)) for s in console.site.catalog.known}
    quarters = [(q, due_of(console.site, q)) for q in _quarters(today)]
    return render(
        request, "reports.html", user, today=today, summary=summary, names=names,
        hours=_hours(summary), quarters=quarters, formats=FORMATS,
        thai_long_date=thai_long_date, month_ago=today - timedelta(days=30),
        days=[today - timedelta(days=n) for n in range(62)],
        province=await asyncio.to_thread(province_sync, console.site),
        due_soon=due_soon(console.site, today),
        error=request.query_params.get("error"),
    )  # fmt: skip


@page()
async def download(request: Request, console: Console, user: User) -> Response:
    """``/reports/{report}.{fmt}``: daily?day=, satisfaction?quarter=2569-1, cases?from=&to=."""
    report, fmt = request.path_params["report"], request.path_params["fmt"]
    q, lang, site = request.query_params, lang_of(request), console.site
    if fmt not in FORMATS:
        return message(request, user, 404, word("not_found", lang))
    folder = Path(tempfile.mkdtemp(prefix="oss-report-"))
    if report == "daily" and (day := typed_date(q.get("day"))):
        name, job = f"daily-{day}", (writers.write_daily, site, day)
    elif report == "satisfaction" and (quarter := _quarter(q.get("quarter"))):
        name = f"satisfaction-{quarter.fiscal_year}-Q{quarter.quarter}"
        job = (writers.write_satisfaction, site, quarter)
    elif (
        report == "cases"
        and (start := typed_date(q.get("from")))
        and (end := typed_date(q.get("to")))
    ):
        name, job = f"cases-{start}-{end}", (writers.write_cases, site, start, end)
    else:
        folder.rmdir()
        return message(request, user, 400, word("bad_date", lang))
    out = folder / f"{site.id}-{name}.{fmt}"
    await asyncio.to_thread(job[0], *job[1:], out, fmt)  # type: ignore[operator]
    return FileResponse(
        out, media_type=MEDIA[fmt], filename=out.name,
        background=BackgroundTask(_remove, folder),
    )  # fmt: skip


def _quarter(text: str | None) -> FiscalQuarter | None:
    try:
        year, number = (int(part) for part in (text or "").split("-"))
        return FiscalQuarter(year, number)
    except ValueError:
        return None


def _remove(folder: Path) -> None:
    for item in folder.iterdir():
        item.unlink()
    folder.rmdir()


routes = [
    Route("/reports", reports_page),
    Route("/reports/{report}.{fmt}", download),
]
