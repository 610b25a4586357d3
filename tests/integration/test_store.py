"""The queue on a real database (SQLite and PostgreSQL): what is stored, and what survives."""

from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.queue_day import QueueDay
from queue_server.storage import current_revision, make_engine, upgrade
from queue_server.storage.engine import reading
from queue_server.storage.migrate import downgrade, head_revision
from queue_server.storage.tables import events, metadata, tickets
from queue_server.testing import MONDAY, at

LICENCE, PETITION = "driving-licence-queue", "general-petition"


def test_migrations_build_exactly_the_declared_schema(database_url):
    upgrade(database_url)
    assert current_revision(database_url) == head_revision()
    engine = make_engine(database_url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_migrations_downgrade_and_upgrade_again(database_url):
    upgrade(database_url)
    downgrade(database_url, "base")
    assert current_revision(database_url) is None
    upgrade(database_url)
    assert current_revision(database_url) == head_revision()


def test_a_whole_ticket_life_is_stored_as_events(service, clock):
    number = service.issue(LICENCE).result.number
    service.at_counter(QueueDay.open_counter, "1", "s01")
    clock.advance()
    assert service.at_counter(QueueDay.call_next, "1", "s01").result.number == number
    service.at_counter(QueueDay.recall, "1", "s01")
    service.at_counter(QueueDay.serve, "1", "s01")
    clock.advance(5)
    done = service.at_counter(QueueDay.complete, "1", "s01").result
    assert done.state == "done"
    logged = [(e["type"], e["number"]) for e in service.store.events_of_day(MONDAY)]
    assert logged == [
        ("ticket.issued", "A001"),
        ("counter.opened", None),
        ("ticket.called", "A001"),
        ("ticket.recalled", "A001"),
        ("ticket.serving", "A001"),
        ("ticket.completed", "A001"),
    ]


def test_the_issue_result_tells_people_ahead_and_the_wait(service):
    service.at_counter(QueueDay.open_counter, "1", "s01")
    for _ in range(3):
        service.issue(LICENCE)
    fourth = service.issue(LICENCE).result
    assert (fourth.number, fourth.people_ahead) == ("A004", 3)
    assert fourth.wait_minutes is not None and fourth.wait_minutes[0] < fourth.wait_minutes[1]


def test_numbering_continues_after_a_restart(open_service):
    first = open_service()
    assert [first.issue(LICENCE).result.number for _ in range(3)] == ["A001", "A002", "A003"]
    first.close()
    restarted = open_service()
    assert restarted.issue(LICENCE).result.number == "A004"


def test_counter_state_and_the_ticket_at_it_survive_a_restart(open_service):
    first = open_service()
    first.issue(LICENCE)
    first.at_counter(QueueDay.open_counter, "1", "s01")
    first.at_counter(QueueDay.call_next, "1", "s01")
    first.close()
    restarted = open_service()
    [counter] = [c for c in restarted.snapshot().counters if c.id == "1"]
    assert (counter.status, counter.ticket, counter.staff) == ("open", "A001", "s01")
    assert restarted.at_counter(QueueDay.complete, "1", "s01").result.number == "A001"


def test_a_refused_operation_stores_nothing(service):
    service.at_counter(QueueDay.open_counter, "1", "s01")
    before = len(service.store.events_of_day(MONDAY))
    with pytest.raises(DomainError) as refused:
        service.at_counter(QueueDay.call_next, "1", "s01")
    assert refused.value.code is ErrorCode.QUEUE_EMPTY
    assert len(service.store.events_of_day(MONDAY)) == before


def test_the_first_operation_after_midnight_starts_a_new_day(service, clock):
    service.issue(LICENCE)
    service.at_counter(QueueDay.open_counter, "1", "s01")
    service.issue(PETITION)
    clock.now = at(8, 45, day=MONDAY + timedelta(days=1))
    assert service.issue(LICENCE).result.number == "A001"
    monday = {t.number: t.state.value for t in service.store.tickets_of_day(MONDAY)}
    assert monday == {"A001": "cancelled", "D001": "cancelled"}
    snapshot = service.snapshot()
    assert all(c.status == "closed" for c in snapshot.counters)
    assert snapshot.waiting == {LICENCE: 1}


def test_the_database_refuses_a_second_ticket_with_the_same_day_sequence(service):
    service.issue(LICENCE)
    with reading(service.store.engine) as conn:
        [row] = conn.execute(select(tickets)).mappings().all()
    duplicate = {**row, "id": "another"}
    with pytest.raises(IntegrityError), service.store.engine.begin() as conn:
        conn.execute(insert(tickets).values(**duplicate))


def test_event_times_come_back_as_utc(service):
    service.issue(LICENCE)
    with reading(service.store.engine) as conn:
        at_value = conn.execute(select(events.c.at)).scalar_one()
    assert at_value == at(9, 0) and at_value.utcoffset() == timedelta(0)


SCORES = {"process": 5, "staff": 4, "facilities": 4, "outcome": 5}


def test_a_rating_is_stored_once_for_a_served_ticket(service, clock):
    from queue_server.storage.tables import ratings

    service.issue(LICENCE)
    service.at_counter(QueueDay.open_counter, "1", "s01")
    service.at_counter(QueueDay.call_next, "1", "s01")
    service.at_counter(QueueDay.complete, "1", "s01")
    clock.advance(2)
    assert service.rate("a1", SCORES, "ดีมาก").result["number"] == "A001"
    with pytest.raises(DomainError) as again:
        service.rate("A001", SCORES)
    assert again.value.code is ErrorCode.ALREADY_RATED
    with reading(service.store.engine) as conn:
        [row] = conn.execute(select(ratings)).mappings().all()
    assert (row["service"], row["counter"], row["staff"], row["scores"]) == (
        LICENCE,
        "1",
        "s01",
        SCORES,
    )


def test_rating_an_unknown_number_is_refused(service):
    with pytest.raises(DomainError) as refused:
        service.rate("Z999", SCORES)
    assert refused.value.code is ErrorCode.UNKNOWN_TICKET


def test_a_clock_that_jumps_back_does_not_reuse_numbers(service, clock):
    clock.now = at(10, 0)
    assert service.issue(LICENCE).result.number == "A001"
    clock.now = at(9, 0)  # the box's clock is corrected backwards
    assert service.issue(LICENCE).result.number == "A002"


def test_a_clock_that_jumps_back_over_midnight_continues_that_days_numbers(service, clock):
    clock.now = at(16, 0)
    service.issue(LICENCE)
    clock.now = at(8, 30, day=MONDAY + timedelta(days=1))
    assert service.issue(LICENCE).result.number == "A001"
    clock.now = at(16, 5)  # back to Monday
    assert service.issue(LICENCE).result.number == "A002"
