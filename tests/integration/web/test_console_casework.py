"""The registers in the console: forwarded cases and complaints, their filters and updates."""

from __future__ import annotations

import contextlib

from starlette.testclient import TestClient

from queue_server.domain.cases import CaseStatus, Channel, Forwarding, Outcome
from queue_server.domain.complaints import Category, Kind
from queue_server.domain.errors import DomainError
from queue_server.domain.queue_day import QueueDay
from queue_server.web.console import Console

from .conftest import csrf_of, post, sign_in

MAE_KORN = "องค์การบริหารส่วนตำบลแม่กรณ์"


def forwarded_case(console: Console, agency: str = MAE_KORN) -> str:
    service = console.centre.service
    number = service.issue("general-petition").result.number
    with contextlib.suppress(DomainError):  # already open for an earlier case
        service.at_counter(QueueDay.open_counter, "2", "s01")
    for act in (QueueDay.call_next, QueueDay.serve, QueueDay.complete):
        service.at_counter(act, "2", "s01")
    sent = Forwarding(agency, Channel.PAPER, console.clock().date(), contact="0812345678",
                      consent=True)  # fmt: skip
    return service.cases.record(number, Outcome.FORWARDED, "s01", sent).result.case.case.reference


def test_the_case_list_shows_open_cases_with_their_age_and_status(
    web: TestClient, console: Console
) -> None:
    reference = forwarded_case(console)
    page = sign_in(web).get("/cases").text
    assert reference in page and MAE_KORN in page and "ส่งเรื่องแล้ว" in page


def test_the_case_list_filters_by_status(web: TestClient, console: Console) -> None:
    first, second = forwarded_case(console), forwarded_case(console)
    console.centre.service.cases.update(second, CaseStatus.RECEIVED, "s01")
    page = sign_in(web).get("/cases?status=received").text
    assert second in page and first not in page


def test_a_case_moves_on_from_the_console_and_the_audit_log_keeps_before_and_after(
    web: TestClient, console: Console
) -> None:
    reference = forwarded_case(console)
    sign_in(web)
    answer = post(web, f"/cases/{reference}", {"status": "received", "agency_ref": "มก 12/69"})
    assert answer.status_code == 303  # type: ignore[attr-defined]
    case = console.centre.service.cases.get(reference).case
    assert (case.status, case.agency_ref) == (CaseStatus.RECEIVED, "มก 12/69")
    entry = console.audit.recent(1)[0]
    assert (entry.staff, entry.action, entry.target) == ("s01", "case.update", reference)
    assert (entry.before["status"], entry.after["status"]) == ("sent", "received")
    assert "0812345678" not in str(entry.before) + str(entry.after)  # never the contact


def test_a_case_cannot_go_back_and_the_page_says_why(web: TestClient, console: Console) -> None:
    reference = forwarded_case(console)
    console.centre.service.cases.update(reference, CaseStatus.DONE, "s01")
    sign_in(web)
    token = csrf_of(web.get(f"/cases/{reference}").text)
    answer = web.post(f"/cases/{reference}", data={"status": "sent", "csrf": token})
    assert answer.status_code == 400
    assert "เปลี่ยนสถานะย้อนหลัง" in answer.text
    assert console.centre.service.cases.get(reference).case.status is CaseStatus.DONE
    assert console.audit.recent() == []


def test_an_unknown_case_is_a_page_that_says_so(web: TestClient) -> None:
    answer = sign_in(web).get("/cases/ส-2569-999999")
    assert answer.status_code == 404 and "ไม่พบเลขที่เรื่องนี้" in answer.text


def complaint(console: Console, text: str = "รอนานมาก") -> str:
    told = console.centre.service.complaints.submit(
        Kind.COMPLAINT, Category.WAITING, text, "kiosk-1"
    )
    return told.result.complaint.reference


def test_a_complaint_is_answered_and_the_answer_is_scrubbed_of_a_phone_number(
    web: TestClient, console: Console
) -> None:
    reference = complaint(console)
    sign_in(web)
    post(web, f"/complaints/{reference}", {"status": "acknowledged"})
    answer = post(web, f"/complaints/{reference}",
                  {"status": "answered", "answer": "เพิ่มช่องบริการแล้ว โทร 081-234-5678"})  # fmt: skip
    assert answer.status_code == 303  # type: ignore[attr-defined]
    page = web.get(f"/complaints/{reference}").text
    assert "เพิ่มช่องบริการแล้ว" in page and "081-234-5678" not in page and "ตอบแล้ว" in page


def test_the_complaint_list_filters_by_kind(web: TestClient, console: Console) -> None:
    told = complaint(console)
    idea = console.centre.service.complaints.submit(
        Kind.SUGGESTION, Category.FACILITIES, "ควรมีที่จอดรถ", "kiosk-1"
    ).result.complaint.reference
    page = sign_in(web).get("/complaints?kind=suggestion").text
    assert idea in page and told not in page


def test_a_cases_page_shows_its_whole_history_the_counters_updates_too(
    web: TestClient, console: Console
) -> None:
    reference = forwarded_case(console)
    console.centre.service.cases.update(reference, CaseStatus.RECEIVED, "s05")  # at a counter
    page = sign_in(web).get(f"/cases/{reference}").text
    history = page[page.index("ประวัติ") :]
    assert "s05" in history and "หน่วยงานรับเรื่องแล้ว" in history and "23 พ.ย. 2569" in history
