"""The memory store keeps the real store's contract: the same day gives the same tickets,
events and replies on both (so tests on it say something about a centre)."""

import pytest

from queue_server.bootstrap import centre, memory_centre
from queue_server.domain.errors import DomainError
from queue_server.domain.queue_day import QueueDay
from queue_server.storage.store import DuplicateRequest, RequestKey
from queue_server.testing import MONDAY

PETITION, LICENCE = "general-petition", "driving-licence-queue"


def a_morning(service):
    service.issue(PETITION)
    service.issue(LICENCE, priority=True)
    service.issue(PETITION, request=RequestKey("kiosk-1", "r1", "ticket.issue"))
    service.at_counter(QueueDay.open_counter, "2", "s01")
    service.at_counter(QueueDay.call_next, "2", "s01")
    service.at_counter(QueueDay.serve, "2", "s01")
    service.at_counter(QueueDay.complete, "2", "s01")
    service.rate("A001", {"process": 5, "staff": 5, "facilities": 4, "outcome": 4})
    service.at_counter(QueueDay.call_next, "2", "s01")
    service.at_counter(QueueDay.park, "2", "s01")
    return service


def seen(service):
    tickets = [(t.number, t.state.value, t.counter) for t in service.store.tickets_of_day(MONDAY)]
    events = [e["type"] for e in service.store.events_of_day(MONDAY)]
    return tickets, events


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_morning_gives_the_same_tickets_and_events_on_both_stores(site, clock):
    real = centre(site, clock)
    memory = memory_centre(site, clock)
    try:
        assert seen(a_morning(memory.service)) == seen(a_morning(real.service))
    finally:
        real.close()
        memory.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_repeated_request_and_a_refusal_behave_alike_on_both_stores(site, clock):
    for parts in (centre(site, clock), memory_centre(site, clock)):
        service = parts.service
        key = RequestKey("kiosk-1", "same", "ticket.issue")
        first = service.issue(PETITION, request=key)
        with pytest.raises(DuplicateRequest) as repeated:
            service.issue(PETITION, request=key)
        assert repeated.value.reply["result"]["number"] == first.result.number
        with pytest.raises(DomainError):
            service.at_counter(QueueDay.call_next, "1", "s01")  # closed: nothing changes
        parts.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_outcomes_and_cases_behave_alike_on_both_stores(site, clock):
    from queue_server.domain.cases import CaseStatus, Channel, Forwarding, Outcome

    sent = Forwarding("องค์การบริหารส่วนตำบลแม่กรณ์", Channel.PAPER, MONDAY)
    seen = []
    for parts in (centre(site, clock), memory_centre(site, clock)):
        service = a_morning(parts.service)
        cases = service.cases
        opened = cases.record("A001", Outcome.FORWARDED, "s01", sent).wire
        updated = cases.update(opened["case"]["reference"], CaseStatus.DONE, "s01", "x 1").wire
        with pytest.raises(DomainError):
            cases.record("A001", Outcome.DONE_HERE, "s01")
        listed = [c.to_wire() for c in cases.listing().cases]
        seen.append((opened, updated, listed))
        parts.close()
    assert seen[0][0] == seen[1][0]
    assert seen[0][1] == seen[1][1]
    assert seen[0][2] == seen[1][2]


def test_a_phone_follows_the_same_ticket_by_its_token_on_both_stores(site, clock):
    """The token is kept with the ticket (migration 0011) and finds it, and only it."""
    views = []
    for parts in (centre(site, clock), memory_centre(site, clock)):
        a_morning(parts.service)
        tokens = [t.token for t in parts.service.store.tickets_of_day(MONDAY)]
        assert len(set(tokens)) == len(tokens) == 3
        follow = parts.service.following
        views.append([(v.number, v.state, v.rating) for v in map(follow.one, tokens)])
        parts.close()
    assert views[0] == views[1]
    assert views[0][0] == ("A001", "done", "given")
