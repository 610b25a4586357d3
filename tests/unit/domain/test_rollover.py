"""Midnight: yesterday's unfinished tickets expire and counters left open close."""

from datetime import timedelta

from queue_server.domain.counters import CounterStatus
from queue_server.domain.events import EventType
from queue_server.domain.tickets import TicketState
from queue_server.testing import MONDAY, at, make_day

TUESDAY = MONDAY + timedelta(days=1)


def test_tickets_left_from_yesterday_expire_on_the_first_operation_of_the_day():
    monday = make_day(open_counters=["1"])
    monday.issue("licence", priority=False, lang="th", now=at(16))
    at_counter = monday.call_next("1", "s1", at(16, 1))
    left_waiting = monday.issue("licence", priority=False, lang="th", now=at(16, 2))

    tuesday = make_day(day=TUESDAY, open_counters=["1"])
    tuesday.tickets = {t.id: t for t in (left_waiting, at_counter)}
    tuesday.counters["1"].current = at_counter.id
    expired = tuesday.close_previous_days(at(0, 0, 1, day=TUESDAY))

    assert {t.id for t in expired} == {left_waiting.id, at_counter.id}
    assert all(t.state is TicketState.CANCELLED for t in expired)
    assert tuesday.counters["1"].current is None
    assert [e.type for e in tuesday.events] == [EventType.TICKET_EXPIRED] * 2
    assert {e.data["previous"] for e in tuesday.events} == {"waiting", "called"}


def test_numbering_starts_again_at_001_on_a_new_day():
    tuesday = make_day(day=TUESDAY)
    assert (
        tuesday.issue("licence", priority=False, lang="th", now=at(8, 30, day=TUESDAY)).number
        == "A001"
    )


def test_counters_opened_on_an_earlier_day_are_closed():
    tuesday = make_day(day=TUESDAY, open_counters=["1", "3"])
    tuesday.close_stale_counters(at(8, day=TUESDAY), {"1": MONDAY, "3": TUESDAY})
    assert tuesday.counters["1"].status is CounterStatus.CLOSED
    assert tuesday.counters["3"].status is CounterStatus.OPEN
    [event] = tuesday.events
    assert (event.type, event.counter, event.data) == (
        EventType.COUNTER_CLOSED,
        "1",
        {"reason": "day_end"},
    )
