"""Reports in the console: today's figures, and the report files as downloads."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from starlette.testclient import TestClient

from queue_server.web.console import Console

from .conftest import sign_in


def test_the_reports_page_shows_todays_tickets_and_when_the_quarter_is_due(
    web: TestClient, console: Console
) -> None:
    for _ in range(3):
        console.centre.service.issue("general-petition")
    page = sign_in(web).get("/reports").text
    assert '<span class="big">3</span>' in page
    assert "กำหนดส่งจังหวัด" in page and "ไตรมาส" in page


def test_the_daily_report_downloads_as_a_workbook_that_opens(
    web: TestClient, console: Console
) -> None:
    console.centre.service.issue("general-petition")
    day = console.clock().date().isoformat()
    answer = sign_in(web).get(f"/reports/daily.xlsx?day={day}")
    assert answer.status_code == 200
    assert f'filename="{console.site.id}-daily-{day}.xlsx"' in answer.headers["content-disposition"]
    book = load_workbook(io.BytesIO(answer.content))
    assert any("1" in str(cell.value) for row in book.active.iter_rows() for cell in row)


def test_the_quarters_satisfaction_report_downloads_as_a_pdf(web: TestClient) -> None:
    answer = sign_in(web).get("/reports/satisfaction.pdf?quarter=2569-1")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")


def test_a_report_with_a_bad_date_says_so_and_sends_nothing(web: TestClient) -> None:
    answer = sign_in(web).get("/reports/daily.csv?day=2569-13-45")
    assert answer.status_code == 400 and "วันที่ไม่ถูกต้อง" in answer.text


def test_the_reports_page_warns_when_the_quarters_report_falls_due(
    web: TestClient, console: Console, clock
) -> None:  # type: ignore[no-untyped-def]
    clock.now = clock.now.replace(month=12, day=20)  # due 30 December 2569
    page = sign_in(web).get("/reports").text
    assert "กำหนดส่งจังหวัด 30 ธันวาคม 2569 (อีก 10 วัน)" in page


def test_the_province_sync_shows_the_last_day_the_province_holds(
    web: TestClient, console: Console, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from queue_server.storage.sync import prepare_central

    central = f"sqlite:///{tmp_path}/province.db"
    prepare_central(central)
    site_yaml = console.site.path
    site_yaml.write_text(
        site_yaml.read_text() + f"province:\n  database:\n    url: {central}\n", encoding="utf-8"
    )
    assert "ยังไม่เคยส่ง" in sign_in(web).get("/reports").text  # configured, nothing sent yet


def test_the_cases_report_takes_dates_as_staff_write_them_in_the_buddhist_era(
    web: TestClient,
) -> None:
    answer = sign_in(web).get("/reports/cases.csv?from=1/11/2569&to=30/11/2569")
    assert answer.status_code == 200
    assert (
        'filename="maekorn-cases-2026-11-01-2026-11-30.csv"'
        in answer.headers["content-disposition"]
    )


def test_a_date_is_read_in_either_era_and_a_wrong_one_is_none() -> None:
    from datetime import date

    from queue_server.web.base import be_date, typed_date

    assert typed_date("5/12/2569") == date(2026, 12, 5) == typed_date("2569-12-05")
    assert typed_date("2026-12-05") == date(2026, 12, 5)
    assert typed_date("31/2/2569") is None and typed_date("tomorrow") is None
    assert be_date(date(2026, 12, 5)) == "5/12/2569"
