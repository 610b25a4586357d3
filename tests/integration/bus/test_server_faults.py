"""Faults found from outside: each gets a clear error reply, and the server goes on.

Runs ``handle()`` directly on the memory store; no broker is needed to decide the answer.
"""

import json

import pytest
from sqlalchemy import event

from queue_server.bootstrap import centre
from queue_server.storage import make_engine

from .conftest import never_connected


@pytest.fixture
def server(offline_server):
    return offline_server


def send(server, body, client="kiosk-1"):
    payload = body if isinstance(body, bytes) else json.dumps(body).encode()
    return server.handle(server.topics.request(client), payload)


ISSUE = {"v": 1, "id": "i1", "op": "ticket.issue", "args": {"service": "general-petition"}}


def test_a_number_of_five_thousand_digits_gets_an_invalid_json_reply(server):
    payload = b'{"v": 1, "id": "big", "op": "ticket.issue", "args": {"n": ' + b"9" * 5000 + b"}}"
    reply = send(server, payload)
    assert reply["error"]["code"] == "invalid_json"
    assert send(server, ISSUE)["ok"]


def test_a_read_only_database_is_refused_as_storage_unavailable_not_a_crash(bus_site, clock):
    # the site's database as a server would find it on a read-only disk (root ignores chmod)
    engine = make_engine(bus_site.database_url)
    event.listen(engine, "connect", lambda conn, _r: conn.execute("PRAGMA query_only = ON"))
    parts = centre(bus_site, clock, engine=engine)  # starting does not raise
    try:
        server = never_connected(parts)
        reply = send(server, ISSUE)
        assert reply["error"]["code"] == "storage_unavailable"
        login = {"v": 1, "id": "l1", "op": "staff.login", "args": {"staff": "s01", "pin": "1234"}}
        assert send(server, login, "counter-1")["error"]["code"] in (
            "storage_unavailable",
            "wrong_pin",
        )
    finally:
        parts.close()
