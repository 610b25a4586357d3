"""Recording outcomes and following cases over the bus: roles, sign-in, repeats, refusals.

Runs ``handle()`` on the memory store: deciding the answer needs no broker (the
PDPA day in test_no_personal_data.py records and closes a case over Mosquitto).
"""

import itertools
import json

import pytest

PIN = "2468"
MAE_KORN = "องค์การบริหารส่วนตำบลแม่กรณ์"
_ids = itertools.count()


@pytest.fixture
def server(offline_server, clock):
    offline_server.staff.set_pin("s01", PIN, clock())
    return offline_server


def send(server, client, op, args, request_id=None):
    body = {"v": 1, "id": request_id or f"r{next(_ids)}", "op": op, "args": args}
    return server.handle(server.topics.request(client), json.dumps(body).encode())


def completed(server) -> str:
    number = send(server, "kiosk-1", "ticket.issue", {"service": "general-petition"})
    assert send(server, "counter-2", "staff.login", {"staff": "s01", "pin": PIN})["ok"]
    for op in ("counter.open", "counter.call_next", "counter.complete"):
        assert send(server, "counter-2", op, {"counter": "2", "staff": "s01"})["ok"]
    return number["result"]["number"]


def forwarded(number: str, **changes) -> dict:
    return {"counter": "2", "staff": "s01", "number": number, "outcome": "forwarded",
            "agency": MAE_KORN, "channel": "dla_oss", **changes}  # fmt: skip


def test_a_kiosk_may_not_record_an_outcome(server) -> None:
    number = completed(server)
    reply = send(server, "kiosk-1", "ticket.outcome", forwarded(number))
    assert reply["error"]["code"] == "forbidden"


def test_an_outcome_needs_the_staff_signed_in_on_that_terminal(server) -> None:
    number = completed(server)
    reply = send(server, "counter-1", "ticket.outcome", forwarded(number))
    assert reply["error"]["code"] == "not_signed_in"


def test_a_repeated_request_gets_the_same_case_and_a_second_outcome_is_refused(server) -> None:
    number = completed(server)
    first = send(server, "counter-2", "ticket.outcome", forwarded(number), "same")
    again = send(server, "counter-2", "ticket.outcome", forwarded(number), "same")
    assert first == again and first["result"]["case"]["reference"] == "ส-2569-000001"
    other = send(server, "counter-2", "ticket.outcome", forwarded(number))
    assert other["error"]["code"] == "outcome_recorded"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"agency": "กรมที่ไม่มีอยู่"}, "unknown_agency"),
        ({"agency_ref": "x" * 41}, "invalid_case"),
        ({"contact": "0812345678"}, "invalid_case"),  # no consent
        ({"channel": None}, "invalid_case"),
        ({"channel": "pigeon"}, "invalid_args"),
        ({"sent_on": "2026-13-01"}, "invalid_args"),
    ],
)
def test_bad_forwarding_details_are_refused_and_change_nothing(server, changes, code) -> None:
    number = completed(server)
    args = {k: v for k, v in forwarded(number, **changes).items() if v is not None}
    assert send(server, "counter-2", "ticket.outcome", args)["error"]["code"] == code
    listed = send(server, "counter-2", "case.list", {"staff": "s01"})
    assert listed["result"]["cases"] == []
    done_here = {"counter": "2", "staff": "s01", "number": number, "outcome": "done_here"}
    assert send(server, "counter-2", "ticket.outcome", done_here)["ok"]  # nothing was kept


def test_a_case_moves_forward_only_and_anyone_may_look_it_up(server) -> None:
    number = completed(server)
    case = send(server, "counter-2", "ticket.outcome", forwarded(number))["result"]["case"]
    update = {"staff": "s01", "reference": case["reference"]}
    assert send(server, "counter-2", "case.update", {**update, "status": "in_progress"})["ok"]
    back = send(server, "counter-2", "case.update", {**update, "status": "received"})
    assert back["error"]["code"] == "case_status_order"
    looked_up = send(server, "kiosk-1", "case.status", {"reference": case["reference"]})
    assert looked_up["result"]["status"] == "in_progress"
    unknown = send(server, "kiosk-1", "case.status", {"reference": "ส-2569-999999"})
    assert unknown["error"]["code"] == "unknown_case"
