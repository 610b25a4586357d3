"""The citizen's phone in headless Chromium (a phone's screen and touch) against the real
parts: Mosquitto, the queue server, the web server's bus reader on a real port, and a
ticket printed to a TCP printer whose QR is read back from the captured bytes.

Scan → the ticket's page → called (chime and buzz) → served → rated once; the web
server restarted under an open page; yesterday's ticket. Screenshots in
test-output/phone.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest

from printers.backends import make_printer
from printers.tickets import TicketPrinting
from queue_server.bootstrap import centre
from queue_server.bus.client import BusClient, BusError
from queue_server.bus.server import QueueServer
from queue_server.config import Site
from queue_server.config.models import NetworkPrinter
from queue_server.web.app import build_app
from queue_server.web.console import Console
from queue_server.web.feed import FloorFeed
from tests.integration.bus.conftest import signed_in_counter
from tests.integration.conftest import Clock
from tests.support.brokers import RunningBroker, free_port
from tests.support.browser import chromium, served, shot
from tests.support.escpos_decode import decode
from tests.support.fake_printer import TcpPrinter
from thaitext.words import unmarked

pytestmark = pytest.mark.slow
PHONE = {"viewport": {"width": 393, "height": 851}, "is_mobile": True, "has_touch": True}
# what the page's script can tell: a buzz asked for (a headless browser has no motor)
COUNT_BUZZES = (
    "navigator.vibrate = function () { window.buzzes = (window.buzzes || 0) + 1; return true; };"
)


@dataclasses.dataclass
class Web:
    """The web server on a fixed port, which a test may stop and start again."""

    site: Site
    broker: RunningBroker
    clock: Clock
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @contextmanager
    def running(self) -> Iterator[Console]:
        reader = BusClient(
            site=self.site.id, client_id="console", role="web", broker_url=self.broker.url,
            credentials=self.broker.credentials("console"),
        )  # fmt: skip
        parts = centre(self.site, self.clock)
        console = Console(self.site, parts, FloorFeed(reader), self.clock)
        try:
            with served(build_app(console), self.port):
                yield console
        finally:
            parts.close()


@pytest.fixture
def web(bus_site: Site, broker: RunningBroker, clock: Clock, server: QueueServer) -> Web:
    return Web(bus_site, broker, clock, free_port())


def shows(page: Any, selector: str, words: str, timeout_ms: int) -> None:
    """Wait until ``selector`` reads ``words`` (the marks of Thai line breaks aside)."""
    end = time.monotonic() + timeout_ms / 1000
    while words not in unmarked(page.locator(selector).inner_text()):
        if time.monotonic() > end:
            raise AssertionError(f"{selector} never showed {words!r}")
        page.wait_for_timeout(20)


def printed_qr(web: Web, ticket: Any) -> str:
    """The kiosk's printing of ``ticket`` to a TCP printer, decoded; what its QR says."""
    import zxingcpp

    config = web.site.config.model_copy(
        update={"web": web.site.config.web.model_copy(update={"phone_url": web.url})}
    )
    printer = TcpPrinter()
    try:
        backend = make_printer(
            NetworkPrinter(backend="network", host="127.0.0.1", port=printer.port)
        )
        printing = TicketPrinting(dataclasses.replace(web.site, config=config), backend)
        printing.print_ticket(ticket)
        image = decode(printer.ticket_bytes()).image(printing.width)
    finally:
        printer.close()
    (read,) = zxingcpp.read_barcodes(image.convert("L"))
    return read.text


def test_scan_follow_called_served_rated(
    web: Web, app: Callable[..., BusClient], server: QueueServer
) -> None:
    kiosk = app("kiosk-1")
    kiosk.call("ticket.issue", {"service": "general-petition"})
    ticket = kiosk.call("ticket.issue", {"service": "general-petition"})
    address = printed_qr(web, ticket)
    assert address == f"HTTP://127.0.0.1:{web.port}/T/{ticket.token}"
    terminal = signed_in_counter(app, "counter-2", "2")
    with web.running(), chromium(**PHONE) as phone:
        phone.add_init_script(COUNT_BUZZES)
        page = phone.new_page()
        page.goto(address)  # the camera app opens what the QR holds
        shows(page, "#ahead", "รออีก 1 คิว", 3000)
        page.click("#sound")  # the citizen allows the chime
        shot(page, "phone-01-waiting", "phone")
        terminal.call("counter.call_next", {"counter": "2", "staff": "s01"})  # the first
        shows(page, "#ahead", "ท่านเป็นคิวถัดไป", 3000)
        terminal.call("counter.complete", {"counter": "2", "staff": "s01"})
        buzzes_before = page.evaluate("window.buzzes || 0")
        terminal.call("counter.call_next", {"counter": "2", "staff": "s01"})  # this phone's
        shows(page, "#ahead", "เชิญที่", 3000)
        assert unmarked(page.locator("#headline").inner_text()) == "ถึงคิวของท่านแล้ว"
        assert page.evaluate("window.buzzes || 0") > buzzes_before
        shot(page, "phone-02-called", "phone")
        terminal.call("counter.complete", {"counter": "2", "staff": "s01"})
        page.locator("form#rate").wait_for(timeout=5000)  # the page reloads to offer it
        shot(page, "phone-03-rate", "phone")
        for label in page.locator("fieldset .scale").all():
            label.locator("label.l5").click()
        page.locator("label.chip").first.click()
        page.click("form#rate button[type=submit]")
        page.locator(".thanks").wait_for(timeout=3000)
        shot(page, "phone-04-thanks", "phone")
        page.go_back()  # the form again from the history: sent twice, kept once
        page.reload()
        assert page.locator("form#rate").count() == 0
    with pytest.raises(BusError) as tablet:  # rated once: the tablet is refused
        app("rating-2").call("rating.check", {"number": ticket.number}, timeout=5)
    assert tablet.value.code == "already_rated"


def test_an_open_page_catches_up_after_the_web_server_restarts(
    web: Web, app: Callable[..., BusClient]
) -> None:
    ticket = app("kiosk-1").call("ticket.issue", {"service": "general-petition"})
    terminal = signed_in_counter(app, "counter-2", "2")
    with chromium(**PHONE) as phone:
        page = phone.new_page()
        with web.running():
            page.goto(f"{web.url}/t/{ticket.token}")
            shows(page, "#ahead", "ท่านเป็นคิวถัดไป", 3000)
        terminal.call("counter.call_next", {"counter": "2", "staff": "s01"})  # while it is down
        page.locator("#conn").wait_for(state="visible", timeout=5000)
        shot(page, "phone-05-reconnecting", "phone")
        with web.running():
            started = time.monotonic()
            shows(page, "#headline", "ถึงคิวของท่านแล้ว", 10000)
            assert page.locator("#conn").is_hidden()
            assert time.monotonic() - started < 10


def test_yesterdays_ticket_opens_a_page_that_says_so(
    web: Web, app: Callable[..., BusClient], clock: Clock
) -> None:
    ticket = app("kiosk-1").call("ticket.issue", {"service": "general-petition"})
    clock.now += timedelta(days=1)
    with web.running(), chromium(**PHONE) as phone:
        page = phone.new_page()
        answer = page.goto(f"{web.url}/t/{ticket.token}")
        assert answer.status == 410
        assert "ใช้ได้เฉพาะวันที่ออกบัตร" in unmarked(page.content())
        shot(page, "phone-06-expired", "phone")
