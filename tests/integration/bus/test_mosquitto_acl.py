"""The generated Mosquitto config: every device is kept to its own topics and its own id.

The broker runs with exactly what `oss-queue broker mosquitto-config` writes
(one account per device, ACL); each test shows one denial by watching, as
the admin, that the forbidden message never arrives.
"""

import json
import time

import pytest

from queue_server.bootstrap import centre
from queue_server.bus.accounts import read_passwords, server_client_id
from queue_server.bus.broker import rewrite_passwords, write_mosquitto_config
from queue_server.bus.client import BusClient
from queue_server.bus.mqtt import Credentials
from queue_server.testing import MONDAY
from tests.support.brokers import start_secured_mosquitto
from tests.support.peers import Peer
from tests.support.sites import add_services, edit_catalog

pytestmark = pytest.mark.broker  # Mosquitto of its own


@pytest.fixture
def secured(bus_site, clock):
    clients = {client: role.value for client, role in bus_site.config.clients.items()}
    broker = start_secured_mosquitto(bus_site.id, clients)
    passwords = broker.passwords
    parts = centre(bus_site, clock)
    server = parts.server(broker.url, credentials=broker.credentials(server_client_id(bus_site.id)))
    server.start()
    peers: list[Peer] = []

    def peer(client_id: str, account: str | None = "", password: str | None = None) -> Peer:
        """A raw client: by default the device ``client_id`` with its own account."""
        account = client_id if account == "" else account
        own_password = password is None and account in passwords
        p = Peer(broker.port, client_id, account, passwords[account] if own_password else password)
        peers.append(p)
        if own_password:
            assert p.connected.is_set(), f"{account} could not connect: {p.refused}"
        return p

    admin = peer("admin")
    admin.subscribe(f"oss/{bus_site.id}/#")
    yield broker, server, peer, admin
    for p in peers:
        p.close()
    server.stop()
    parts.close()
    broker.stop()


def kiosk_app(broker, site, client_id="kiosk-1", password=None) -> BusClient:
    kiosk = BusClient(
        site=site.id,
        client_id=client_id,
        role="kiosk",
        broker_url=broker.url,
        credentials=Credentials(client_id, password or broker.passwords[client_id]),
    )
    kiosk.start()
    return kiosk


def settle() -> None:
    time.sleep(0.5)


def test_each_device_connects_with_its_own_generated_password(secured, bus_site):
    kiosk = kiosk_app(secured[0], bus_site)
    try:
        assert kiosk.call("ticket.issue", {"service": "general-petition"}).number == "D001"
    finally:
        kiosk.stop()


def test_the_accounts_are_per_device_not_per_role(secured, bus_site):
    passwords = secured[0].passwords
    assert set(passwords) == {server_client_id(bus_site.id), *bus_site.config.clients}
    assert len(set(passwords.values())) == len(passwords)


@pytest.mark.parametrize(
    ("user", "password"),
    [(None, None), ("kiosk-1", "wrong-password"), ("stranger", "x"), ("kiosk", "x")],
)
def test_unknown_or_anonymous_clients_cannot_connect(secured, user, password):
    _, _, peer, _ = secured
    intruder = peer("phone", user, password)
    assert not intruder.connected.is_set()
    assert intruder.refused is not None


def test_a_display_cannot_send_requests(secured, bus_site):
    _, server, peer, admin = secured
    display = peer("display-1")
    request = {"v": 1, "id": "d1", "op": "ticket.issue", "args": {"service": "general-petition"}}
    for topic in (f"oss/{bus_site.id}/req/display-1", f"oss/{bus_site.id}/req/kiosk-1"):
        display.publish(topic, request)
    settle()
    assert server.handled == 0 and admin.seen(f"oss/{bus_site.id}/req/kiosk-1") == []
    assert server.service.store.tickets_of_day(MONDAY) == []


def test_a_display_cannot_announce_a_call(secured, bus_site):
    _, _, peer, admin = secured
    peer("display-1").publish(f"oss/{bus_site.id}/event/call", {"v": 1, "ticket": "Z999"})
    settle()
    assert admin.seen(f"oss/{bus_site.id}/event/call") == []


def test_a_kiosk_cannot_publish_state(secured, bus_site):
    _, _, peer, admin = secured
    topic = f"oss/{bus_site.id}/state/board"
    before = len(admin.seen(topic))
    peer("kiosk-1").publish(topic, {"v": 1, "seq": 10**9, "fake": True}, retain=True)
    settle()
    assert all(b"fake" not in payload for payload in admin.seen(topic)[before:])


def test_a_kiosk_cannot_write_a_counters_request_topic(secured, bus_site):
    _, server, peer, _ = secured
    kiosk = peer("kiosk-1")
    kiosk.publish(
        f"oss/{bus_site.id}/req/counter-1",
        {"v": 1, "id": "k1", "op": "counter.call_next", "args": {"counter": "1", "staff": "s01"}},
    )
    settle()
    assert server.handled == 0


def test_a_kiosk_cannot_read_counter_state_other_replies_or_other_presence(secured, bus_site):
    _, server, peer, admin = secured
    kiosk = peer("kiosk-1")
    kiosk.subscribe(f"oss/{bus_site.id}/state/counter/#")
    kiosk.subscribe(f"oss/{bus_site.id}/resp/counter-1")
    kiosk.subscribe(f"oss/{bus_site.id}/presence/#")
    counter = peer("counter-1")
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
    counter = peer("counter-1")
    for topic in ("state/counter/1", "event/call", "resp/kiosk-1"):
        counter.publish(f"oss/{bus_site.id}/{topic}", {"v": 1, "forged": True})
    settle()
    assert all(b"forged" not in payload for _, payload in admin.messages)


