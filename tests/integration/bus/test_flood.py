"""One device's flood of requests is refused with ``rate_limited``; the day goes on.

Found from outside: 1 000 ``ticket.issue`` from one kiosk account used up
queue B's numbers for the day. Runs ``handle()`` directly on SQLite.
"""

import json
import uuid

import pytest


@pytest.fixture
def server(offline_server):
    return offline_server


def issue(server, request_id=None):
    body = {
        "v": 1,
        "id": request_id or uuid.uuid4().hex,
        "op": "ticket.issue",
        "args": {"service": "general-petition"},
    }
    return server.handle(server.topics.request("kiosk-1"), json.dumps(body).encode())


def test_a_thousand_tickets_from_one_kiosk_are_refused_after_a_burst(server):
    replies = [issue(server) for _ in range(1000)]
    issued = [r for r in replies if r["ok"]]
    refused = {r["error"]["code"] for r in replies if not r["ok"]}
    assert len(issued) == 20 and refused == {"rate_limited"}
    assert "wait" in replies[-1]["error"]["message"]


def test_a_refused_request_goes_through_with_the_same_id_later(server):
    for _ in range(20):
        issue(server)
    assert issue(server, "late")["error"]["code"] == "rate_limited"
    server.limits.clock = lambda: 10**9  # much later
    assert issue(server, "late")["ok"]


def test_the_server_tells_status_which_device_it_refused(server):
    for _ in range(25):
        issue(server)
    assert server._presence(True).extra["rate_limited"] == {"kiosk-1": 5}
