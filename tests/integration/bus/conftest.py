"""Bus fixtures: real brokers (amqtt and Mosquitto), a running queue server, app clients."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from queue_server.bootstrap import Centre, centre, memory_centre
from queue_server.bus.accounts import server_client_id
from queue_server.bus.client import BusClient
from queue_server.bus.limits import RateLimits
from queue_server.bus.server import QueueServer
from queue_server.config import Site, load_site
from queue_server.config.models import LimitsModel
from queue_server.service import QueueService
from queue_server.testing import at
from tests.integration.conftest import Clock
from tests.support.brokers import RunningBroker, start_amqtt, start_mosquitto
from tests.support.databases import migrated
from tests.support.sites import LOAD_LIMITS

_sites = itertools.count(1)
PIN = "2468"


@pytest.fixture(scope="session")
def amqtt_broker() -> Iterator[RunningBroker]:
    broker = start_amqtt()
    yield broker
    broker.stop()


@pytest.fixture(scope="session")
def mosquitto_broker() -> Iterator[RunningBroker]:
    broker = start_mosquitto()
    yield broker
    broker.stop()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Bus behaviour runs on Mosquitto, every centre's broker; modules marked
    ``both_brokers`` (a whole day, exactly-once delivery) run on the amqtt fallback too."""
    if "broker" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both_brokers") is not None
        metafunc.parametrize("broker", ["amqtt", "mosquitto"] if both else ["mosquitto"],
                             indirect=True)  # fmt: skip


@pytest.fixture
def broker(request: pytest.FixtureRequest) -> RunningBroker:
    return request.getfixturevalue(f"{request.param}_broker")


@pytest.fixture
def bus_site(site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    """The default site on SQLite, with its own site id (no retained state shared by tests)."""
    monkeypatch.delenv("OSS_QUEUE_DATABASE_URL", raising=False)
    site_yaml = site_dir / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("  id: maekorn", f"  id: t{next(_sites)}"))
    site = load_site(site_yaml)
    migrated(site.database_url)
    return site


@pytest.fixture
def clock() -> Clock:
    return Clock(at(9, 0))


def site_server(
    site: Site, broker: RunningBroker, clock: Clock
) -> tuple[QueueServer, QueueService]:
    """A started queue server for ``site``, with staff s01's PIN set."""
    parts = centre(site, clock)
    parts.staff.set_pin("s01", PIN, clock())
    server = parts.server(broker.url, credentials=broker.credentials(server_client_id(site.id)))
    server.start()
    return server, parts.service


def never_connected(parts: Centre) -> QueueServer:
    """A server that decides replies without a broker: tests call ``handle()`` directly."""
    return parts.server("mqtt://127.0.0.1:9")


def without_rate_limits(server: QueueServer) -> QueueServer:
    """For tests that send far more requests than a device may (the fuzzer)."""
    limits = yaml.safe_load(LOAD_LIMITS)["limits"]
    server.limits = RateLimits(LimitsModel.model_validate(limits))
    return server


@pytest.fixture
def offline_server(bus_site: Site, clock: Clock) -> Iterator[QueueServer]:
    """The server on the memory store: deciding replies needs no broker and no database."""
    parts = memory_centre(bus_site, clock)
    yield never_connected(parts)
    parts.close()


@pytest.fixture
def start_server(
    bus_site: Site, broker: RunningBroker, clock: Clock
) -> Iterator[Callable[[], QueueServer]]:
    """Start (or restart) the queue server for the test's site."""
    running: list[tuple[QueueServer, QueueService]] = []

    def start() -> QueueServer:
        running.append(site_server(bus_site, broker, clock))
        return running[-1][0]

    yield start
    for server, service in running:
        try:
            server.stop()
        finally:
            service.close()


@pytest.fixture
def server(start_server: Callable[[], QueueServer]) -> QueueServer:
    return start_server()


@pytest.fixture
def app(bus_site: Site, broker: RunningBroker) -> Iterator[Callable[..., BusClient]]:
    """Connect an app to the broker as a client id listed in site.yaml."""
    clients: list[BusClient] = []

    def connect(client_id: str, **options: object) -> BusClient:
        role = bus_site.config.clients.get(client_id)
        client = BusClient(
            site=bus_site.id,
            client_id=client_id,
            role=role.value if role else "admin",
            broker_url=broker.url,
            **options,  # type: ignore[arg-type]
        )
        client.start()
        clients.append(client)
        return client

    yield connect
    for client in clients:
        client.stop()


def wait_for(client: BusClient, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll the client (as an app's UI loop would) until ``predicate`` holds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        client.poll()
        if predicate():
            return
        time.sleep(0.01)
    raise AssertionError("condition not met in time")


def signed_in_counter(
    app: Callable[..., BusClient], client_id: str = "counter-1", counter: str = "1"
) -> BusClient:
    terminal = app(client_id)
    terminal.call("staff.login", {"staff": "s01", "pin": PIN})
    terminal.call("counter.open", {"counter": counter, "staff": "s01"})
    return terminal


def served_ticket(
    app: Callable[..., BusClient], client_id: str = "counter-2", counter: str = "2"
) -> str:
    """Issue a ticket (as admin), call it to ``counter`` and complete it; its number."""
    number = app("admin").call("ticket.issue", {"service": "general-petition"}).number
    terminal = signed_in_counter(app, client_id, counter)
    terminal.call("counter.call_next", {"counter": counter, "staff": "s01"})
    terminal.call("counter.complete", {"counter": counter, "staff": "s01"})
    return number
