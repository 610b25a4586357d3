"""The generated Mosquitto config: every role is kept to its own topics.

The broker runs with exactly what `oss-queue broker mosquitto-config` writes
(passwords, ACL); each test shows one denial by watching, as the admin, that
the forbidden message never arrives.
"""

import json
import time

import pytest

from queue_server.bus.client import BusClient
from queue_server.bus.mqtt import Credentials
from queue_server.bus.server import QueueServer
from queue_server.service import QueueService
from queue_server.testing import MONDAY
from tests.support.brokers import start_secured_mosquitto
from tests.support.peers import Peer
from tests.support.sites import add_services, edit_catalog


@pytest.fixture
def secured(bus_site, clock):
    clients = {client: role.value for client, role in bus_site.config.clients.items()}
    broker = start_secured_mosquitto(bus_site.id, clients)
    passwords = broker.passwords
    service = QueueService.for_site(bus_site, clock=clock)
    server = QueueServer(
        bus_site,
        service,
        broker_url=broker.url,
        credentials=Credentials("server", passwords["server"]),
    )
    server.start()
    peers: list[Peer] = []

    def peer(client_id: str, role: str | None, password: str | None = None) -> Peer:
        own_password = password is None and role in passwords
        p = Peer(broker.port, client_id, role, passwords[role] if own_password else password)
        peers.append(p)
        if own_password:
            assert p.connected.is_set(), f"{role} could not connect: {p.refused}"
        return p

    admin = peer("admin", "admin")
    admin.subscribe(f"oss/{bus_site.id}/#")
    yield broker, server, peer, admin
    for p in peers:
        p.close()
    server.stop()
    service.close()
    broker.stop()


def settle() -> None:
    time.sleep(0.5)


def test_each_role_connects_with_its_generated_password(secured, bus_site):
    broker = secured[0]
    kiosk = BusClient(
        site=bus_site.id,
        client_id="kiosk-1",
        role="kiosk",
        broker_url=broker.url,
        credentials=Credentials("kiosk", broker.passwords["kiosk"]),
    )
    kiosk.start()
    try:
        assert kiosk.call("ticket.issue", {"service": "general-petition"})["number"] == "D001"
    finally:
        kiosk.stop()


@pytest.mark.parametrize(
    ("user", "password"), [(None, None), ("kiosk", "wrong-password"), ("stranger", "x")]
)
def test_unknown_or_anonymous_clients_cannot_connect(secured, user, password):
    _, _, peer, _ = secured
    intruder = peer("phone", user, password)
    assert not intruder.connected.is_set()
    assert intruder.refused is not None


def test_a_display_cannot_send_requests(secured, bus_site):
    _, server, peer, admin = secured
    display = peer("display-1", "display")
    request = {"v": 1, "id": "d1", "op": "ticket.issue", "args": {"service": "general-petition"}}
    for topic in (f"oss/{bus_site.id}/req/display-1", f"oss/{bus_site.id}/req/kiosk-1"):
        display.publish(topic, request)
    settle()
    assert server.handled == 0 and admin.seen(f"oss/{bus_site.id}/req/kiosk-1") == []
    assert server.service.store.tickets_of_day(MONDAY) == []


def test_a_display_cannot_announce_a_call(secured, bus_site):
    _, _, peer, admin = secured
    peer("display-1", "display").publish(
        f"oss/{bus_site.id}/event/call", {"v": 1, "ticket": "Z999"}
    )
    settle()
    assert admin.seen(f"oss/{bus_site.id}/event/call") == []


def test_a_kiosk_cannot_publish_state(secured, bus_site):
    _, _, peer, admin = secured
    topic = f"oss/{bus_site.id}/state/board"
    before = len(admin.seen(topic))
    peer("kiosk-1", "kiosk").publish(topic, {"v": 1, "seq": 10**9, "fake": True}, retain=True)
    settle()
    assert all(b"fake" not in payload for payload in admin.seen(topic)[before:])


def test_a_kiosk_cannot_write_a_counters_request_topic(secured, bus_site):
    _, server, peer, _ = secured
    kiosk = peer("kiosk-1", "kiosk")
    kiosk.publish(
        f"oss/{bus_site.id}/req/counter-1",
        {"v": 1, "id": "k1", "op": "counter.call_next", "args": {"counter": "1", "staff": "s01"}},
    )
    settle()
    assert server.handled == 0


def test_a_kiosk_cannot_read_counter_state_other_replies_or_other_presence(secured, bus_site):
    _, server, peer, admin = secured
    kiosk = peer("kiosk-1", "kiosk")
    kiosk.subscribe(f"oss/{bus_site.id}/state/counter/#")
    kiosk.subscribe(f"oss/{bus_site.id}/resp/counter-1")
    kiosk.subscribe(f"oss/{bus_site.id}/presence/#")
    counter = peer("counter-1", "counter")
    counter.subscribe(f"oss/{bus_site.id}/resp/counter-1")
    counter.publish(
        f"oss/{bus_site.id}/req/counter-1", {"v": 1, "id": "c1", "op": "staff.logout", "args": {}}
    )
    server.publish_state()
    settle()
    assert counter.seen(f"oss/{bus_site.id}/resp/counter-1")  # the counter got its reply
    assert admin.seen(f"oss/{bus_site.id}/state/counter/1")  # and counter state exists
    # Of all presence, a kiosk sees only the server's (to say when the queue is down).
    assert [topic for topic, _ in kiosk.messages] == [
        f"oss/{bus_site.id}/presence/server/{server.client_id}"
    ]


def test_a_counter_cannot_publish_as_the_server(secured, bus_site):
    _, _, peer, admin = secured
    counter = peer("counter-1", "counter")
    for topic in ("state/counter/1", "event/call", "resp/kiosk-1"):
        counter.publish(f"oss/{bus_site.id}/{topic}", {"v": 1, "forged": True})
    settle()
    assert all(b"forged" not in payload for _, payload in admin.messages)


def test_writing_the_config_again_keeps_the_passwords_given_out(tmp_path, bus_site):
    from queue_server.bus.broker import read_passwords, write_mosquitto_config

    clients = {"kiosk-1": "kiosk"}
    first = write_mosquitto_config(tmp_path, bus_site.id, clients, log_to_stderr=True)
    given = read_passwords(first.passwords)
    again = write_mosquitto_config(
        tmp_path, bus_site.id, {**clients, "kiosk-2": "kiosk"}, log_to_stderr=True
    )
    assert read_passwords(again.passwords) == given
    assert "kiosk-2" in again.acl.read_text()
    rotated = write_mosquitto_config(
        tmp_path, bus_site.id, clients, log_to_stderr=True, new_passwords=True
    )
    assert read_passwords(rotated.passwords)["kiosk"] != given["kiosk"]


def test_a_large_catalog_reaches_a_kiosk_through_the_generated_config(secured, bus_site):
    _, server, peer, _ = secured
    edit_catalog(bus_site.resolve(bus_site.config.catalog), add_services(120))
    kiosk = peer("kiosk-1", "kiosk")
    kiosk.subscribe(f"oss/{bus_site.id}/state/catalog")
    server.request_reload()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        published = kiosk.seen(f"oss/{bus_site.id}/state/catalog")
        if published and len(json.loads(published[-1])["catalog"]["services"]) == 145:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the large catalog never arrived")
    assert len(published[-1]) > 64 * 1024  # more than a request may be
