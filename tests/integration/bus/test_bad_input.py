"""Malformed and hostile requests get an error reply with a stable code; the server goes on."""

import json
import time

import paho.mqtt.client as paho
import pytest

from queue_server.bus.messages import MAX_PAYLOAD_BYTES

from .conftest import signed_in_counter


class RawClient:
    """A bare MQTT client that sends raw bytes as ``client_id`` and collects the replies."""

    def __init__(self, broker_url: str, site: str, client_id: str) -> None:
        self.replies: list[dict] = []
        port = int(broker_url.rsplit(":", 1)[1])
        self.request_topic = f"oss/{site}/req/{client_id}"
        self.mqtt = paho.Client(paho.CallbackAPIVersion.VERSION2, client_id=f"raw-{client_id}")
        self.mqtt.on_message = lambda c, u, msg: self.replies.append(json.loads(msg.payload))
        self.mqtt.connect("127.0.0.1", port)
        self.mqtt.subscribe(f"oss/{site}/resp/{client_id}", qos=1)
        self.mqtt.loop_start()
        time.sleep(0.2)

    def send(self, payload: bytes) -> dict:
        before = len(self.replies)
        self.mqtt.publish(self.request_topic, payload, qos=1).wait_for_publish(5)
        end = time.monotonic() + 5
        while len(self.replies) == before and time.monotonic() < end:
            time.sleep(0.01)
        assert len(self.replies) > before, f"no reply to {payload[:80]!r}"
        return self.replies[-1]

    def close(self) -> None:
        self.mqtt.disconnect()
        self.mqtt.loop_stop()


@pytest.fixture
def raw(server, broker, bus_site):
    clients = []

    def connect(client_id: str = "kiosk-1") -> RawClient:
        client = RawClient(broker.url, bus_site.id, client_id)
        clients.append(client)
        return client

    yield connect
    for client in clients:
        client.close()


def request(op="ticket.issue", args=None, **envelope) -> bytes:
    body = {
        "v": 1,
        "id": "r1",
        "op": op,
        "args": args if args is not None else {"service": "general-petition"},
    }
    body.update(envelope)
    return json.dumps(body).encode()


BAD = [
    (b"not json at all", "invalid_json", None),
    (b"\xff\xfe\x00garbage", "invalid_json", None),
    (b"[1, 2, 3]", "invalid_request", None),
    (b"[" * 30_000 + b"]" * 30_000, "invalid_json", None),  # deep nesting
    (
        json.dumps({"v": 2, "id": "x1", "op": "ticket.issue", "args": {}}).encode(),
        "unsupported_version",
        "x1",
    ),
    (json.dumps({"id": "x2", "op": "ticket.issue"}).encode(), "unsupported_version", "x2"),
    (json.dumps({"v": 1, "op": "ticket.issue"}).encode(), "invalid_request", None),
    (
        json.dumps({"v": 1, "id": "x3", "op": "ticket.issue", "args": [1]}).encode(),
        "invalid_request",
        "x3",
    ),
    (request(op="ticket.destroy", id="x4"), "unknown_op", "x4"),
    (request(args={"service": 42}, id="x5"), "invalid_args", "x5"),
    (
        request(args={"service": "general-petition", "name": "Somchai"}, id="x6"),
        "invalid_args",
        "x6",
    ),
    (request(args={"service": "general-petition", "lang": "fr"}, id="x7"), "invalid_args", "x7"),
    (request(args={"service": "passport"}, id="x8"), "unknown_service", "x8"),
    (request(args={"service": "x" * 10_000}, id="x9"), "invalid_args", "x9"),
    (request(id="x" * 65), "invalid_request", None),
    (
        json.dumps(
            {
                "v": 1,
                "id": "y1",
                "op": "ticket.issue",
                "args": {"service": "general-petition"},
                "pad": "x" * (MAX_PAYLOAD_BYTES + 1),
            }
        ).encode(),
        "payload_too_large",
        None,
    ),
]


@pytest.mark.parametrize(("payload", "code", "request_id"), BAD, ids=[c for _, c, _ in BAD])
def test_bad_requests_get_a_clear_error_and_the_server_keeps_serving(
    raw, payload, code, request_id
):
    client = raw()
    reply = client.send(payload)
    assert reply["v"] == 1 and reply["ok"] is False
    assert reply["error"]["code"] == code, reply
    assert reply["error"]["message"]
    assert reply["id"] == request_id
    good = client.send(request(id="after-bad"))
    assert good["ok"] is True and good["result"]["number"] == "D001"


def test_a_request_on_an_unlisted_client_id_is_forbidden(raw):
    reply = raw("phone-in-the-waiting-room").send(request(id="p1"))
    assert reply["error"]["code"] == "forbidden"


def test_a_kiosk_may_not_run_a_counter(raw):
    reply = raw("kiosk-1").send(
        request(op="counter.call_next", args={"counter": "1", "staff": "s01"}, id="k1")
    )
    assert reply["error"] == {"code": "forbidden", "message": "a kiosk may not counter.call_next"}


def test_a_display_may_not_issue_tickets(raw):
    assert raw("display-1").send(request(id="d1"))["error"]["code"] == "forbidden"


def test_counter_operations_need_the_staff_signed_in_on_that_terminal(raw, app):
    signed_in_counter(app, "counter-1", "1")  # s01 is signed in on counter-1, not counter-2
    reply = raw("counter-2").send(
        request(op="counter.call_next", args={"counter": "1", "staff": "s01"}, id="c1")
    )
    assert reply["error"]["code"] == "not_signed_in"


def test_messages_on_other_topics_are_ignored_not_fatal(server, app, broker, bus_site):
    junk = paho.Client(paho.CallbackAPIVersion.VERSION2, client_id="junk")
    junk.connect("127.0.0.1", broker.port)
    junk.loop_start()
    junk.publish(f"oss/{bus_site.id}/req/bad/topic/deep", b"{}", qos=1).wait_for_publish(5)
    junk.loop_stop()
    kiosk = app("kiosk-1")
    assert kiosk.call("ticket.issue", {"service": "general-petition"}).number == "D001"
