"""A day's flow over a real broker: kiosk, counter terminal, display and rating screen."""

import pytest

from queue_server.bus.client import BusError
from queue_server.domain.catalog import Text
from queue_server.testing import MONDAY

from .conftest import signed_in_counter, wait_for

# The amqtt fallback must keep a whole day and exactly-once delivery too.
pytestmark = pytest.mark.both_brokers

LICENCE, PETITION = "driving-licence-queue", "general-petition"


def test_a_ticket_from_kiosk_to_counter_reaches_every_screen(server, app, clock):
    display, rating = app("display-1"), app("rating-1")
    boards, calls, ratings = [], [], []
    display.on_board(lambda t, d: boards.append(d))
    display.on_call(lambda t, d: calls.append(d))
    rating.on_rating(lambda t, d: ratings.append(d))
    kiosk = app("kiosk-1")
    counter = signed_in_counter(app)

    issued = kiosk.call("ticket.issue", {"service": LICENCE, "lang": "th"})
    assert (issued.number, issued.kind, issued.people_ahead) == ("A001", "tangrat", 0)
    assert issued.wait_minutes[0] <= issued.wait_minutes[1]

    clock.advance(3)
    called = counter.call("counter.call_next", {"counter": "1", "staff": "s01"})
    assert (called.number, called.recall) == ("A001", 0)
    assert counter.call("counter.recall", {"counter": "1", "staff": "s01"}).recall == 1
    counter.call("counter.serve", {"counter": "1", "staff": "s01"})
    clock.advance(6)
    assert counter.call("counter.complete", {"counter": "1", "staff": "s01"}).state == "done"

    wait_for(display, lambda: len(calls) == 2)
    assert [(c.ticket, c.counter, c.recall) for c in calls] == [
        ("A001", "1", 0),
        ("A001", "1", 1),
    ]
    assert calls[0].counter_name == Text("ช่องบริการ 1", "Counter 1")
    wait_for(rating, lambda: len(ratings) == 1)
    assert (ratings[0].ticket, ratings[0].counter, ratings[0].service) == (
        "A001",
        "1",
        LICENCE,
    )
    wait_for(
        display,
        lambda: boards and boards[-1].last_calls and boards[-1].counters[0].ticket is None,
    )
    board = boards[-1]
    assert board.last_calls[0].ticket == "A001"
    assert board.counters[0].status == "open"
    assert [b.seq for b in boards] == sorted(b.seq for b in boards)


def test_every_counter_operation_over_the_bus(server, app):
    kiosk = app("kiosk-1")
    counter = signed_in_counter(app, "counter-2", "2")
    for service in (LICENCE, PETITION, LICENCE):
        kiosk.call("ticket.issue", {"service": service})
    args = {"counter": "2", "staff": "s01"}

    assert counter.call("counter.call_next", args).number == "A001"
    assert counter.call("counter.park", args).state == "parked"
    assert counter.call("counter.call_next", args).number == "D001"
    assert counter.call("counter.no_show", args).state == "no_show"
    assert counter.call("counter.unpark", {**args, "number": "A001"}).state == "called"
    moved = counter.call("counter.transfer", {**args, "number": "A001", "service": PETITION})
    assert (moved.number, moved.service, moved.state) == ("A001", PETITION, "transferred")
    assert counter.call("counter.pause", {**args, "reason": "meeting"}).status == "paused"
    try:
        counter.call("counter.call_next", args)
        raise AssertionError("a paused counter called")
    except BusError as refused:
        assert refused.code == "counter_paused"
    assert counter.call("counter.resume", args).status == "open"
    assert counter.call("counter.call_next", args).number == "A001"
    assert counter.call("counter.complete", args).state == "done"
    assert counter.call("counter.call_next", args).number == "A002"
    assert counter.call("ticket.status", {"number": "a2"}).state == "called"
    counter.call("counter.complete", args)
    assert counter.call("counter.close", args).status == "closed"
    events = [e["type"] for e in server.service.store.events_of_day(MONDAY)]
    assert events.count("ticket.called") == 4 and events.count("ticket.unparked") == 1


def test_the_counter_state_shows_the_next_tickets_in_policy_order(server, app):
    kiosk = app("kiosk-1")
    counter = signed_in_counter(app)
    states = []
    counter.on_counter("1", lambda t, d: states.append(d))
    for priority in (False, True, True, True):
        kiosk.call("ticket.issue", {"service": LICENCE, "priority": priority})
    wait_for(counter, lambda: states and len(states[-1].next) == 4)
    assert [t.number for t in states[-1].next] == ["A002", "A003", "A001", "A004"]
    assert states[-1].waiting == 4 and states[-1].max_recalls == 3


def test_a_late_display_gets_the_whole_board_from_retained_state(server, app):
    kiosk = app("kiosk-1")
    counter = signed_in_counter(app)
    kiosk.call("ticket.issue", {"service": LICENCE})
    kiosk.call("ticket.issue", {"service": PETITION})
    counter.call("counter.call_next", {"counter": "1", "staff": "s01"})
    # the board is republished just after the reply: wait until the broker holds the new one
    watcher, seen = app("admin"), []
    watcher.on_board(lambda t, d: seen.append(d))
    wait_for(watcher, lambda: bool(seen) and seen[-1].counters[0].ticket == "A001")

    late = app("display-1")
    boards = []
    late.on_board(lambda t, d: boards.append(d))
    wait_for(late, lambda: bool(boards))
    board = boards[-1]
    assert board.counters[0].ticket == "A001"
    assert board.waiting_by_prefix == {"A": 0, "B": 0, "C": 0, "D": 1}
    assert board.last_calls[0].ticket == "A001"


def test_a_reprint_request_reaches_the_kiosk(server, app):
    kiosk = app("kiosk-1")
    reprints = []
    kiosk.subscribe(kiosk.topics.reprint, lambda t, d: reprints.append(d))
    kiosk.call("ticket.issue", {"service": LICENCE})
    counter = signed_in_counter(app)
    assert counter.call("ticket.reprint", {"number": "A001"}).number == "A001"
    wait_for(kiosk, lambda: bool(reprints))
    assert reprints[0]["ticket"]["number"] == "A001" and reprints[0]["requested_by"] == "counter-1"


def test_the_server_announces_itself_and_its_departure(start_server, app):
    watcher = app("admin")
    presence = []
    watcher.subscribe(watcher.topics.all_presence, lambda t, d: presence.append((t, d["online"])))
    server = start_server()
    wait_for(
        watcher, lambda: (server.topics.presence("server", server.client_id), True) in presence
    )
    server.stop()
    wait_for(
        watcher, lambda: presence[-1] == (server.topics.presence("server", server.client_id), False)
    )


def test_the_rating_screen_submits_a_rating_after_service(server, app):
    kiosk, rating = app("kiosk-1"), app("rating-1")
    counter = signed_in_counter(app)
    kiosk.call("ticket.issue", {"service": LICENCE})
    counter.call("counter.call_next", {"counter": "1", "staff": "s01"})
    counter.call("counter.complete", {"counter": "1", "staff": "s01"})
    scores = {"process": 5, "staff": 5, "facilities": 4, "outcome": 4}
    assert rating.call("rating.submit", {"number": "A001", "scores": scores}).number == "A001"
    try:
        rating.call("rating.submit", {"number": "A001", "scores": scores})
        raise AssertionError("rated twice")
    except BusError as refused:
        assert refused.code == "already_rated"
    try:
        counter.call("rating.submit", {"number": "A001", "scores": scores})
        raise AssertionError("a counter rated")
    except BusError as refused:
        assert refused.code == "forbidden"
