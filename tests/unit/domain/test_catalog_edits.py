"""A catalog edited during the day: what is dropped stops being offered, open tickets go on."""

import pytest

from queue_server.domain.catalog import Catalog
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.tickets import TicketState
from queue_server.testing import at, make_day, sample_catalog

WITHOUT_WELFARE = Catalog.of(
    sample_catalog().categories, [s for s in sample_catalog().services if s.code != "welfare"]
)


def test_a_dropped_service_with_open_tickets_is_kept_as_withdrawn():
    revised = sample_catalog().revised(WITHOUT_WELFARE, still_open={"welfare", "licence"})
    assert [s.code for s in revised.withdrawn] == ["welfare"]
    assert revised.codes() == {"licence", "petition"}
    assert revised.get("welfare").name.en == "Service welfare"


def test_a_dropped_service_without_open_tickets_is_gone():
    revised = sample_catalog().revised(WITHOUT_WELFARE, still_open={"licence"})
    assert revised.withdrawn == ()
    assert "welfare" not in revised


def test_a_withdrawn_service_is_forgotten_at_the_next_edit_once_its_tickets_are_done():
    once = sample_catalog().revised(WITHOUT_WELFARE, still_open={"welfare"})
    assert once.revised(WITHOUT_WELFARE, still_open=set()).withdrawn == ()


def test_no_new_ticket_for_a_withdrawn_service():
    day = make_day()
    day.catalog = sample_catalog().revised(WITHOUT_WELFARE, still_open={"welfare"})
    with pytest.raises(DomainError) as refused:
        day.issue("welfare", priority=False, lang="th", now=at(9))
    assert refused.value.code is ErrorCode.UNKNOWN_SERVICE
    assert "taken off" in refused.value.message


def test_tickets_issued_before_the_edit_are_still_called_and_served():
    day = make_day(open_counters=["1"])
    ticket = day.issue("welfare", priority=False, lang="th", now=at(9))
    day.catalog = day.catalog.revised(WITHOUT_WELFARE, still_open={"welfare"})
    called = day.call_next("1", "s1", now=at(9, 5))
    assert called.number == ticket.number
    day.serve("1", "s1", now=at(9, 6))
    assert day.complete("1", "s1", now=at(9, 20)).state is TicketState.DONE


def test_no_transfer_to_a_withdrawn_service():
    day = make_day(open_counters=["1"])
    ticket = day.issue("licence", priority=False, lang="th", now=at(9))
    day.call_next("1", "s1", now=at(9, 1))
    day.catalog = day.catalog.revised(WITHOUT_WELFARE, still_open={"welfare"})
    with pytest.raises(DomainError) as refused:
        day.transfer("1", "s1", ticket.number, "welfare", now=at(9, 2))
    assert refused.value.code is ErrorCode.UNKNOWN_SERVICE


def test_a_withdrawn_queue_letter_is_still_announced():
    only_petition = Catalog.of(
        sample_catalog().categories, [s for s in sample_catalog().services if s.prefix == "D"]
    )
    revised = sample_catalog().revised(only_petition, still_open={"welfare"})
    assert revised.prefixes() == {"A", "D"}
