"""The province board in a real window, reading two centres' servers on one Mosquitto.

In production each centre's bridge carries the same topics to the province
broker (tests/integration/bus/test_province_bridge.py); here both centres
publish to the broker the board reads, which is the same thing to it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from queue_server.bus.client import BusClient
from queue_server.config import Site, load_site
from screens.province.app import ProvinceController
from tests.integration.bus.conftest import site_server
from tests.integration.bus.test_two_sites import make_site
from tests.integration.conftest import Clock
from tests.support.brokers import RunningBroker
from tests.support.databases import migrated
from tests.support.kivy_window import Window
from tests.support.peers import Peer

_runs = itertools.count(1)


def named(site: Site, th: str) -> Site:
    text = site.path.read_text(encoding="utf-8")
    text = re.sub(r"short_name: \{th: [^,]+,", f"short_name: {{th: {th},", text)
    site.path.write_text(text, encoding="utf-8")
    return load_site(site.path)


@pytest.fixture
def centres(tmp_path: Path, broker: RunningBroker, clock: Clock, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("OSS_QUEUE_DATABASE_URL", raising=False)

    database = tmp_path / "both.db"
    n = next(_runs)  # retained boards outlive a test on the session's broker: new ids each time
    a = named(make_site(tmp_path / "a", f"prov{n}-maekorn", database, "a-"), "อบต.แม่กรณ์")
    b = named(make_site(tmp_path / "b", f"prov{n}-nanglae", database, "b-"), "เทศบาลตำบลนางแล")
    migrated(a.database_url)
    running = {site.id: site_server(site, broker, clock) for site in (a, b)}
    yield a, b, running
    for server, service in running.values():
        server.stop()
        service.close()


@pytest.fixture
def province(broker: RunningBroker, window: Window, clock: Clock) -> Iterator[ProvinceController]:
    client = BusClient(
        site="province",
        client_id="province-board",
        role="admin",
        broker_url=broker.url,
        presence=False,
    )
    controller = ProvinceController(client, page_seconds=600, now=clock)
    window.show(controller.screen, (1920, 1080))
    controller.start()
    yield controller
    controller.stop()


def app(site: Site, client_id: str, role: str, broker: RunningBroker) -> BusClient:
    client = BusClient(site=site.id, client_id=client_id, role=role, broker_url=broker.url)
    client.start()
    return client


def card_of(controller: ProvinceController, site: Site):
    return next(c for c in controller.screen.cards if c.site == site.id)


def test_the_board_shows_each_centre_and_what_needs_staff(
    centres, province: ProvinceController, broker: RunningBroker, window: Window
) -> None:
    a, b, _ = centres
    kiosk_a = app(a, "a-kiosk-1", "kiosk", broker)
    kiosk_b = app(b, "b-kiosk-1", "kiosk", broker)
    try:
        for _ in range(2):
            kiosk_a.call("ticket.issue", {"service": "general-petition"})
        kiosk_b.set_presence(printer_online=True, paper="out", printer_error=None)
        window.pump(
            8,
            until=lambda: "รอ 2 คน" in window.texts() and "กระดาษหมด" in window.texts(),
        )
        window.shot("province-01-two-centres")
        # เทศบาล… before อบต…, as a Thai reader looks them up
        assert [c.site for c in province.screen.cards[:2]] == [b.id, a.id]
        assert card_of(province, a).waiting.words == "รอ 2 คน"
        assert "ตู้บัตรคิว b-kiosk-1: กระดาษหมด" in card_of(province, b).alerts.words
    finally:
        kiosk_a.stop()
        kiosk_b.stop()


def test_a_centre_whose_server_stops_turns_red(
    centres, province: ProvinceController, broker: RunningBroker, window: Window
) -> None:
    a, _, running = centres
    window.pump(8, until=lambda: any(c.site == a.id for c in province.screen.cards))
    server, _ = running[a.id]
    server.stop()  # its Last Will says offline
    window.pump(8, until=lambda: "ระบบคิวไม่ทำงาน" in card_of(province, a).status.words)
    window.shot("province-02-server-down")
    assert card_of(province, a).waiting.words == "–"


def test_the_board_only_reads(centres, province: ProvinceController, broker: RunningBroker, window):
    watcher = Peer(broker.port, "watcher", None, None)
    watcher.subscribe("oss/+/presence/#")
    window.pump(2)
    watcher.close()
    assert all(b"province-board" not in payload for _, payload in watcher.messages)


def test_more_centres_than_a_page_holds_turn_pages(window: Window) -> None:
    from queue_server.domain.catalog import Text
    from screens.province.board import ProvinceScreen
    from screens.province.view import OPEN, STATUS, CentreTile, ProvinceView

    tiles = tuple(
        CentreTile(
            site=f"c{i:02}", name=Text(f"อบต.ที่ {i}", f"SAO {i}"), status=OPEN,
            status_text=STATUS[OPEN], waiting=i, counters_open=1, counters=2,
            longest_wait=None, last_call=None, alerts=(), heard=None,
        )
        for i in range(13)
    )  # fmt: skip
    view = ProvinceView(tiles=tiles, open=13, down=0, waiting=78, alerts=0)
    screen = ProvinceScreen()
    window.show(screen, (1920, 1080))
    screen.show(view, page=1, online=True)
    window.pump(0.3)
    shown = [card.site for card in screen.cards if card.opacity]
    assert shown == ["c12"] and "หน้า 2/2" in screen.footer_label.words
    screen.show(view, page=2, online=False)  # back to the first page; the broker is gone
    window.pump(0.3)
    window.shot("province-03-page-one-offline")
    assert len([c for c in screen.cards if c.opacity]) == 12
    assert "ขาดการเชื่อมต่อ" in screen.footer_label.words
