"""TLS to Mosquitto with the generated config and a test CA."""

import tempfile
from pathlib import Path

import pytest

from queue_server.bus.client import BusClient
from queue_server.bus.mqtt import Credentials
from queue_server.bus.server import QueueServer
from queue_server.service import QueueService
from tests.support.brokers import start_secured_mosquitto
from tests.support.tls import make_test_ca


@pytest.fixture
def tls_broker(bus_site):
    # Not under pytest's tmp_path: mosquitto drops from root to its own user, which
    # cannot enter pytest's private folders.
    ca, cert, key = make_test_ca(Path(tempfile.mkdtemp(prefix="oss-pki-")))
    clients = {client: role.value for client, role in bus_site.config.clients.items()}
    broker = start_secured_mosquitto(bus_site.id, clients, tls=(ca, cert, key))
    yield broker, ca
    broker.stop()


def test_server_and_kiosk_talk_over_tls(bus_site, clock, tls_broker):
    broker, ca = tls_broker
    url = f"mqtts://127.0.0.1:{broker.tls_port}"
    service = QueueService.for_site(bus_site, clock=clock)
    server = QueueServer(
        bus_site,
        service,
        broker_url=url,
        credentials=Credentials("server", broker.passwords["server"], ca_file=ca),
    )
    server.start()
    kiosk = BusClient(
        site=bus_site.id,
        client_id="kiosk-1",
        role="kiosk",
        broker_url=url,
        credentials=Credentials("kiosk", broker.passwords["kiosk"], ca_file=ca),
    )
    kiosk.start()
    try:
        assert kiosk.call("ticket.issue", {"service": "general-petition"})["number"] == "D001"
    finally:
        kiosk.stop()
        server.stop()
        service.close()


def test_a_client_that_does_not_trust_the_ca_is_not_connected(bus_site, tls_broker, tmp_path):
    broker, _ = tls_broker
    other_ca, _, _ = make_test_ca(tmp_path / "other")
    kiosk = BusClient(
        site=bus_site.id,
        client_id="kiosk-1",
        role="kiosk",
        broker_url=f"mqtts://127.0.0.1:{broker.tls_port}",
        credentials=Credentials("kiosk", broker.passwords["kiosk"], ca_file=other_ca),
    )
    with pytest.raises(ConnectionError):
        kiosk.start(wait=2)
    kiosk.stop()
