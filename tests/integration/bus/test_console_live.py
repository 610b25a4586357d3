"""The console in headless Chromium against the real parts: Mosquitto, the queue server,
the console's own bus reader and its web server on a real port.

Sign in, watch a call reach the live floor, walk every page (screenshots in
test-output/console), download a report and open it, and be refused what the
browser may not do.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from openpyxl import load_workbook

from queue_server.bootstrap import centre
from queue_server.bus.client import BusClient
from queue_server.bus.server import QueueServer
from queue_server.config import Site
from queue_server.domain.staff import StaffRole
from queue_server.web.app import build_app
from queue_server.web.console import Console
from queue_server.web.feed import FloorFeed
from tests.integration.bus.conftest import PIN, signed_in_counter, wait_for
from tests.integration.conftest import Clock
from tests.support.brokers import RunningBroker
from tests.support.browser import chromium, served, shot
from tests.support.processes import server_process

pytestmark = pytest.mark.slow
SUPERVISOR_PIN = "1357"


@pytest.fixture
def console_url(
    bus_site: Site, broker: RunningBroker, clock: Clock, server: QueueServer
) -> Iterator[str]:
    server.staff.set_pin("sup1", SUPERVISOR_PIN, clock(), StaffRole.SUPERVISOR)
    reader = BusClient(
        site=bus_site.id, client_id="console", role="web", broker_url=broker.url,
        credentials=broker.credentials("console"),
    )  # fmt: skip
    parts = centre(bus_site, clock)
    try:
        with served(build_app(Console(bus_site, parts, FloorFeed(reader), clock))) as url:
            yield url
    finally:
        parts.close()


def signed_in(page: Any, url: str, staff: str, pin: str) -> None:
    page.goto(f"{url}/floor")
    page.fill("input[name=staff]", staff)
    page.fill("input[name=pin]", pin)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/floor")


def test_a_call_at_a_counter_reaches_the_live_floor_within_a_second(
    console_url: str, app: Callable[..., BusClient]
) -> None:
    with chromium(viewport={"width": 1366, "height": 900}) as browser:
        page = browser.new_page()
        signed_in(page, console_url, "s01", PIN)
        page.wait_for_selector("#floor .status-line")  # the bus's state is on the page
        number = app("kiosk-1").call("ticket.issue", {"service": "general-petition"}).number
        terminal = signed_in_counter(app, "counter-2", "2")
        waiting = page.locator("#floor tr", has_text="คำร้องทั่วไป")
        waiting.locator("td.num", has_text="1").wait_for(timeout=3000)  # its queue counts it
        called = time.monotonic()
        terminal.call("counter.call_next", {"counter": "2", "staff": "s01"})
        page.locator("#floor td.number", has_text=number).first.wait_for(timeout=1000)
        seen = time.monotonic() - called
        shot(page, "console-01-floor")
        assert seen < 1.0


def test_every_page_opens_for_the_supervisor_and_the_report_downloads(
    console_url: str,
) -> None:
    with chromium(viewport={"width": 1366, "height": 900}) as browser:
        page = browser.new_page()
        signed_in(page, console_url, "sup1", SUPERVISOR_PIN)
        for name, path in (("02-cases", "/cases"), ("03-complaints", "/complaints"),
                           ("04-reports", "/reports"), ("05-staff", "/staff"),
                           ("06-audit", "/audit"), ("11-setup", "/setup"),
                           ("12-hours", "/hours"), ("13-counters", "/counters"),
                           ("14-priority", "/priority"), ("15-catalog", "/catalog")):  # fmt: skip
            answer = page.goto(f"{console_url}{path}")
            assert answer.status == 200, path
            shot(page, f"console-{name}")
        page.goto(f"{console_url}/reports")
        with page.expect_download() as wanted:
            page.locator("form.download").first.locator("button", has_text="XLSX").click()
        book = load_workbook(io.BytesIO(open(wanted.value.path(), "rb").read()))  # noqa: SIM115
        assert book.sheetnames


def test_the_browser_is_refused_a_post_without_the_form_token_and_a_clerk_the_staff_page(
    console_url: str,
) -> None:
    with chromium() as browser:
        page = browser.new_page()
        signed_in(page, console_url, "s01", PIN)
        status = page.evaluate(
            "fetch('/staff/s01/deactivate', {method: 'POST', body: new URLSearchParams("
            "{x: '1'})}).then(r => r.status)"
        )
        assert status == 403
        answer = page.goto(f"{console_url}/staff")
        assert answer.status == 403
        assert "หัวหน้าศูนย์" in page.content()
        shot(page, "console-07-clerk-refused")


def test_the_sign_in_page_on_a_phone(console_url: str) -> None:
    with chromium(viewport={"width": 390, "height": 844}, is_mobile=True) as browser:
        page = browser.new_page()
        page.goto(f"{console_url}/signin")
        shot(page, "console-00-signin-phone")
        signed_in(page, console_url, "s01", PIN)
        shot(page, "console-08-floor-phone")


def test_a_service_renamed_in_the_console_reaches_a_running_kiosk(
    bus_site: Site, broker: RunningBroker, clock: Clock, app: Callable[..., BusClient]
) -> None:
    """The real server process notices the saved catalog as it notices any edit."""
    parts = centre(bus_site, clock)
    parts.staff.set_pin("sup1", SUPERVISOR_PIN, clock(), StaffRole.SUPERVISOR)
    kiosk = app("kiosk-1")
    names: list[str] = []
    kiosk.on_catalog(lambda _t, state: names.append(
        next(s["name"]["th"] for s in state.catalog["services"] if s["code"] == "general-petition")
    ))  # fmt: skip
    console = Console(bus_site, parts, FloorFeed(None), clock)
    try:
        with server_process(bus_site, broker.url), served(build_app(console)) as url:
            wait_for(kiosk, lambda: bool(names))
            with chromium() as browser:
                page = browser.new_page()
                signed_in(page, url, "sup1", SUPERVISOR_PIN)
                page.goto(f"{url}/catalog/general-petition")
                shot(page, "console-09-service")
                page.fill("input[name='typical_minutes']", "ห้านาที")  # a bad edit first
                page.click("form.service-form button[type=submit]")
                problem = page.locator("input[name='typical_minutes'] + .field-error")
                problem.wait_for(timeout=5000)
                shot(page, "console-16-refused-edit")
                page.fill("input[name='typical_minutes']", "8")
                page.fill("input[name='name.th']", "คำร้องทั่วไป (แก้จากหน้าจัดการ)")
                page.click("form.service-form button[type=submit]")
                page.wait_for_url(f"{url}/catalog?saved=general-petition")
                shot(page, "console-10-catalog")
            wait_for(kiosk, lambda: names[-1] == "คำร้องทั่วไป (แก้จากหน้าจัดการ)", timeout=15)
    finally:
        parts.close()