def test_writing_the_config_again_keeps_the_passwords_given_out(tmp_path, bus_site):
    clients = {"kiosk-1": "kiosk"}
    first = write_mosquitto_config(tmp_path, bus_site.id, clients, log_to_stderr=True)
    given = read_passwords(first.passwords)
    again = write_mosquitto_config(
        tmp_path, bus_site.id, {**clients, "kiosk-2": "kiosk"}, log_to_stderr=True
    )
    assert {k: v for k, v in read_passwords(again.passwords).items() if k in given} == given
    assert "user kiosk-2" in again.acl.read_text()
    rotated = write_mosquitto_config(
        tmp_path, bus_site.id, clients, log_to_stderr=True, new_passwords=True
    )
    assert read_passwords(rotated.passwords)["kiosk-1"] != given["kiosk-1"]


def test_the_secrets_are_written_readable_by_their_owner_only(tmp_path, bus_site):
    files = write_mosquitto_config(tmp_path, bus_site.id, {"kiosk-1": "kiosk"})
    for path in (files.config, files.passwd, files.acl, files.passwords):
        assert path.stat().st_mode & 0o077 == 0, path


def test_a_large_catalog_reaches_a_kiosk_through_the_generated_config(secured, bus_site):
    _, server, peer, _ = secured
    edit_catalog(bus_site.resolve(bus_site.config.catalog), add_services(120))
    kiosk = peer("kiosk-1")
    kiosk.subscribe(f"oss/{bus_site.id}/state/catalog")
    server.request_reload()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        published = kiosk.seen(f"oss/{bus_site.id}/state/catalog")
        if published and len(json.loads(published[-1])["catalog"]["services"]) == 32 + 120:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the large catalog never arrived")
    assert len(published[-1]) > 64 * 1024  # more than a request may be


# -- one device cannot act as another ----------------------------------------


def test_another_devices_password_cannot_take_over_the_servers_client_id(secured, bus_site):
    """The display's account asking for the server's client id gets the display's id instead:
    the server stays connected and keeps answering the kiosk while the intruder loops."""
    broker, server, peer, admin = secured
    kiosk = kiosk_app(broker, bus_site)
    try:
        for attempt in range(5):
            intruder = peer(server.client_id, "display-1")
            assert intruder.connected.is_set()
            intruder.close()
            reply = kiosk.call("ticket.issue", {"service": "general-petition"}, timeout=5)
            assert reply.number == f"D{attempt + 1:03d}"
        offline = [
            p
            for p in admin.seen(f"oss/{bus_site.id}/presence/server/{server.client_id}")
            if b'"online":false' in p
        ]
        assert offline == [] and server.mqtt.is_connected()
    finally:
        kiosk.stop()


def test_a_kiosk_password_cannot_knock_a_counter_off(secured, bus_site):
    _, _, peer, admin = secured
    counter = peer("counter-3")
    intruder = peer("counter-3", "kiosk-1")
    intruder.close()
    settle()
    assert counter.mqtt.is_connected()
    assert admin.seen(f"oss/{bus_site.id}/presence/counter/counter-3") == []


def test_one_counters_password_cannot_call_read_or_speak_for_another_counter(secured, bus_site):
    """The shared 'counter' account of old let counter-1's password call for s02 on counter-2."""
    _, server, peer, admin = secured
    counter_1 = peer("counter-2", "counter-1")  # counter-1's password, counter-2's client id
    counter_1.subscribe(f"oss/{bus_site.id}/resp/counter-2")
    counter_1.publish(
        f"oss/{bus_site.id}/req/counter-2",
        {"v": 1, "id": "x1", "op": "counter.call_next", "args": {"counter": "2", "staff": "s02"}},
    )
    counter_1.publish(
        f"oss/{bus_site.id}/presence/counter/counter-2", {"v": 1, "online": False}, retain=True
    )
    settle()
    assert server.handled == 0
    assert admin.seen(f"oss/{bus_site.id}/req/counter-2") == []
    assert admin.seen(f"oss/{bus_site.id}/presence/counter/counter-2") == []
    real = peer("counter-2")
    real.subscribe(f"oss/{bus_site.id}/resp/counter-2")
    real.publish(
        f"oss/{bus_site.id}/req/counter-2", {"v": 1, "id": "r1", "op": "staff.logout", "args": {}}
    )
    settle()
    assert real.seen(f"oss/{bus_site.id}/resp/counter-2")
    assert counter_1.seen(f"oss/{bus_site.id}/resp/counter-2") == []


def test_a_rating_tablets_password_cannot_rate_as_another_tablet(secured, bus_site):
    _, server, peer, _ = secured
    peer("rating-2", "rating-1").publish(
        f"oss/{bus_site.id}/req/rating-2",
        {"v": 1, "id": "q", "op": "rating.submit", "args": {"number": "D001", "scores": {}}},
    )
    settle()
    assert server.handled == 0


def test_rotating_one_devices_password_leaves_the_others_working(secured, bus_site, tmp_path):
    broker, _, peer, _ = secured
    folder = broker.config.parent
    clients = {client: role.value for client, role in bus_site.config.clients.items()}
    old = dict(broker.passwords)
    rewrite_passwords(folder, bus_site.id, clients, rotate=["kiosk-1"])
    broker.passwords.update(read_passwords(folder / "passwords.txt"))
    broker.reload()
    assert broker.passwords["kiosk-1"] != old["kiosk-1"]
    assert {a: p for a, p in broker.passwords.items() if a != "kiosk-1"} == {
        a: p for a, p in old.items() if a != "kiosk-1"
    }
    assert not peer("kiosk-1", "kiosk-1", old["kiosk-1"]).connected.is_set()
    assert peer("kiosk-1").connected.is_set()
    assert peer("counter-1").connected.is_set()
