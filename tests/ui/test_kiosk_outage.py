"""The broker goes away mid-flow: the kiosk asks the citizen to see staff, keeps trying
with the same request, and the one tap still yields exactly one ticket."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.app import KioskController
from queue_server.bus.server import QueueServer
from queue_server.config import Site
from tests.support.brokers import RunningBroker, start_mosquitto
from tests.support.fake_printer import TcpPrinter
from tests.support.kivy_window import Window
from tests.support.stored import stored_tickets
from tests.ui.kiosk_support import kiosk_link, kiosk_site, tap_service
from tests.ui.test_kiosk import SIZE, printer  # noqa: F401


@pytest.fixture
def broker() -> Iterator[RunningBroker]:
    running = start_mosquitto()
    yield running
    running.stop()


def test_a_tap_while_the_broker_is_down_gives_one_ticket_when_it_is_back(
    server: QueueServer,
    site: Site,
    broker: RunningBroker,
    window: Window,
    printer: TcpPrinter,  # noqa: F811
) -> None:
    configured = kiosk_site(site, printer, patience_seconds=1)
    kiosk = KioskController(configured, kiosk_link(configured, broker.url))
    window.show(kiosk.root, SIZE)
    kiosk.start()
    try:
        window.pump(5, until=lambda: not kiosk.category_buttons[0].disabled)
        window.tap(window.button("category-local"))
        tap_service(window, "general-petition")
        broker.kill()
        window.pump(10, until=lambda: not kiosk.link.online)
        window.tap(window.button("ticket-normal"))
        window.pump(4, until=lambda: "แจ้งเจ้าหน้าที่" in kiosk.ticket_note.words)
        window.shot("kiosk-13-broker-down")
        kiosk.last_touch -= 600  # the idle timeout must not abandon a ticket being issued
        window.pump(1)
        assert kiosk.root.current == "ticket"
        broker.restart()
        window.pump(30, until=lambda: bool(kiosk.issued))
        window.pump(5, until=lambda: kiosk.print_result is not None)
        window.shot("kiosk-14-after-outage")
    finally:
        kiosk.stop()
    assert [t.number for t in kiosk.issued] == ["D001"]
    assert [t["number"] for t in stored_tickets(site)] == ["D001"]
