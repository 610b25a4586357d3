"""The queue service on the memory store: what the bus, the CLI and the screens get back."""

import pytest

from assets import DEFAULT_SITE
from queue_server.bootstrap import memory_centre
from queue_server.config import load_site
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.queue_day import QueueDay
from queue_server.service import QueueService
from queue_server.storage.store import DuplicateRequest, RequestKey
from queue_server.testing import at

PETITION, ASSISTANCE, LICENCE = "general-petition", "citizen-assistance", "driving-licence-queue"
SCORES = dict.fromkeys(("process", "staff", "facilities", "outcome"), 4)


@pytest.fixture
def service() -> QueueService:
    parts = memory_centre(load_site(DEFAULT_SITE), lambda: at(9, 0))
    parts.service.at_counter(QueueDay.open_counter, "2", "s01")
    return parts.service


def served(service: QueueService) -> str:
    number = service.issue(PETITION).result.number
    for act in (QueueDay.call_next, QueueDay.serve, QueueDay.complete):
        service.at_counter(act, "2", "s01")
    return number


def test_an_issued_ticket_says_who_is_ahead_and_how_long_in_its_wire_form(service) -> None:
    service.issue(PETITION)
    issued = service.issue(PETITION)
    assert issued.result.people_ahead == 1 and issued.wire["number"] == "D002"
    assert issued.wire["wait_minutes"] == list(issued.result.wait_minutes)
    assert [e.type for e in issued.events] == ["ticket.issued"]


def test_a_repeated_request_gets_the_stored_reply_and_changes_nothing(service) -> None:
    key = RequestKey("kiosk-1", "r1", "ticket.issue")
    first = service.issue(PETITION, request=key)
    with pytest.raises(DuplicateRequest) as again:
        service.issue(PETITION, request=key)
    assert again.value.reply == {"ok": True, "result": first.wire}
    assert service.snapshot().waiting == {PETITION: 1}


def test_status_finds_a_finished_ticket_for_the_kiosks_rating_entry(service) -> None:
    number = served(service)
    assert service.status(number.lower()).state == "done"
    with pytest.raises(DomainError) as unknown:
        service.status("D999")
    assert unknown.value.code is ErrorCode.UNKNOWN_TICKET


def test_a_ticket_is_rated_once(service) -> None:
    number = served(service)
    assert service.rate(number, SCORES).wire["number"] == number
    with pytest.raises(DomainError) as twice:
        service.rate(number, SCORES)
    assert twice.value.code is ErrorCode.ALREADY_RATED


def test_a_transfer_replies_with_the_tickets_place_in_its_new_queue(service) -> None:
    service.issue(ASSISTANCE)
    service.issue(PETITION)
    service.at_counter(QueueDay.call_next, "2", "s01")  # D001, assistance
    moved = service.at_counter(QueueDay.transfer, "2", "s01", "D001", PETITION)
    # it keeps its number and its time of issue: first in its new queue
    assert (moved.result.service, moved.result.state) == (PETITION, "transferred")
    assert moved.result.people_ahead == 0 and moved.result.wait_minutes is not None


def test_the_floor_counts_waiting_per_service_and_shows_each_desk(service) -> None:
    service.issue(PETITION)
    service.issue(LICENCE)  # counter 2 serves both, in the order they came
    floor = service.floor()
    waiting = {q.service: q.waiting for q in floor.queues}
    assert waiting[PETITION] == 1 and waiting[LICENCE] == 1 and waiting[ASSISTANCE] == 0
    desk = next(d for d in floor.desks if d.info.id == "2")
    assert desk.info.status == "open" and [t.number for t in desk.upcoming] == ["D001", "A001"]


def test_the_state_after_a_change_is_read_in_the_changes_own_transaction(service) -> None:
    """Found: each request loaded the whole day twice, once more to publish the state."""
    opened = []
    day = service.store.day

    def counted(*args, **kwargs):
        opened.append(args)
        return day(*args, **kwargs)

    service.store.day = counted
    service.keeps_state = True  # as the bus server sets it
    service.issue(PETITION)
    floor = service.floor()  # the state the issue left: no second transaction
    assert len(opened) == 1
    assert {q.service: q.waiting for q in floor.queues}[PETITION] == 1
    assert floor.seq > 0  # read after the issue's event was written
    service.floor()  # nothing changed since: read anew (another process may have written)
    assert len(opened) == 2
