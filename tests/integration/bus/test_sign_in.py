"""Staff sign-in on the bus: guessing is throttled per terminal, before any PIN is hashed.

The server decides these replies without a broker (``handle()`` directly) on
a real SQLite database, so a lock can be shown to outlive a restart.
"""

import itertools
import json
import uuid
from datetime import UTC, datetime

import pytest

from queue_server import pins
from queue_server.bootstrap import centre
from queue_server.bus.auth import HASH_BURST, LoginThrottle
from queue_server.storage.staff import StaffRegistry

from .conftest import PIN, never_connected


def make_server(site, clock):
    return never_connected(centre(site, clock))


def seconds_apart():
    """A monotonic clock a second further on each reading: the hash budget never runs dry."""
    return itertools.count().__next__


@pytest.fixture
def server(bus_site, clock):
    server = make_server(bus_site, clock)
    server.throttle = LoginThrottle(server.staff, clock, monotonic=seconds_apart())
    for code in ("s01", "s02", "s03"):
        server.staff.set_pin(code, PIN, clock())
    yield server
    server.service.close()


def login(server, client, staff, pin=PIN):
    reply = login_reply(server, client, staff, pin)
    return "ok" if reply["ok"] else reply["error"]["code"]


def login_reply(server, client, staff, pin=PIN):
    body = {
        "v": 1,
        "id": uuid.uuid4().hex,
        "op": "staff.login",
        "args": {"staff": staff, "pin": pin},
    }
    return server.handle(server.topics.request(client), json.dumps(body).encode())


def test_five_wrong_pins_make_that_terminal_wait(server):
    codes = [login(server, "counter-2", "s01", f"{i:04d}") for i in range(6)]
    assert codes == ["wrong_pin"] * 5 + ["too_many_attempts"]
    assert login(server, "counter-2", "s01") == "too_many_attempts"


def test_one_terminal_guessing_does_not_lock_staff_out_of_the_others(server):
    for i in range(15):
        login(server, "counter-3", f"s0{i % 3 + 1}", "0000")
    assert [login(server, f"counter-{n}", f"s0{n}") for n in (1, 2)] == ["ok", "ok"]


def test_the_refusal_says_how_long_the_lock_really_lasts(server, clock):
    """Found: the counter terminal always said "wait 5 minutes"."""
    from queue_server.bus.refusals import refusal

    for _ in range(5):
        login(server, "counter-2", "s01", "0000")
    clock.advance(minutes=1 / 3)
    error = login_reply(server, "counter-2", "s01")["error"]
    assert error["code"] == "too_many_attempts" and 35 <= error["retry_after"] <= 41
    assert "กรุณารอ 41 วินาที" in refusal(error["code"], error["message"], 41).th


def test_the_terminal_waits_a_minute_then_twice_as_long_after_the_next_five(server, clock):
    for _ in range(5):
        login(server, "counter-2", "s01", "0000")
    clock.advance(minutes=1.1)
    assert login(server, "counter-2", "s01", "0000") == "wrong_pin"
    for _ in range(4):
        login(server, "counter-2", "s01", "0000")
    clock.advance(minutes=1.1)
    assert login(server, "counter-2", "s01") == "too_many_attempts"
    clock.advance(minutes=1)
    assert login(server, "counter-2", "s01") == "ok"


def test_a_code_guessed_from_many_terminals_is_locked_for_a_minute_only(server, clock):
    for client in ("counter-1", "counter-2"):
        for _ in range(5):
            login(server, client, "s03", "0000")
    assert login(server, "counter-3", "s03") == "too_many_attempts"
    assert login(server, "counter-3", "s01") == "ok"
    clock.advance(minutes=1.1)
    assert login(server, "counter-3", "s03") == "ok"


