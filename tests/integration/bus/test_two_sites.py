"""Two centres on one broker and one database (as a province would run them): never mixed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assets import DEFAULT_CATALOG, DEFAULT_SITE
from queue_server.bus.client import BusClient
from queue_server.config import Site, load_site
from tests.integration.bus.conftest import PIN, site_server, wait_for
from tests.integration.conftest import Clock
from tests.support.brokers import RunningBroker
from tests.support.databases import migrated
from tests.support.stored import stored_tickets


def make_site(folder: Path, site_id: str, database: Path, prefix: str) -> Site:
    """A site whose client ids start with ``prefix``: MQTT client ids are broker-wide."""
    folder.mkdir()
    shutil.copy(DEFAULT_CATALOG, folder / "catalog.yaml")
    text = DEFAULT_SITE.read_text(encoding="utf-8").replace("  id: maekorn", f"  id: {site_id}")
    text = re.sub(r"^  ([a-z]+-\d): ", rf"  {prefix}\1: ", text, flags=re.M)
    text = text.replace("url: sqlite:///data/oss-queue.db", f"url: sqlite:///{database}")
    (folder / "site.yaml").write_text(text, encoding="utf-8")
    return load_site(folder / "site.yaml")


@pytest.fixture
def two_sites(
    tmp_path: Path, broker: RunningBroker, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Site, Site]]:
    monkeypatch.delenv("OSS_QUEUE_DATABASE_URL", raising=False)
    database = tmp_path / "province.db"
    sites = (
        make_site(tmp_path / "a", "two-sites-a", database, "a-"),
        make_site(tmp_path / "b", "two-sites-b", database, "b-"),
    )
    migrated(sites[0].database_url)
    running = [site_server(site, broker, clock) for site in sites]
    yield sites
    for server, service in running:
        server.stop()
        service.close()


def connect(site: Site, client_id: str, role: str, broker: RunningBroker) -> BusClient:
    client = BusClient(site=site.id, client_id=client_id, role=role, broker_url=broker.url)
    client.start()
    return client


def test_two_sites_number_call_and_publish_apart(
    two_sites: tuple[Site, Site], broker: RunningBroker
) -> None:
    a, b = two_sites
    kiosk_a, kiosk_b = (
        connect(a, "a-kiosk-1", "kiosk", broker),
        connect(b, "b-kiosk-1", "kiosk", broker),
    )
    display_b = connect(b, "b-display-1", "display", broker)
    boards: list[dict] = []
    display_b.on_board(lambda _t, data: boards.append(data))
    try:
        numbers_a = [kiosk_a.call("ticket.issue", {"service": "general-petition"}).number
                     for _ in range(2)]  # fmt: skip
        number_b = kiosk_b.call("ticket.issue", {"service": "general-petition"}).number
        assert numbers_a == ["D001", "D002"] and number_b == "D001"  # each site its own numbers

        counter_b = connect(b, "b-counter-2", "counter", broker)
        counter_b.call("staff.login", {"staff": "s01", "pin": PIN})
        counter_b.call("counter.open", {"counter": "2", "staff": "s01"})
        called = counter_b.call("counter.call_next", {"counter": "2", "staff": "s01"})
        assert called.number == "D001"
        counter_b.stop()

        wait_for(display_b, lambda: bool(boards) and boards[-1].waiting_by_prefix["D"] == 0)
        assert all(board.site == b.id for board in boards)
    finally:
        for client in (kiosk_a, kiosk_b, display_b):
            client.stop()
    site_of = {t["number"] + "@" + t["site_id"]: t["state"] for t in stored_tickets(a)}
    site_of.update({t["number"] + "@" + t["site_id"]: t["state"] for t in stored_tickets(b)})
    assert site_of == {
        f"D001@{a.id}": "waiting",
        f"D002@{a.id}": "waiting",
        f"D001@{b.id}": "called",
    }
