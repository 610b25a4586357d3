"""What each kiosk page says, decided without a window (kiosk/pages.py)."""

from datetime import datetime

import pytest

from assets import DEFAULT_SITE
from kiosk.pages import CardPage, ServicesPage, StaffMenu, TicketPage, WelcomePage, printed
from printers.status import Paper, PrinterStatus, PrintOutcome
from queue_server.bus import messages as m
from queue_server.config import load_site
from queue_server.domain.catalog import Text
from queue_server.domain.service_day import BANGKOK


@pytest.fixture(scope="module")
def site():
    return load_site(DEFAULT_SITE)


def a_ticket(**changes) -> m.TicketWire:
    fields = {"number": "D003", "service": "general-petition", "kind": "onsite",
              "priority": False, "state": "waiting", "people_ahead": 2,
              "wait_minutes": [5, 15]}  # fmt: skip
    return m.TicketWire(**{**fields, **changes})


def test_welcome_offers_the_categories_that_have_services_in_the_citizens_language(site) -> None:
    page = WelcomePage.of(site, "en", open=True, online=True)
    assert page.notice is None
    assert [c.name for c in page.categories] == [
        f"category-{c.id}" for c in site.catalog.categories if site.catalog.in_category(c.id)
    ]
    assert page.prompt == "Tap the kind of service you need"
    assert "ยินดีต้อนรับ" in page.greeting and "Welcome" in page.greeting  # both, always


def test_welcome_when_closed_says_when_the_centre_opens(site) -> None:
    page = WelcomePage.of(site, "th", open=False, online=True)
    assert page.notice is not None and "ปิดรับบัตรคิว" in page.notice and "08:30" in page.notice


def test_welcome_when_the_server_is_unreachable_says_ask_staff_before_opening_hours(site) -> None:
    page = WelcomePage.of(site, "th", open=False, online=False)
    assert page.notice is not None and "กรุณาติดต่อเจ้าหน้าที่" in page.notice


def test_a_category_page_lists_its_services_by_name(site) -> None:
    page = ServicesPage.of(site, "local", "th")
    assert [c.name for c in page.services][:3] == [
        "service-general-petition", "service-citizen-assistance", "service-meeting-room-booking",
    ]  # fmt: skip
    assert page.heading.endswith("แตะเลือกบริการ")


def test_a_service_card_says_what_to_bring_and_goes_back_to_its_category(site) -> None:
    service = site.catalog.get("driving-licence-queue")
    card = CardPage.of(site, service, "th")
    assert card.documents.startswith("เอกสารที่ต้องนำมา" if service.documents else "ไม่ต้องใช้เอกสาร")
    assert card.back_to == "citizen"
    assert card.manual.startswith("2 ขั้นตอน · ไม่มีค่าธรรมเนียม")  # the citizens' manual
    assert "ไม่ต้องใช้สำเนา" in card.documents  # Zero-Copy
    assert card.normal.startswith("ไม่ใช่") and card.priority.startswith("ใช่")


def test_the_ticket_page_cannot_be_left_while_the_ticket_is_on_its_way() -> None:
    assert not TicketPage.issuing("th").can_leave
    refused = TicketPage.refused(Text("ปิดแล้ว", "Closed"), "en")
    assert refused.can_leave and refused.alert and refused.note == "Closed"


def test_an_issued_ticket_shows_its_number_service_priority_and_wait(site) -> None:
    page = TicketPage.issued(a_ticket(priority=True), site, "th")
    assert page.number == "D003" and page.note.endswith("· คิวพิเศษ")
    assert page.detail == "รออีก 2 คิว · ประมาณ 5–15 นาที"


def test_a_failed_print_asks_the_citizen_to_note_the_number() -> None:
    assert printed(PrintOutcome.FAILED, "en") == (
        "The printer is not working: please note or photograph this number",
        True,
    )
    assert printed(PrintOutcome.PRINTED, "th")[1] is False


def test_the_staff_menu_reports_the_printer_and_where_the_catalog_came_from() -> None:
    status = PrinterStatus(online=True, paper=Paper.LOW)
    menu = StaffMenu.of(status, 25, datetime(2026, 11, 23, 2, 5, tzinfo=BANGKOK))
    assert "paper=low" in menu.printer
    assert menu.catalog == (
        "รายการบริการ 25 รายการ จากเซิร์ฟเวอร์ ปรับปรุง 02:05 น. · 25 services from the server, "
        "updated 02:05"
    )
    assert "local file" in StaffMenu.of(None, 25, None).catalog
