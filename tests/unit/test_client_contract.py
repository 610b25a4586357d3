"""The bus client hands apps contract models, never dicts: what breaks the contract stops
in the client, with a log line, before any app's handler sees it."""

import json
from types import SimpleNamespace

from queue_server.bus import messages as m
from queue_server.bus.client import BusClient


def a_client() -> BusClient:
    return BusClient(site="x", client_id="kiosk-1", role="kiosk", broker_url="mqtt://h:1")


def arrive(client: BusClient, topic: str, payload: dict) -> None:
    message = SimpleNamespace(topic=topic, payload=json.dumps(payload).encode())
    client._on_message(None, None, message)
    client.poll()


def test_a_reply_is_handed_over_as_the_operations_result_model() -> None:
    client = a_client()
    pending = client.request(m.OpName.TICKET_ISSUE, {"service": "general-petition"})
    ticket = {"number": "D001", "service": "general-petition", "kind": "local",
              "priority": False, "state": "waiting"}  # fmt: skip
    arrive(client, client.topics.response("kiosk-1"), {"v": 1, "id": pending.id, "ok": True,
                                                        "result": ticket})  # fmt: skip
    assert isinstance(pending.result(), m.TicketWire) and pending.result().number == "D001"


def test_a_result_that_breaks_the_contract_is_a_refusal_not_a_crash_in_the_app() -> None:
    client = a_client()
    pending = client.request(m.OpName.TICKET_ISSUE, {"service": "general-petition"})
    reply = {"v": 1, "id": pending.id, "ok": True, "result": {"number": 7}}
    arrive(client, client.topics.response("kiosk-1"), reply)
    assert not pending.ok and pending.error.code == m.BusCode.INTERNAL_ERROR


def test_a_state_that_breaks_the_contract_never_reaches_the_apps_handler() -> None:
    client, boards = a_client(), []
    client.on_board(lambda _topic, board: boards.append(board))
    arrive(client, client.topics.board, {"v": 1, "seq": 3})
    assert boards == []


def test_a_state_reaches_the_apps_handler_as_its_model() -> None:
    client, presences = a_client(), []
    client.on_presence(client.topics.server_presence, lambda _t, p: presences.append(p))
    arrive(client, client.topics.server_presence, {"v": 1, "online": True, "role": "server"})
    assert isinstance(presences[0], m.Presence) and presences[0].online


def test_a_handler_queued_for_the_app_wakes_the_apps_loop() -> None:
    """A screen's loop sleeps between frames; the client wakes it (issue 22: the board drew
    a call only at its next poll, 0–10 ms late, or at its next frame, 0–17 ms)."""
    client, woken = a_client(), []
    client.on_waiting = lambda: woken.append(1)
    client.on_board(lambda _topic, _board: None)
    message = SimpleNamespace(topic=client.topics.board, payload=b'{"v": 1, "seq": 3}')
    client._on_message(None, None, message)
    assert woken == [1]
