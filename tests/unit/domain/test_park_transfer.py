"""Park and return, transfer keeping the number."""

import pytest

from queue_server.domain.catalog import ServiceKind
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.events import EventType
from queue_server.domain.tickets import TicketState
from queue_server.testing import at, make_day


def called_at_counter_1(day, service="licence"):
    ticket = day.issue(service, priority=False, lang="th", now=at(9))
    day.call_next("1", "s1", at(9, 1))
    return ticket


def test_park_sets_the_ticket_aside_and_frees_the_counter():
    day = make_day(open_counters=["1"])
    ticket = called_at_counter_1(day)
    day.park("1", "s1", at(9, 2))
    assert ticket.state is TicketState.PARKED
    assert day.counters["1"].current is None


def test_a_parked_ticket_is_not_called_by_call_next():
    day = make_day(open_counters=["1"])
    called_at_counter_1(day)
    day.park("1", "s1", at(9, 2))
    with pytest.raises(DomainError) as refused:
        day.call_next("1", "s1", at(9, 3))
    assert refused.value.code is ErrorCode.QUEUE_EMPTY


def test_unpark_calls_the_ticket_back_to_a_counter_serving_its_service():
    day = make_day(open_counters=["1", "3"])
    ticket = called_at_counter_1(day)
    day.park("1", "s1", at(9, 2))
    back = day.unpark("3", "s3", "a1", at(9, 20))
    assert back.id == ticket.id
    assert (back.state, back.counter, back.recalls) == (TicketState.CALLED, "3", 0)
    assert day.events[-1].type is EventType.TICKET_UNPARKED


def test_unpark_refuses_a_counter_that_does_not_serve_the_service():
    day = make_day(open_counters=["1", "2"])
    called_at_counter_1(day)
    day.park("1", "s1", at(9, 2))
    with pytest.raises(DomainError) as refused:
        day.unpark("2", "s2", "A001", at(9, 3))
    assert refused.value.code is ErrorCode.SERVICE_NOT_SERVED


def test_unpark_refuses_a_ticket_that_is_not_parked():
    day = make_day(open_counters=["1", "3"])
    called_at_counter_1(day)
    with pytest.raises(DomainError) as refused:
        day.unpark("3", "s3", "A001", at(9, 3))
    assert refused.value.code is ErrorCode.TICKET_NOT_PARKED


def test_unpark_of_an_unknown_number():
    with pytest.raises(DomainError) as refused:
        make_day(open_counters=["1"]).unpark("1", "s1", "Z123", at(9))
    assert refused.value.code is ErrorCode.UNKNOWN_TICKET


def test_transfer_keeps_the_number_and_joins_the_other_queue():
    day = make_day(open_counters=["1", "2"])
    ticket = called_at_counter_1(day)
    moved = day.transfer("1", "s1", "A001", "petition", at(9, 5))
    assert (moved.number, moved.service, moved.kind) == ("A001", "petition", ServiceKind.ONSITE)
    assert moved.state is TicketState.TRANSFERRED and moved.transfers == 1
    assert day.counters["1"].current is None
    assert day.events[-1].data == {"origin": "licence", "target": "petition"}
    assert day.call_next("2", "s2", at(9, 6)).id == ticket.id


def test_a_transferred_ticket_keeps_its_place_from_when_it_first_queued():
    day = make_day(open_counters=["1", "2"])
    called_at_counter_1(day)  # A001 queued at 9:00
    later = day.issue("petition", priority=False, lang="th", now=at(9, 3))
    day.transfer("1", "s1", "A001", "petition", at(9, 5))
    assert day.call_next("2", "s2", at(9, 6)).number == "A001"
    assert day.people_ahead(later) == 0


def test_transfer_refuses_a_ticket_that_is_not_at_the_counter():
    day = make_day(open_counters=["1"])
    called_at_counter_1(day)
    with pytest.raises(DomainError) as refused:
        day.transfer("1", "s1", "A002", "petition", at(9, 5))
    assert refused.value.code is ErrorCode.TICKET_NOT_AT_COUNTER


def test_transfer_to_an_unknown_or_the_same_service_is_refused():
    day = make_day(open_counters=["1"])
    called_at_counter_1(day)
    for target, code in [
        ("passport", ErrorCode.UNKNOWN_SERVICE),
        ("licence", ErrorCode.SAME_SERVICE),
    ]:
        with pytest.raises(DomainError) as refused:
            day.transfer("1", "s1", "A001", target, at(9, 5))
        assert refused.value.code is code
