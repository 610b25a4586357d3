"""Editing the catalog without a restart: the server reloads, republishes, and keeps serving."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from queue_server.bus.client import BusClient, BusError
from queue_server.bus.server import QueueServer
from queue_server.config import Site
from queue_server.ops.holidays import Holiday, add_holidays
from queue_server.testing import MONDAY
from tests.integration.bus.conftest import signed_in_counter, wait_for
from tests.support.brokers import RunningBroker
from tests.support.processes import server_process
from tests.support.sites import add_service, add_services, drop_service, edit_catalog


class CatalogWatcher:
    """An app's view of the retained catalog topic."""

    def __init__(self, client: BusClient) -> None:
        self.client = client
        self.received: list[dict[str, Any]] = []
        client.on_catalog(lambda _topic, data: self.received.append(data))

    def codes(self) -> set[str]:
        return {s["code"] for s in self.received[-1].catalog["services"]}

    def wait_for_codes(self, predicate: Callable[[set[str]], bool], timeout: float = 10) -> None:
        wait_for(self.client, lambda: bool(self.received) and predicate(self.codes()), timeout)


def config_problems(admin: BusClient, server: QueueServer) -> list[str]:
    """What the server's presence says about the last edit, one entry per presence seen."""
    problems: list[str] = []
    admin.subscribe(
        admin.topics.presence("server", server.client_id),
        lambda _t, data: problems.append((data.get("extra") or {}).get("config_problem", "")),
    )
    return problems


def test_the_server_publishes_its_catalog_retained(
    server: QueueServer, app: Callable[..., BusClient], bus_site: Site
) -> None:
    watcher = CatalogWatcher(app("kiosk-1"))
    watcher.wait_for_codes(lambda codes: codes == set(bus_site.catalog.codes()))
    assert watcher.received[-1].site == bus_site.id
    assert len(watcher.received[-1].version) == 16


def test_a_new_service_is_published_and_issued_after_a_reload(
    server: QueueServer, app: Callable[..., BusClient], bus_site: Site
) -> None:
    kiosk = app("kiosk-1")
    watcher = CatalogWatcher(kiosk)
    watcher.wait_for_codes(lambda codes: "pet-licence" not in codes)
    first = watcher.received[-1].version
    edit_catalog(
        bus_site.resolve(bus_site.config.catalog),
        add_service("pet-licence", "D", "local", "ขึ้นทะเบียนสุนัขและแมว"),
    )
    server.request_reload()
    watcher.wait_for_codes(lambda codes: "pet-licence" in codes)
    assert watcher.received[-1].version != first
    ticket = kiosk.call("ticket.issue", {"service": "pet-licence"})
    assert ticket.number.startswith("D")


def test_a_removed_service_takes_no_new_tickets_but_its_waiting_citizen_is_served(
    server: QueueServer, app: Callable[..., BusClient], bus_site: Site
) -> None:
    kiosk = app("kiosk-1")
    waiting = kiosk.call("ticket.issue", {"service": "general-petition"}).number
    watcher = CatalogWatcher(kiosk)
    edit_catalog(bus_site.resolve(bus_site.config.catalog), drop_service("general-petition"))
    server.request_reload()
    watcher.wait_for_codes(lambda codes: "general-petition" not in codes)
    with pytest.raises(BusError) as refused:
        kiosk.call("ticket.issue", {"service": "general-petition"})
    assert refused.value.code == "unknown_service"
    counter = signed_in_counter(app, "counter-2", "2")
    called = counter.call("counter.call_next", {"counter": "2", "staff": "s01"})
    assert called.number == waiting


