"""Property-based fuzzing of the server's request handling (hypothesis).

Any bytes, any JSON, any arguments to any op: the server answers with a reply
in the contract (or, for a valid request, applies it), never raises, and
still serves a normal request afterwards. Runs ``handle()`` directly on a
real SQLite database; the broker is not needed to decide the answer.
"""

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from queue_server.bus.messages import BusCode
from queue_server.bus.ops import OPS
from queue_server.domain.errors import ErrorCode

from .conftest import without_rate_limits

KNOWN_CODES = {code.value for code in BusCode} | {code.value for code in ErrorCode}
FUZZ = settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture
def server(offline_server):
    return without_rate_limits(offline_server)  # hundreds of requests from one client


def check_reply(reply):
    assert reply is not None and reply["v"] == 1 and isinstance(reply["ok"], bool)
    if not reply["ok"]:
        assert reply["error"]["code"] in KNOWN_CODES, reply
        assert reply["error"]["message"]


def still_serves(server):
    body = {"v": 1, "id": "after-fuzz", "op": "ticket.status", "args": {"number": "A999"}}
    reply = server.handle(server.topics.request("kiosk-1"), json.dumps(body).encode())
    assert reply["error"]["code"] == "unknown_ticket"


@FUZZ
@given(payload=st.binary(max_size=3000))
def test_any_bytes_get_an_answer(server, payload):
    check_reply(server.handle(server.topics.request("kiosk-1"), payload))
    still_serves(server)


@FUZZ
@given(
    body=st.dictionaries(st.sampled_from(["v", "id", "op", "args", "x"]), json_values, max_size=5)
)
def test_any_json_object_gets_an_answer(server, body):
    check_reply(server.handle(server.topics.request("kiosk-1"), json.dumps(body).encode()))


@FUZZ
@given(
    op=st.sampled_from(sorted(OPS)),
    client=st.sampled_from(["kiosk-1", "counter-1", "display-1", "rating-1", "admin", "stranger"]),
    args=st.dictionaries(
        st.sampled_from(["service", "counter", "staff", "number", "reason", "pin", "scores",
                         "priority", "lang", "comment", "junk"]),
        json_values,
        max_size=6,
    ),
)  # fmt: skip
def test_any_arguments_to_any_op_get_an_answer(server, op, client, args):
    body = {"v": 1, "id": uuid.uuid4().hex, "op": op, "args": args}
    check_reply(server.handle(server.topics.request(client), json.dumps(body).encode()))
    still_serves(server)
