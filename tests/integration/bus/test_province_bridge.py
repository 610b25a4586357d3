"""A centre's Mosquitto bridged to the province's broker (docs/scale.md).

Two real Mosquitto processes: the centre's, run with exactly the config
`oss-queue broker mosquitto-config` writes for a site.yaml with
`province.bridge`, and a province broker standing in for EMQX, with one
account per centre and an observer that reads everything.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from queue_server.bus.client import BusClient
from queue_server.config.models import BridgeModel
from tests.support.brokers import (
    RunningBroker,
    start_province_mosquitto,
    start_secured_mosquitto,
)
from tests.support.peers import Peer

from .conftest import signed_in_counter, site_server

pytestmark = pytest.mark.broker  # Mosquitto of its own


@pytest.fixture
def province(bus_site):
    centre = f"centre-{bus_site.id}"
    accounts = {centre: "centre-secret", "observer": "observer-secret"}
    acl = f"user {centre}\ntopic write oss/{bus_site.id}/#\n\nuser observer\ntopic read #\n"
    broker = start_province_mosquitto(accounts, acl)
    yield broker
    broker.stop()


@dataclass
class Centre:
    broker: RunningBroker
    app: Callable[[str], BusClient]


@pytest.fixture
def centre(bus_site, clock, province):
    """The centre: its own broker bridged upward, its server, and its apps."""
    clients = {client: role.value for client, role in bus_site.config.clients.items()}
    bridge = BridgeModel(
        url=province.url, username=f"centre-{bus_site.id}", password="centre-secret"
    )
    broker = start_secured_mosquitto(bus_site.id, clients, bridge=bridge)
    server, service = site_server(bus_site, broker, clock)
    apps: list[BusClient] = []

    def app(client_id: str) -> BusClient:
        role = bus_site.config.clients[client_id].value
        client = BusClient(
            site=bus_site.id,
            client_id=client_id,
            role=role,
            broker_url=broker.url,
            credentials=broker.credentials(client_id),
        )
        client.start()
        apps.append(client)
        return client

    yield Centre(broker, app)
    for client in apps:
        client.stop()
    server.stop()
    service.close()
    broker.stop()


def observer(province, bus_site) -> Peer:
    peer = Peer(province.port, "observer", "observer", "observer-secret")
    assert peer.connected.is_set(), peer.refused
    peer.subscribe(f"oss/{bus_site.id}/#")
    return peer


def eventually(check: Callable[[], bool], timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "not within the time the bridge has"
        time.sleep(0.1)


def waiting_at_province(peer: Peer, bus_site) -> int | None:
    boards = peer.seen(f"oss/{bus_site.id}/state/board")
    return sum(json.loads(boards[-1])["waiting_by_prefix"].values()) if boards else None


def test_the_province_sees_the_centres_board_and_presence(centre, province, bus_site):
    centre.app("kiosk-1").call("ticket.issue", {"service": "general-petition"})
    province_view = observer(province, bus_site)
    eventually(lambda: waiting_at_province(province_view, bus_site) == 1)
    topics = {topic for topic, _ in province_view.messages}
    assert f"oss/{bus_site.id}/presence/kiosk/kiosk-1" in topics
    assert any(t.startswith(f"oss/{bus_site.id}/presence/server/") for t in topics)
    assert f"oss/{bus_site.id}/state/catalog" in topics
    province_view.close()


def test_requests_replies_and_events_stay_in_the_centre(centre, province, bus_site):
    province_view = observer(province, bus_site)
    centre.app("kiosk-1").call("ticket.issue", {"service": "general-petition"})
    counter = signed_in_counter(centre.app, "counter-2", "2")
    counter.call("counter.call_next", {"counter": "2", "staff": "s01"})  # an event/call
    eventually(lambda: waiting_at_province(province_view, bus_site) == 0)
    kinds = {topic.split("/")[2] for topic, _ in province_view.messages}
    assert kinds == {"state", "presence"}
    province_view.close()


def test_the_centre_works_on_while_the_province_is_down_and_the_province_catches_up(
    centre, province, bus_site
):
    kiosk = centre.app("kiosk-1")
    kiosk.call("ticket.issue", {"service": "general-petition"})
    province.kill()
    assert kiosk.call("ticket.issue", {"service": "general-petition"}).number == "D002"
    province.restart()  # a fresh province broker: nothing retained there
    province_view = observer(province, bus_site)
    eventually(lambda: waiting_at_province(province_view, bus_site) == 2, timeout=30)
    province_view.close()


def test_status_says_whether_the_bridge_to_the_province_is_up(centre, province, bus_site):
    from click.testing import CliRunner

    from queue_server.cli.main import main

    text = bus_site.path.read_text().replace(
        "  # username: kiosk-1\n  # password: ...",
        f"  username: admin\n  password: {centre.broker.passwords['admin']}",
    )
    bus_site.path.write_text(text + f"province:\n  bridge:\n    url: {province.url}\n")

    def bridge_line() -> str:
        args = ["status", "--config", str(bus_site.path), "--mqtt", centre.broker.url]
        output = CliRunner().invoke(main, [*args, "--seconds", "1"]).output
        return next(line for line in output.splitlines() if line.startswith("bridge"))

    eventually(lambda: "connected" in bridge_line())
    province.kill()
    eventually(lambda: "down: the centre works on" in bridge_line())


def test_mosquitto_config_adds_the_bridge_from_site_yaml_and_keeps_its_password_secret(
    site_dir, tmp_path
):
    from tests.integration.test_cli import run

    site_yaml = site_dir / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text()
        + "province:\n  bridge:\n    url: mqtts://emqx.province.example:8883\n"
        "    username: centre-maekorn\n    password: s3cret\n"
    )
    result = run("broker", "mosquitto-config", str(tmp_path), "--config", str(site_yaml))
    assert result.returncode == 0, result.stderr
    assert "bridge to the province: mqtts://emqx.province.example:8883" in result.stdout
    config = tmp_path / "mosquitto.conf"
    text = config.read_text()
    assert "connection province-maekorn\naddress emqx.province.example:8883" in text
    assert "remote_password s3cret" in text and "bridge_capath /etc/ssl/certs" in text
    assert "topic oss/maekorn/state/# out 1\ntopic oss/maekorn/presence/# out 1" in text
    assert config.stat().st_mode & 0o077 == 0
