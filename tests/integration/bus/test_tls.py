"""TLS to Mosquitto with the generated config and a test CA."""

import tempfile
from pathlib import Path

import pytest

from queue_server.bootstrap import centre
from queue_server.bus.accounts import server_client_id
from queue_server.bus.client import BusClient
from tests.support.brokers import start_secured_mosquitto
from tests.support.tls import make_test_ca

pytestmark = pytest.mark.broker  # Mosquitto of its own


@pytest.fixture
def tls_broker(bus_site):
    # Not under pytest's tmp_path: mosquitto drops from root to its own user, which
    # cannot enter pytest's private folders.
    ca, cert, key = make_test_ca(Path(tempfile.mkdtemp(prefix="oss-pki-")))
    clients = {client: role.value for client, role in bus_site.config.clients.items()}
    broker = start_secured_mosquitto(bus_site.id, clients, tls=(ca, cert, key), bind="0.0.0.0")
    yield broker, ca
    broker.stop()


def test_server_and_kiosk_talk_over_tls(bus_site, clock, tls_broker):
    broker, ca = tls_broker
    url = f"mqtts://127.0.0.1:{broker.tls_port}"
    parts = centre(bus_site, clock)
    server = parts.server(
        url, credentials=broker.credentials(server_client_id(bus_site.id), ca_file=ca)
    )
    server.start()
    kiosk = BusClient(
        site=bus_site.id,
        client_id="kiosk-1",
        role="kiosk",
        broker_url=url,
        credentials=broker.credentials("kiosk-1", ca_file=ca),
    )
    kiosk.start()
    try:
        assert kiosk.call("ticket.issue", {"service": "general-petition"}).number == "D001"
    finally:
        kiosk.stop()
        server.stop()
        parts.close()


def test_a_client_that_does_not_trust_the_ca_is_not_connected(bus_site, tls_broker, tmp_path):
    broker, _ = tls_broker
    other_ca, _, _ = make_test_ca(tmp_path / "other")
    kiosk = BusClient(
        site=bus_site.id,
        client_id="kiosk-1",
        role="kiosk",
        broker_url=f"mqtts://127.0.0.1:{broker.tls_port}",
        credentials=broker.credentials("kiosk-1", ca_file=other_ca),
    )
    with pytest.raises(ConnectionError):
        kiosk.start(wait=2)
    kiosk.stop()


def listening_addresses(port: int) -> set[str]:
    """The local addresses a TCP port listens on (IPv4), read from the kernel's table."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, port_hex = local.split(":")
        if state == "0A" and int(port_hex, 16) == port:
            found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def test_with_tls_the_plaintext_listener_is_on_loopback_only(tls_broker):
    broker, _ = tls_broker
    assert listening_addresses(broker.port) == {"127.0.0.1"}
    assert listening_addresses(broker.tls_port) == {"0.0.0.0"}