def test_a_broken_edit_keeps_the_last_good_catalog_and_shows_in_presence(
    server: QueueServer, app: Callable[..., BusClient], bus_site: Site
) -> None:
    catalog = bus_site.resolve(bus_site.config.catalog)
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n  - code: [broken\n")
    admin = app("admin")
    problems = config_problems(admin, server)
    server.request_reload()
    wait_for(admin, lambda: any("catalog.yaml" in p for p in problems))
    assert admin.call("ticket.issue", {"service": "general-petition"}).number


@pytest.mark.parametrize("how", ["save", "sighup"])
def test_the_running_server_process_applies_a_saved_catalog(
    bus_site: Site,
    mosquitto_broker: RunningBroker,
    app: Callable[..., BusClient],
    broker: RunningBroker,
    how: str,
) -> None:
    if broker is not mosquitto_broker:
        pytest.skip("one broker is enough for the process test")
    with server_process(bus_site, broker.url) as process:
        watcher = CatalogWatcher(app("kiosk-1"))
        watcher.wait_for_codes(lambda codes: "general-petition" in codes, timeout=30)
        edit_catalog(bus_site.resolve(bus_site.config.catalog), drop_service("general-petition"))
        if how == "sighup":
            process.send_signal(signal.SIGHUP)
        watcher.wait_for_codes(lambda codes: "general-petition" not in codes, timeout=15)
        assert process.poll() is None


def test_the_catalog_is_refreshed_when_its_file_name_changes(
    server: QueueServer, app: Callable[..., BusClient], bus_site: Site
) -> None:
    renamed: Path = bus_site.base_dir / "catalog-2027.yaml"
    renamed.write_bytes(bus_site.resolve(bus_site.config.catalog).read_bytes())
    edit_catalog(renamed, add_service("pet-licence", "D", "local", "ขึ้นทะเบียนสัตว์เลี้ยง"))
    bus_site.path.write_text(
        bus_site.path.read_text(encoding="utf-8").replace(
            "catalog: catalog.yaml", "catalog: catalog-2027.yaml"
        ),
        encoding="utf-8",
    )
    watcher = CatalogWatcher(app("kiosk-1"))
    server.request_reload()
    watcher.wait_for_codes(lambda codes: "pet-licence" in codes)


def test_a_holiday_added_for_today_stops_the_tickets(
    server: QueueServer, app: Callable[..., BusClient], bus_site: Site
) -> None:
    kiosk = app("kiosk-1")
    assert kiosk.call("ticket.issue", {"service": "general-petition"}).number
    add_holidays(bus_site.path, [Holiday(MONDAY, "วันหยุดพิเศษ")])  # the tests' clock is on MONDAY
    server.request_reload()  # the worker reloads before it takes the next request
    with pytest.raises(BusError) as refused:
        kiosk.call("ticket.issue", {"service": "general-petition"})
    assert refused.value.code == "service_closed"


def test_an_edit_that_needs_a_restart_is_reported_until_the_restart(
    server: QueueServer, app: Callable[..., BusClient], bus_site: Site
) -> None:
    admin = app("admin")
    problems = config_problems(admin, server)
    text = bus_site.path.read_text(encoding="utf-8")
    bus_site.path.write_text(text.replace("data/oss-queue.db", "data/other.db"), encoding="utf-8")
    server.request_reload()
    server.request_reload()  # a second edit does not make the first one forgotten
    wait_for(admin, lambda: len(problems) >= 3)
    assert problems[-1] == "restart the server to apply: database"


def test_a_catalog_too_large_for_the_broker_is_not_sent_and_says_so(
    server: QueueServer, app: Callable[..., BusClient], bus_site: Site
) -> None:
    kiosk = app("kiosk-1")
    watcher = CatalogWatcher(kiosk)
    watcher.wait_for_codes(lambda codes: "general-petition" in codes)
    edit_catalog(bus_site.resolve(bus_site.config.catalog), add_services(2500))
    admin = app("admin")
    problems = config_problems(admin, server)
    server.request_reload()
    # parsing 2 500 services takes a while on a busy CI box: what matters is what it says
    wait_for(admin, lambda: any("catalog not sent" in p for p in problems), timeout=20)
    assert all(len(m.catalog["services"]) == 32 for m in watcher.received)
    assert kiosk.call("ticket.issue", {"service": "extra-7"}).number  # the server has it
