"""`oss-queue sync`: two centres send their daily aggregates to one central database.

The centres run on their own SQLite files, as a small centre does; the
central database is SQLite and PostgreSQL (the province's real engine).
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from assets import DEFAULT_CATALOG, DEFAULT_SITE
from queue_server.bootstrap import service_for
from queue_server.cli.main import main
from queue_server.config import Site, load_site
from queue_server.domain.queue_day import QueueDay
from queue_server.reports.daily import daily_report, summariser
from queue_server.reports.fiscal import FiscalQuarter
from queue_server.reports.province import province_report
from queue_server.reports.satisfaction import satisfaction_report
from queue_server.storage import make_engine
from queue_server.storage.engine import reading
from queue_server.storage.purge import purge
from queue_server.storage.sync import prepare_central, register, sync
from queue_server.storage.tables import (
    daily_summaries,
    events,
    rating_counts,
    ratings,
    requests,
    staff,
    tickets,
)
from queue_server.testing import at
from tests.support.databases import migrated

from ..conftest import Clock

MONDAY = date(2025, 11, 10)  # FY 2569 Q1
QUARTER = FiscalQuarter(2569, 1)
PETITION = "general-petition"


def centre(root: Path, site_id: str, th: str) -> Site:
    folder = root / site_id
    folder.mkdir()
    shutil.copy(DEFAULT_CATALOG, folder / "catalog.yaml")
    text = DEFAULT_SITE.read_text().replace("  id: maekorn", f"  id: {site_id}")
    text = text.replace("    th: ศูนย์บริการร่วม องค์การบริหารส่วนตำบลแม่กรณ์", f"    th: {th}")
    (folder / "site.yaml").write_text(text)
    site = load_site(folder / "site.yaml")
    migrated(site.database_url)
    return site


def a_day(site: Site, day: date, served: int, scores: tuple[int, ...]) -> None:
    """``served`` citizens served at counter 2; the first few rate with ``scores`` (one each)."""
    clock = Clock(at(9, 0, day=day))
    service = service_for(site, clock=clock)
    try:
        service.at_counter(QueueDay.open_counter, "2", "s07")
        for n in range(served):
            number = service.issue(PETITION).result.number
            clock.advance(5)
            service.at_counter(QueueDay.call_next, "2", "s07")
            clock.advance(7)
            service.at_counter(QueueDay.complete, "2", "s07")
            if n < len(scores):
                s = scores[n]
                rating = {"process": s, "staff": s, "facilities": s, "outcome": s}
                service.rate(number, rating, comment="โทร 0812345678 ขอบคุณ")
    finally:
        service.close()


@pytest.fixture
def centres(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Site, Site]:
    monkeypatch.delenv("OSS_QUEUE_DATABASE_URL", raising=False)
    north = centre(tmp_path, "nongkhai", "ศูนย์บริการร่วม เทศบาลเมืองหนองคาย")
    south = centre(tmp_path, "phonphisai", "ศูนย์บริการร่วม อบต.โพนพิสัย")
    a_day(north, MONDAY, served=3, scores=(5, 4))
    a_day(north, MONDAY + timedelta(days=1), served=2, scores=(3,))
    a_day(south, MONDAY, served=4, scores=(2, 2, 5))
    return north, south


@pytest.fixture
def central(database_url: str) -> str:
    prepare_central(database_url)
    return database_url


def send(site: Site, central_url: str, since: date | None = None) -> list[date]:
    local, remote = make_engine(site.database_url), make_engine(central_url)
    name = site.config.site.name
    try:
        register(remote, site.id, name.th, name.en, at(23))
        return sync(local, remote, site.id, summariser(site), since).days
    finally:
        local.dispose()
        remote.dispose()


def rows(url: str, table) -> int:
    engine = make_engine(url)
    with reading(engine) as conn:
        count = conn.execute(select(func.count()).select_from(table)).scalar_one()
    engine.dispose()
    return count


def test_the_province_report_of_each_centre_is_the_centres_own(centres, central):
    for site in centres:
        send(site, central)
    for site in centres:
        own = satisfaction_report(site, QUARTER, at(10))
        at_province = satisfaction_report(site, QUARTER, at(10), central)
        assert at_province.respondents == own.respondents
        assert at_province.overall == own.overall
        assert daily_report(site, MONDAY, central) == daily_report(site, MONDAY)
    # one database, two centres: each keeps its own figures
    assert [daily_report(s, MONDAY, central)["tickets"] for s in centres] == [3, 4]


def test_only_aggregates_leave_the_centre(centres, central):
    send(centres[0], central)
    for table in (tickets, events, ratings, requests, staff):
        assert rows(central, table) == 0, table.name
    assert rows(central, daily_summaries) == 2


def test_sending_again_changes_nothing(centres, central):
    north = centres[0]
    assert send(north, central) == [MONDAY, MONDAY + timedelta(days=1)]
    before = (rows(central, rating_counts), rows(central, daily_summaries))
    assert send(north, central) == [MONDAY + timedelta(days=1)]  # from the last day it has
    assert (rows(central, rating_counts), rows(central, daily_summaries)) == before


def test_a_centre_offline_for_a_week_catches_up(centres, central):
    north = centres[0]
    send(north, central)
    week = [MONDAY + timedelta(days=d) for d in range(7, 12)]
    for day in week:
        a_day(north, day, served=1, scores=(4,))
    assert send(north, central) == [MONDAY + timedelta(days=1), *week]
    assert satisfaction_report(north, QUARTER, at(10), central).respondents == 3 + 5


def test_a_purged_day_sends_the_same_figures(centres, central):
    north = centres[0]
    before = satisfaction_report(north, QUARTER, at(10))
    daily_before = daily_report(north, MONDAY)
    engine = make_engine(north.database_url)
    purge(engine, north.id, MONDAY + timedelta(days=30), summariser(north))
    engine.dispose()
    send(north, central)
    after = satisfaction_report(north, QUARTER, at(10), central)
    assert (after.respondents, after.overall) == (before.respondents, before.overall)
    assert daily_report(north, MONDAY, central) == daily_before


def test_a_day_the_centre_no_longer_holds_stays_at_the_province(centres, central, tmp_path):
    north = centres[0]
    send(north, central)
    Path(north.database_url.removeprefix("sqlite:///")).unlink()  # a new disk, no backup
    migrated(north.database_url)
    a_day(north, MONDAY + timedelta(days=22), served=1, scores=(5,))
    send(north, central, since=MONDAY)
    assert daily_report(north, MONDAY, central)["tickets"] == 3


def test_the_cli_sends_to_the_database_site_yaml_names(centres, database_url):
    north = centres[0]
    north.path.write_text(
        north.path.read_text() + f"province:\n  database:\n    url: {database_url}\n"
    )
    result = CliRunner().invoke(main, ["sync", "--config", str(north.path)])
    assert result.exit_code == 0, result.output
    assert "sent 2 days (2025-11-10 to 2025-11-11) of site nongkhai: 2 daily summaries" in (
        result.output
    )
    report = CliRunner().invoke(
        main,
        [
            "report",
            "satisfaction",
            "--config",
            str(north.path),
            "--fiscal-year",
            "2569",
            "--quarter",
            "1",
            "--out",
            str(north.base_dir / "province.csv"),
            "--database",
            database_url,
        ],
    )
    assert report.exit_code == 0 and "3 respondents" in report.output, report.output


def test_the_cli_without_a_central_database_says_how_to_name_one(centres):
    result = CliRunner().invoke(main, ["sync", "--config", str(centres[0].path)])
    assert result.exit_code == 2
    assert "give --to URL or province.database.url" in result.output


def test_an_unreachable_central_database_is_a_clear_error(centres):
    url = "postgresql+psycopg://oss:x@127.0.0.1:1/central"
    result = CliRunner().invoke(main, ["sync", "--config", str(centres[0].path), "--to", url])
    assert result.exit_code == 1
    assert "cannot reach the central database" in result.output


def test_the_province_report_lists_every_centre_with_its_own_figures(centres, central):
    for site in centres:
        send(site, central)
    remote = make_engine(central)
    register(remote, "sangkhom", "ศูนย์บริการร่วม อบต.สังคม", "Sangkhom SAO", at(23))  # sent nothing
    remote.dispose()
    report = province_report(central, QUARTER, at(10))
    # in Thai dictionary order: เทศบาล… (ท) before อบต.โพน… (พ) before อบต.สังคม
    assert [c.site for c in report.centres] == ["nongkhai", "phonphisai", "sangkhom"]
    for site in centres:
        [row] = [c for c in report.centres if c.site == site.id]
        own = satisfaction_report(site, QUARTER, at(10))
        assert (row.respondents, row.overall) == (own.respondents, own.overall)
        assert row.th == site.config.site.name.th
    silent = report.centres[-1]
    assert (silent.respondents, silent.last_day, silent.overall.band) == (0, None, None)
    assert (report.respondents, report.reporting) == (6, 2)
    # the province line pools every answer: (5+4+3)×4 + (2+2+5)×4 over 24 answers
    assert str(report.overall.mean) == "3.50"


def test_the_province_report_from_the_cli_is_a_spreadsheet_naming_each_centre(
    centres, database_url, tmp_path
):
    from openpyxl import load_workbook

    prepare_central(database_url)
    for site in centres:
        send(site, database_url)
    out = tmp_path / "province.xlsx"
    args = ["report", "province", "--database", database_url, "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--fiscal-year", "2569", "--quarter", "1"])
    assert result.exit_code == 0, result.output
    assert "2 centres (2 with answers), 6 respondents" in result.output
    cells = [c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row]
    assert "ศูนย์บริการร่วม เทศบาลเมืองหนองคาย (nongkhai)" in cells
    assert "รวมทั้งจังหวัด / Province" in cells


def test_the_province_report_of_an_unreachable_database_is_a_clear_error(tmp_path):
    url = "postgresql+psycopg://oss:x@127.0.0.1:1/central"
    args = ["report", "province", "--database", url, "--out", str(tmp_path / "p.pdf")]
    result = CliRunner().invoke(main, [*args, "--fiscal-year", "2569", "--quarter", "1"])
    assert result.exit_code == 1
    assert "cannot read the central database" in result.output


def test_the_cli_refuses_to_send_a_centre_to_its_own_database(centres):
    north = centres[0]
    args = ["sync", "--config", str(north.path), "--to", north.database_url]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "this centre's own database" in result.output


def test_a_relative_central_sqlite_file_is_beside_site_yaml(centres):
    north = centres[0]
    north.path.write_text(
        north.path.read_text() + "province:\n  database:\n    url: sqlite:///central.db\n"
    )
    result = CliRunner().invoke(main, ["sync", "--config", str(north.path)])
    assert result.exit_code == 0, result.output
    assert (north.base_dir / "central.db").exists()


def test_a_central_database_newer_than_this_centre_is_refused(centres, tmp_path):
    central = f"sqlite:///{tmp_path}/newer.db"
    prepare_central(central)
    engine = make_engine(central)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    result = CliRunner().invoke(main, ["sync", "--config", str(centres[0].path), "--to", central])
    assert result.exit_code == 2
    assert "central database: the database is at schema revision 9999" in result.output