def test_locks_outlive_a_server_restart(server, bus_site, clock):
    for _ in range(5):
        login(server, "counter-2", "s01", "0000")
    server.service.close()
    restarted = make_server(bus_site, clock)
    restarted.throttle = LoginThrottle(restarted.staff, clock, monotonic=seconds_apart())
    try:
        assert login(restarted, "counter-2", "s01") == "too_many_attempts"
    finally:
        restarted.service.close()


def test_a_supervisor_unlocks_a_terminal(server, bus_site, clock):
    from tests.integration.test_cli import run

    clock.now = datetime.now(UTC)  # the command reads the locks against the real clock
    for _ in range(5):
        login(server, "counter-2", "s01", "0000")
    listed = run("staff", "list", "--config", str(bus_site.path))
    assert "locked: terminal counter-2 until" in listed.stdout
    result = run("staff", "unlock", "--terminal", "counter-2", "--config", str(bus_site.path))
    assert result.returncode == 0, result.stderr
    assert login(server, "counter-2", "s01") == "ok"


def test_a_made_up_code_is_refused_without_hashing_a_pin(server, monkeypatch):
    class NoHashing:
        def __getattr__(self, name):
            raise AssertionError(f"argon2 {name} for a code that does not exist")

    monkeypatch.setattr(pins, "HASHER", NoHashing())
    assert login(server, "counter-1", "x9999", "1234") == "wrong_pin"


def test_a_locked_terminal_costs_no_hash_either(server, monkeypatch):
    for _ in range(5):
        login(server, "counter-2", "s01", "0000")
    monkeypatch.setattr(StaffRegistry, "verify", lambda *_: pytest.fail("verified while locked"))
    assert login(server, "counter-2", "s01") == "too_many_attempts"


def test_many_terminals_at_once_get_only_a_few_pin_checks_a_second(server, clock):
    """The one worker must not hash PIN after PIN while a kiosk waits for its ticket."""
    server.throttle = LoginThrottle(server.staff, clock, monotonic=lambda: 0.0)  # one instant
    terminals = ["counter-1", "counter-2", "counter-3", "admin"][: HASH_BURST + 1]
    codes = [login(server, terminal, "s01", "0000") for terminal in terminals]
    assert codes == ["wrong_pin"] * HASH_BURST + ["too_many_attempts"]


def test_a_pin_hashed_with_the_old_heavy_setting_is_redone_at_sign_in(server, clock):
    from argon2 import PasswordHasher

    from queue_server.storage.tables import staff

    heavy = PasswordHasher().hash(PIN)  # the library default: 64 MiB
    with server.staff.engine.begin() as conn:
        conn.execute(staff.update().where(staff.c.code == "s02").values(pin_hash=heavy))
    assert login(server, "counter-2", "s02") == "ok"
    with server.staff.engine.connect() as conn:
        redone = conn.execute(staff.select().where(staff.c.code == "s02")).one().pin_hash
    assert redone != heavy and "m=19456" in redone


def test_a_kiosks_ticket_is_taken_before_a_queue_of_counters_sign_ins(server):
    """Found (bench/signin): 200 wrong-PIN sign-ins sent at once, each an argon2 check on
    the server's one worker, made a kiosk's ticket wait behind them."""
    from types import SimpleNamespace

    def arrive(client: str, op: str, args: dict) -> None:
        body = {"v": 1, "id": uuid.uuid4().hex, "op": op, "args": args}
        message = SimpleNamespace(topic=server.topics.request(client), payload=json.dumps(body))
        server._on_message(None, None, message)

    for client in ("counter-1", "counter-2", "counter-3"):
        arrive(client, "staff.login", {"staff": "s01", "pin": "0000"})
    arrive("kiosk-1", "ticket.issue", {"service": "general-petition"})
    taken = [server._inbox.get_nowait()[0] for _ in range(4)]
    assert taken[0] == server.topics.request("kiosk-1")
    assert taken[1:] == [server.topics.request(c) for c in ("counter-1", "counter-2", "counter-3")]
