"""The forwarded-cases report from a real database: by agency, status and age."""

from datetime import timedelta

import openpyxl
import pytest

from queue_server.domain.cases import CaseStatus, Channel, Forwarding, Outcome
from queue_server.domain.queue_day import QueueDay
from queue_server.domain.service_day import service_day_of
from queue_server.reports.cases import case_report
from queue_server.reports.writers import write_cases
from queue_server.testing import MONDAY

MAE_KORN = "องค์การบริหารส่วนตำบลแม่กรณ์"
DISABILITY = "กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ"


def forward(service, clock, agency: str) -> str:
    number = service.issue("general-petition").result.number
    for act in (QueueDay.call_next, QueueDay.complete):
        service.at_counter(act, "2", "s01")
    sent = Forwarding(agency, Channel.PAPER, service_day_of(clock()))
    return service.cases.record(number, Outcome.FORWARDED, "s01", sent).result.case.case.reference


@pytest.fixture
def three_cases(service, clock):
    """Two for the อบต. (one answered in 4 days), one for the department, late by now."""
    service.at_counter(QueueDay.open_counter, "2", "s01")
    first = forward(service, clock, MAE_KORN)
    second = forward(service, clock, DISABILITY)
    number = service.issue("general-petition").result.number
    service.at_counter(QueueDay.call_next, "2", "s01")
    service.at_counter(QueueDay.complete, "2", "s01")
    service.cases.record(number, Outcome.DOCUMENTS_MISSING, "s01")
    third = forward(service, clock, MAE_KORN)
    clock.advance(minutes=4 * 24 * 60)
    service.cases.update(first, CaseStatus.DONE, "s01")
    return first, second, third


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_cases_by_agency_with_the_median_days_to_an_answer(site, three_cases) -> None:
    report = case_report(site, MONDAY, MONDAY, MONDAY + timedelta(days=20))
    lines = {a.agency: a for a in report.by_agency()}
    assert (lines[MAE_KORN].cases, lines[MAE_KORN].open, lines[MAE_KORN].answered) == (2, 2, 1)
    assert lines[MAE_KORN].median_days_to_answer == 4
    assert lines[MAE_KORN].in_time_share == 100.0  # 4 days of its 15
    assert (lines[DISABILITY].overdue, lines[MAE_KORN].overdue) == (1, 1)  # 20 > 15 days
    assert report.outcomes == {"forwarded": 3, "documents_missing": 1}
    assert report.by_status()[CaseStatus.DONE] == 1
    assert report.open_ages() == [0, 0, 2, 0]  # the two still with an agency, 20 days old


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_xlsx_lists_the_cases_to_follow_up(site, three_cases, tmp_path):
    out = tmp_path / "cases.xlsx"
    assert "3 cases, 3 open" in write_cases(site, MONDAY, MONDAY, out, "xlsx")
    cells = [str(c.value) for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert all(ref in cells for ref in three_cases)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_complaints_are_counted_by_category_and_suggestions_listed(site, service, clock, tmp_path):
    from queue_server.domain.complaints import Category, Kind, Status
    from queue_server.reports.complaints import complaint_summary

    said = service.complaints.submit(Kind.COMPLAINT, Category.WAITING, "รอนาน", "kiosk-1")
    service.complaints.submit(Kind.SUGGESTION, Category.FACILITIES, "ขอที่จอดรถเพิ่ม", "rating-2")
    clock.advance(minutes=3 * 24 * 60)
    reference = said.result.complaint.reference
    service.complaints.update(reference, Status.ANSWERED, "s01", "เพิ่มช่องบริการแล้ว")
    service.complaints.update(reference, Status.CLOSED, "s01")
    summary = complaint_summary(site, MONDAY, MONDAY, MONDAY + timedelta(days=5))
    assert summary.count(Kind.COMPLAINT, Category.WAITING) == 1
    assert [s.text for s in summary.suggestions] == ["ขอที่จอดรถเพิ่ม"]
    assert summary.median_days_to_close() == 3
    out = tmp_path / "casework.xlsx"
    assert "2 complaints and suggestions" in write_cases(site, MONDAY, MONDAY, out, "xlsx")
    cells = [str(c.value) for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert "ขอที่จอดรถเพิ่ม" in cells and "เพิ่มช่องบริการแล้ว" in cells
