"""Issuing: only listed services, only in opening hours, every issue is an event."""

from datetime import date, time

import pytest

from queue_server.domain.catalog import ServiceKind
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.events import EventType
from queue_server.domain.hours import Interval, OpeningHours
from queue_server.domain.tickets import TicketState
from queue_server.testing import MONDAY, at, make_day

OFFICE = OpeningHours(
    weekly={
        d: (Interval(time(8, 30), time(12, 0)), Interval(time(13, 0), time(16, 30)))
        for d in range(5)
    },
    holidays=frozenset({date(2026, 12, 10)}),
    stop_issuing_minutes=15,
)


def test_a_new_ticket_waits_with_its_service_kind_and_flags():
    ticket = make_day().issue("welfare", priority=True, lang="en", now=at(9))
    assert ticket.state is TicketState.WAITING
    assert ticket.kind is ServiceKind.FORWARD
    assert (ticket.priority, ticket.lang, ticket.service_day) == (True, "en", MONDAY)


def test_issuing_records_an_event():
    day = make_day()
    ticket = day.issue("licence", priority=False, lang="th", now=at(9))
    [event] = day.events
    assert event.type is EventType.TICKET_ISSUED
    assert (event.ticket_id, event.number, event.service) == (ticket.id, "A001", "licence")
    assert event.data == {"kind": "tangrat", "priority": False, "lang": "th"}


def test_an_unknown_service_is_refused():
    day = make_day()
    with pytest.raises(DomainError) as refused:
        day.issue("passport", priority=False, lang="th", now=at(9))
    assert refused.value.code is ErrorCode.UNKNOWN_SERVICE
    assert day.events == [] and day.tickets == {}


@pytest.mark.parametrize(
    "moment",
    [
        at(8, 29),  # before opening
        at(12, 30),  # lunch
        at(16, 20),  # inside the last 15 minutes
        at(17, 0),  # after closing
        at(10, day=date(2026, 11, 28)),  # Saturday
        at(10, day=date(2026, 12, 10)),  # Constitution Day
    ],
)
def test_nothing_is_issued_outside_opening_hours(moment):
    day = make_day(hours=OFFICE, day=moment.date())
    with pytest.raises(DomainError) as refused:
        day.issue("licence", priority=False, lang="th", now=moment)
    assert refused.value.code is ErrorCode.SERVICE_CLOSED


@pytest.mark.parametrize("moment", [at(8, 30), at(11, 59), at(13, 0), at(16, 14)])
def test_tickets_are_issued_inside_opening_hours(moment):
    day = make_day(hours=OFFICE)
    assert day.issue("licence", priority=False, lang="th", now=moment).number == "A001"


def test_the_closed_screen_can_say_when_the_centre_opens_again():
    assert OFFICE.next_opening(at(17, 0)) == at(8, 30, day=date(2026, 11, 24))
    assert OFFICE.next_opening(at(12, 15)) == at(13, 0)
    assert OFFICE.next_opening(at(10, 0)) == at(10, 0)
    # Friday evening → Monday morning
    assert OFFICE.next_opening(at(17, 0, day=date(2026, 11, 27))) == at(
        8, 30, day=date(2026, 11, 30)
    )
