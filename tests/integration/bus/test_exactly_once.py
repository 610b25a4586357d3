"""Retries, restarts and a broker that dies: every request is applied once and answered."""

import json
import time

import pytest

from queue_server.testing import MONDAY
from tests.support.brokers import free_port, mosquitto_binary, start_mosquitto

from .conftest import signed_in_counter, wait_for
from .test_bad_input import RawClient

# The amqtt fallback must keep a whole day and exactly-once delivery too.
pytestmark = pytest.mark.both_brokers

PETITION = "general-petition"


def issue_payload(request_id: str) -> bytes:
    body = {"v": 1, "id": request_id, "op": "ticket.issue", "args": {"service": PETITION}}
    return json.dumps(body).encode()


def tickets_today(server) -> list[str]:
    return [t.number for t in server.service.store.tickets_of_day(MONDAY)]


@pytest.fixture
def raw_kiosk(server, broker, bus_site):
    client = RawClient(broker.url, bus_site.id, "kiosk-1")
    yield client
    client.close()


def test_the_same_request_id_twice_gives_the_same_ticket_once(server, raw_kiosk):
    first = raw_kiosk.send(issue_payload("same-id"))
    second = raw_kiosk.send(issue_payload("same-id"))
    assert first == second and first["result"]["number"] == "D001"
    assert tickets_today(server) == ["D001"]


def test_a_refusal_is_repeated_too_even_if_the_queue_changed(server, raw_kiosk, app, broker):
    signed_in_counter(app)  # s01 on counter-1
    call = json.dumps(
        {
            "v": 1,
            "id": "call-1",
            "op": "counter.call_next",
            "args": {"counter": "1", "staff": "s01"},
        }
    ).encode()
    raw_counter = RawClient(broker.url, server.site.id, "counter-1")
    try:
        assert raw_counter.send(call)["error"]["code"] == "queue_empty"
        raw_kiosk.send(issue_payload("k-1"))
        again = raw_counter.send(call)
        assert again["error"]["code"] == "queue_empty"  # the stored answer: nothing applied
        assert [t.state.value for t in server.service.store.tickets_of_day(MONDAY)] == ["waiting"]
    finally:
        raw_counter.close()


def test_a_retry_after_a_server_restart_is_answered_from_the_database(
    start_server, broker, bus_site
):
    server = start_server()
    kiosk = RawClient(broker.url, bus_site.id, "kiosk-1")
    try:
        before = kiosk.send(issue_payload("survives-restart"))
        server.stop()
        restarted = start_server()
        after = kiosk.send(issue_payload("survives-restart"))
        assert after == before
        assert tickets_today(restarted) == ["D001"]
    finally:
        kiosk.close()


def test_a_request_sent_while_the_server_is_down_is_applied_when_it_returns(start_server, app):
    server = start_server()
    kiosk = app("kiosk-1", retry_interval=1.0)
    server.stop()
    pending = kiosk.request("ticket.issue", {"service": PETITION}, timeout=20)
    restarted = start_server()
    assert pending.done.wait(20)
    assert pending.result().number == "D001"
    assert tickets_today(restarted) == ["D001"]


@pytest.fixture
def own_mosquitto():
    broker = start_mosquitto()
    yield broker
    broker.stop()


@pytest.mark.broker
def test_a_kiosk_that_loses_the_broker_never_gets_two_tickets(bus_site, clock, own_mosquitto):
    from queue_server.bootstrap import centre
    from queue_server.bus.client import BusClient

    parts = centre(bus_site, clock)
    service = parts.service
    server = parts.server(own_mosquitto.url)
    server.start()
    kiosk = BusClient(
        site=bus_site.id,
        client_id="kiosk-1",
        role="kiosk",
        broker_url=own_mosquitto.url,
        retry_interval=1.0,
        request_timeout=30,
    )
    kiosk.start()
    try:
        results = []
        for _ in range(3):
            pending = kiosk.request("ticket.issue", {"service": PETITION})
            own_mosquitto.restart()  # the broker dies right after the tap, and comes back
            assert pending.done.wait(30), "no reply after the broker came back"
            results.append(pending.result().number)
        assert results == ["D001", "D002", "D003"]
        assert sorted(t.number for t in service.store.tickets_of_day(MONDAY)) == results
    finally:
        kiosk.stop()
        server.stop()
        service.close()


