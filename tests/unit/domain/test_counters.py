"""Counter operations: open, call, recall, serve, complete, no-show, pause, resume, close."""

import pytest

from queue_server.domain.counters import CounterStatus, PauseReason
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.events import EventType
from queue_server.domain.tickets import TicketState
from queue_server.testing import at, make_day


def refused(code, action, *args):
    with pytest.raises(DomainError) as caught:
        action(*args)
    assert caught.value.code is code
    return caught.value


def issue(day, service="licence", priority=False, minute=0):
    return day.issue(service, priority=priority, lang="th", now=at(9, minute))


def test_opening_a_counter_records_who_staffs_it():
    day = make_day()
    counter = day.open_counter("1", "s07", at(8, 30))
    assert (counter.status, counter.staff) == (CounterStatus.OPEN, "s07")
    assert day.events[-1].type is EventType.COUNTER_OPENED


def test_opening_an_open_counter_again_changes_only_the_staff():
    day = make_day(open_counters=["1"])
    day.open_counter("1", "s09", at(9))
    assert day.counters["1"].staff == "s09"
    assert [e.type for e in day.events] == [EventType.COUNTER_STAFF_CHANGED]


def test_an_unknown_counter_is_refused():
    refused(ErrorCode.UNKNOWN_COUNTER, make_day().open_counter, "9", "s1", at(9))


def test_call_next_calls_the_oldest_waiting_ticket():
    day = make_day(open_counters=["1"])
    first, _ = issue(day, minute=0), issue(day, minute=1)
    called = day.call_next("1", "s1", at(9, 5))
    assert called.id == first.id
    assert (called.state, called.counter, called.staff) == (TicketState.CALLED, "1", "s1")
    assert day.counters["1"].current == first.id
    assert day.events[-1].type is EventType.TICKET_CALLED
    assert day.events[-1].data["waited_s"] == 300


def test_a_counter_calls_only_the_services_it_serves():
    day = make_day(open_counters=["2"])
    issue(day, "licence")
    refused(ErrorCode.QUEUE_EMPTY, day.call_next, "2", "s2", at(9, 1))
    petition = issue(day, "petition", minute=2)
    assert day.call_next("2", "s2", at(9, 3)).id == petition.id


def test_a_closed_counter_cannot_call():
    day = make_day()
    issue(day)
    refused(ErrorCode.COUNTER_CLOSED, day.call_next, "1", "s1", at(9, 1))


def test_a_counter_with_a_ticket_must_finish_it_before_calling_again():
    day = make_day(open_counters=["1"])
    issue(day), issue(day, minute=1)
    day.call_next("1", "s1", at(9, 2))
    refused(ErrorCode.COUNTER_BUSY, day.call_next, "1", "s1", at(9, 3))


def test_one_ticket_is_never_called_by_two_counters():
    day = make_day(open_counters=["1", "3"])
    only = issue(day)
    assert day.call_next("1", "s1", at(9, 1)).id == only.id
    refused(ErrorCode.QUEUE_EMPTY, day.call_next, "3", "s3", at(9, 1))


def test_recall_counts_up_to_the_configured_limit():
    day = make_day(open_counters=["1"], max_recalls=2)
    issue(day)
    day.call_next("1", "s1", at(9, 1))
    assert day.recall("1", "s1", at(9, 2)).recalls == 1
    assert day.recall("1", "s1", at(9, 3)).recalls == 2
    refused(ErrorCode.RECALL_LIMIT, day.recall, "1", "s1", at(9, 4))
    assert [e.data.get("recall") for e in day.events if e.type is EventType.TICKET_RECALLED] == [
        1,
        2,
    ]


def test_recall_needs_a_called_ticket():
    day = make_day(open_counters=["1"])
    refused(ErrorCode.NO_CURRENT_TICKET, day.recall, "1", "s1", at(9))
    issue(day)
    day.call_next("1", "s1", at(9, 1))
    day.serve("1", "s1", at(9, 2))
    refused(ErrorCode.TICKET_NOT_CALLED, day.recall, "1", "s1", at(9, 3))


def test_serve_then_complete_frees_the_counter_and_records_the_service_time():
    day = make_day(open_counters=["1"])
    issue(day)
    day.call_next("1", "s1", at(9, 1))
    day.serve("1", "s1", at(9, 2))
    done = day.complete("1", "s1", at(9, 9))
    assert done.state is TicketState.DONE
    assert day.counters["1"].current is None
    assert day.events[-1].data["service_s"] == 7 * 60
    assert day.recent_minutes["licence"] == [7]


def test_complete_straight_from_called_counts_service_from_the_call():
    day = make_day(open_counters=["1"])
    issue(day)
    day.call_next("1", "s1", at(9, 1))
    done = day.complete("1", "s1", at(9, 5))
    assert done.served_at == at(9, 1)


def test_no_show_only_for_a_called_ticket():
    day = make_day(open_counters=["1"])
    issue(day)
    day.call_next("1", "s1", at(9, 1))
    assert day.no_show("1", "s1", at(9, 4)).state is TicketState.NO_SHOW
    assert day.counters["1"].current is None
    issue(day, minute=5)
    day.call_next("1", "s1", at(9, 6))
    day.serve("1", "s1", at(9, 7))
    refused(ErrorCode.TICKET_NOT_CALLED, day.no_show, "1", "s1", at(9, 8))


def test_pause_with_a_reason_and_resume():
    day = make_day(open_counters=["1"])
    paused = day.pause("1", "s1", "break", at(10))
    assert (paused.status, paused.pause_reason) == (CounterStatus.PAUSED, PauseReason.BREAK)
    issue(day)
    refused(ErrorCode.COUNTER_PAUSED, day.call_next, "1", "s1", at(10, 1))
    day.resume("1", "s1", at(10, 15))
    assert day.call_next("1", "s1", at(10, 16)).number == "A001"
    assert day.events[-2].data == {"reason": "break"}  # counter.resumed says what it was


def test_pause_needs_a_known_reason_and_an_idle_counter():
    day = make_day(open_counters=["1"])
    refused(ErrorCode.INVALID_PAUSE_REASON, day.pause, "1", "s1", "lunch", at(10))
    issue(day)
    day.call_next("1", "s1", at(10, 1))
    refused(ErrorCode.COUNTER_BUSY, day.pause, "1", "s1", "break", at(10, 2))


def test_resume_needs_a_paused_counter():
    refused(ErrorCode.COUNTER_NOT_PAUSED, make_day(open_counters=["1"]).resume, "1", "s1", at(9))


def test_close_needs_an_idle_counter():
    day = make_day(open_counters=["1"])
    issue(day)
    day.call_next("1", "s1", at(9, 1))
    refused(ErrorCode.COUNTER_BUSY, day.close_counter, "1", "s1", at(9, 2))
    day.complete("1", "s1", at(9, 3))
    assert day.close_counter("1", "s1", at(9, 4)).status is CounterStatus.CLOSED


def test_a_refused_operation_changes_nothing():
    day = make_day(open_counters=["1"])
    issue(day)
    day.call_next("1", "s1", at(9, 1))
    before = (len(day.events), dict(day.counters["1"].__dict__))
    refused(ErrorCode.COUNTER_BUSY, day.call_next, "1", "s1", at(9, 2))
    assert (len(day.events), dict(day.counters["1"].__dict__)) == before
