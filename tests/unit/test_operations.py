"""One table of operations: the bus, the CLI and the counter terminal all read it."""

from click.testing import CliRunner

from assets import DEFAULT_SITE
from queue_server.bootstrap import memory_centre
from queue_server.bus import messages as m
from queue_server.bus.ops import OPS, run_here
from queue_server.cli.main import main
from queue_server.config import load_site
from queue_server.testing import at
from screens.counter.actions import ACTIONS

N = m.OpName
MAE_KORN = "องค์การบริหารส่วนตำบลแม่กรณ์"


def test_every_operation_has_its_arguments_its_result_and_its_handler() -> None:
    assert set(m.ARGS) == set(m.OpName)
    assert set(m.RESULTS) == set(m.OpName)
    assert set(OPS) == {name.value for name in m.OpName}


A_DAY = [  # every operation once, in an order the queue rules accept
    (N.TICKET_ISSUE, {"service": "general-petition"}),
    (N.TICKET_ISSUE, {"service": "general-petition"}),
    (N.TICKET_STATUS, {"number": "D001"}),
    (N.TICKET_FOLLOW, {}),
    (N.TICKET_REPRINT, {"number": "D001"}),
    (N.STAFF_LOGIN, {"staff": "s01", "pin": "2468"}),
    (N.COUNTER_OPEN, {}),
    (N.COUNTER_CALL_NEXT, {}),
    (N.COUNTER_RECALL, {}),
    (N.COUNTER_PARK, {}),
    (N.COUNTER_UNPARK, {"number": "D001"}),
    (N.COUNTER_TRANSFER, {"number": "D001", "service": "citizen-assistance"}),
    (N.COUNTER_CALL_NEXT, {}),
    (N.COUNTER_NO_SHOW, {}),
    (N.COUNTER_CALL_NEXT, {}),
    (N.COUNTER_SERVE, {}),
    (N.COUNTER_COMPLETE, {}),
    (N.RATING_CHECK, {}),
    (N.RATING_SUBMIT, {"scores": dict.fromkeys(("process", "staff", "facilities", "outcome"), 5)}),
    (N.TICKET_OUTCOME, {"outcome": "forwarded", "agency": MAE_KORN, "channel": "paper"}),
    (N.CASE_STATUS, {}),
    (N.CASE_UPDATE, {"staff": "s01", "status": "received", "agency_ref": "มก 12/2569"}),
    (N.CASE_LIST, {"staff": "s01"}),
    (N.CASE_SLIP, {}),
    (N.COMPLAINT_SUBMIT, {"kind": "complaint", "category": "waiting", "text": "รอนาน"}),
    (
        N.COMPLAINT_UPDATE,
        {
            "staff": "s01",
            "reference": "ร-2569-000001",
            "status": "answered",
            "answer": "เพิ่มช่องบริการช่วงเช้าแล้ว",
        },
    ),
    (N.COMPLAINT_LIST, {"staff": "s01"}),
    (N.COUNTER_PAUSE, {"reason": "meeting"}),
    (N.COUNTER_RESUME, {}),
    (N.COUNTER_CLOSE, {}),
    (N.STAFF_LOGOUT, {}),
]


def test_each_operations_result_is_exactly_its_result_model() -> None:
    parts = memory_centre(load_site(DEFAULT_SITE), lambda: at(9, 0))
    parts.staff.set_pin("s01", "2468", at(9, 0))
    assert {op for op, _ in A_DAY} == set(m.OpName)
    seen: dict[m.OpName, dict] = {}
    for op, args in A_DAY:
        if op.startswith("counter.") or op is N.TICKET_OUTCOME:
            args = {"counter": "2", "staff": "s01", **args}
        if op in (N.RATING_CHECK, N.RATING_SUBMIT, N.TICKET_OUTCOME):  # the ticket just served
            args = {**args, "number": seen[N.COUNTER_COMPLETE]["number"]}
        if op is N.TICKET_FOLLOW:  # the first ticket, by its QR's token
            args = {"token": seen[N.TICKET_ISSUE]["token"]}
        if op in (N.CASE_STATUS, N.CASE_UPDATE, N.CASE_SLIP):  # the case it opened
            args = {**args, "reference": seen[N.TICKET_OUTCOME]["case"]["reference"]}
        result = seen[op] = run_here(OPS[op], parts.service, parts.staff, m.ARGS[op](**args)).result
        model = m.RESULTS[op]
        assert set(result) <= set(model.model_fields), op  # nothing the model does not name
        model.model_validate(result)


def test_the_cli_offers_exactly_the_counter_operations_of_the_table() -> None:
    listed = CliRunner().invoke(main, ["counter", "--help"]).output
    commands = {op.command for op in OPS.values() if op.command}
    assert commands == {
        "open", "close", "call", "recall", "serve", "complete", "no-show", "park", "unpark",
        "transfer", "pause", "resume",
    }  # fmt: skip
    assert all(f"  {command} " in listed for command in commands)


def test_each_counter_button_sends_an_operation_of_the_table() -> None:
    assert all(action.op in OPS for action in ACTIONS)


def test_the_client_refuses_arguments_the_server_would_refuse_without_sending() -> None:
    from queue_server.bus.client import BusClient

    client = BusClient(site="x", client_id="kiosk-1", role="kiosk", broker_url="mqtt://h:1")
    pending = client.request(m.OpName.TICKET_STATUS, {"number": "0812345678"})
    assert pending.done.is_set() and pending.sent == 0
    assert pending.error.code == "invalid_args"
    assert "0812345678" not in pending.error.message


def test_the_client_scrubs_a_comment_before_it_is_published() -> None:
    from queue_server.bus.client import BusClient

    client = BusClient(site="x", client_id="rating-1", role="rating", broker_url="mqtt://h:1")
    args = {"number": "A001", "scores": {"overall": 5}, "comment": "โทร 081 234 5678"}
    pending = client.request(m.OpName.RATING_SUBMIT, args)
    assert b"081" not in pending.payload and "[ลบเลข]".encode() in pending.payload


def test_every_code_a_person_can_meet_has_thai_and_english_words() -> None:
    from queue_server.bus.refusals import REFUSALS
    from queue_server.domain.errors import ErrorCode

    malformed = {  # a bug in an app, never something a person did: the server's words do
        m.BusCode.INVALID_JSON, m.BusCode.INVALID_REQUEST, m.BusCode.UNSUPPORTED_VERSION,
        m.BusCode.PAYLOAD_TOO_LARGE, m.BusCode.UNKNOWN_OP,
    }  # fmt: skip
    codes = {c.value for c in m.BusCode if c not in malformed} | {c.value for c in ErrorCode}
    assert codes - set(REFUSALS) == set()