def test_the_client_drops_state_older_than_what_it_has(server, app, broker):
    display = app("display-1")
    boards = []
    display.on_board(lambda t, d: boards.append(d))
    wait_for(display, lambda: bool(boards))
    seqs = lambda: [b.seq for b in boards]  # noqa: E731
    publisher = RawClient(broker.url, server.site.id, "admin")
    try:
        board = boards[-1].model_dump(mode="json")
        stale = {**board, "seq": board["seq"] - 1}
        fresh = {**board, "seq": board["seq"] + 100}
        for message in (stale, fresh):
            publisher.mqtt.publish(
                display.topics.board, json.dumps(message), qos=1
            ).wait_for_publish(5)
        wait_for(display, lambda: seqs()[-1] == fresh["seq"])
        assert stale["seq"] not in seqs()
    finally:
        publisher.close()


def test_a_server_restarted_on_a_restored_database_is_not_ignored_as_stale(
    bus_site, broker, clock, app, tmp_path
):
    """A restored backup goes back in time while the screens stay up: the board after it
    is shown (a new server run, and the restored site's version jumps on, never back)."""
    from queue_server.storage.backup import backup, restore

    from .conftest import site_server

    server, service = site_server(bus_site, broker, clock)
    display, kiosk = app("display-1"), app("kiosk-1")
    boards: list[dict] = []
    display.on_board(lambda t, d: boards.append(d))
    backup(bus_site.database_url, tmp_path / "before.db")
    for _ in range(3):
        kiosk.call("ticket.issue", {"service": "general-petition"})
    wait_for(display, lambda: bool(boards) and boards[-1].waiting_by_prefix["D"] == 3)
    before, run_before = boards[-1].seq, boards[-1].run
    server.stop()
    service.close()
    restore(bus_site.database_url, tmp_path / "before.db")
    server, service = site_server(bus_site, broker, clock)
    try:
        wait_for(display, lambda: boards[-1].waiting_by_prefix["D"] == 0)
        assert boards[-1].seq > before and boards[-1].run != run_before
    finally:
        server.stop()
        service.close()


@pytest.mark.broker
@pytest.mark.slow
def test_requests_sent_while_the_server_is_down_a_while_are_answered_once_on_the_default_broker(
    bus_site, clock
):
    """The broker a centre gets by default (the server's own Mosquitto, one account per
    device); the kiosk and a counter keep resending; each request is applied once."""
    from queue_server.bootstrap import centre
    from queue_server.bus.accounts import credentials_for, server_client_id
    from queue_server.bus.client import BusClient
    from queue_server.bus.local_broker import start_local_broker
    from queue_server.bus.server import QueueServer

    mosquitto_binary()
    url = f"mqtt://127.0.0.1:{free_port()}"
    broker = start_local_broker(bus_site, url)
    assert broker.kind == "mosquitto"
    parts = centre(bus_site, clock)
    service = parts.service
    parts.staff.set_pin("s01", "2468", clock())

    def server() -> QueueServer:
        own = credentials_for(bus_site, server_client_id(bus_site.id))
        started = parts.server(url, credentials=own)
        started.start()
        return started

    def device(client_id: str, role: str) -> BusClient:
        client = BusClient(
            site=bus_site.id, client_id=client_id, role=role, broker_url=url,
            credentials=credentials_for(bus_site, client_id), retry_interval=1.0,
        )  # fmt: skip
        client.start()
        return client

    running = server()
    kiosk, counter = device("kiosk-1", "kiosk"), device("counter-1", "counter")
    try:
        counter.call("staff.login", {"staff": "s01", "pin": "2468"})
        running.stop()
        tickets = [kiosk.request("ticket.issue", {"service": PETITION}) for _ in range(5)]
        opened = counter.request("counter.open", {"counter": "1", "staff": "s01"})
        time.sleep(16)  # longer than apps used to keep trying (15 s), resending each second
        assert not any(p.done.is_set() for p in [*tickets, opened])
        running = server()
        for pending in [*tickets, opened]:
            assert pending.done.wait(20), f"{pending.op} never answered"
        assert sorted(p.result().number for p in tickets) == [f"D00{i}" for i in range(1, 6)]
        assert opened.ok
        time.sleep(2)  # resends still in flight are answered from the store, not applied
        assert [t.number for t in service.store.tickets_of_day(MONDAY)] == [
            f"D00{i}" for i in range(1, 6)
        ]
    finally:
        kiosk.stop()
        counter.stop()
        running.stop()
        service.close()
        broker.stop()
