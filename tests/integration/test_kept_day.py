"""The queue day kept in memory between one process's units of work, and given up as soon
as another writer (a second server, the CLI, the console) or a failed unit of work could
have made it untrue."""

from __future__ import annotations

import pytest

from queue_server.domain.errors import DomainError
from queue_server.domain.queue_day import QueueDay
from queue_server.storage.store import QueueStore

PETITION = "general-petition"


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time a unit of work loads the active tickets from the database."""
    seen: list[str] = []
    original = QueueStore._load_active_tickets

    def counted(self: QueueStore, conn):  # type: ignore[no-untyped-def]
        seen.append(self.site_id)
        return original(self, conn)

    monkeypatch.setattr(QueueStore, "_load_active_tickets", counted)
    return seen


def test_a_second_unit_of_work_starts_from_the_day_the_first_committed(
    service,
    loads,  # type: ignore[no-untyped-def]
) -> None:
    numbers = [service.issue(PETITION).result.number for _ in range(3)]
    assert numbers == ["D001", "D002", "D003"]
    assert len(loads) == 1  # the first unit of work loaded the day; the others kept it


def test_another_writer_on_the_same_database_is_seen(open_service, loads) -> None:  # type: ignore[no-untyped-def]
    first, second = open_service(), open_service()
    assert first.issue(PETITION).result.number == "D001"
    assert second.issue(PETITION).result.number == "D002"
    assert first.issue(PETITION).result.number == "D003"  # not D002 again
    assert len(loads) == 3  # each of them reloaded once the other had written


def test_a_refused_unit_of_work_leaves_nothing_kept(service, loads) -> None:  # type: ignore[no-untyped-def]
    service.issue(PETITION)
    with pytest.raises(DomainError):
        service.at_counter(QueueDay.call_next, "2", "s01")  # counter 2 is closed
    service.at_counter(QueueDay.open_counter, "2", "s01")
    called = service.at_counter(QueueDay.call_next, "2", "s01").result
    assert called.number == "D001"
    assert len(loads) == 2  # loaded again after the refusal


def test_a_ticket_served_and_done_is_no_longer_kept_as_active(service) -> None:  # type: ignore[no-untyped-def]
    service.issue(PETITION)
    service.at_counter(QueueDay.open_counter, "2", "s01")
    for act in (QueueDay.call_next, QueueDay.serve, QueueDay.complete):
        service.at_counter(act, "2", "s01")
    kept = service.store._kept
    assert kept is not None and kept.tickets == []
    with pytest.raises(DomainError):
        service.at_counter(QueueDay.call_next, "2", "s01")  # nobody waits


def test_the_days_service_times_are_kept_with_it_and_follow_each_completion(
    service, monkeypatch
) -> None:
    loaded: list[int] = []
    original = QueueStore._load_recent_minutes

    def counted(self, conn, day):  # type: ignore[no-untyped-def]
        loaded.append(1)
        return original(self, conn, day)

    monkeypatch.setattr(QueueStore, "_load_recent_minutes", counted)
    service.at_counter(QueueDay.open_counter, "2", "s01")
    for _ in range(3):
        service.issue(PETITION)  # an estimate: the day's service times
        for act in (QueueDay.call_next, QueueDay.serve, QueueDay.complete):
            service.at_counter(act, "2", "s01")
    assert len(loaded) == 1
    kept = service.store._kept.recent[PETITION]
    assert len(kept) == 3
    with service.store.engine.connect() as conn:  # as the database would give them
        assert original(service.store, conn, service.store._kept.day)[PETITION] == kept


def test_a_look_up_writes_nothing_and_leaves_other_processes_their_kept_day(
    open_service, loads
) -> None:
    first, second = open_service(), open_service()
    first.issue(PETITION)
    second.status("D001")  # a look-up: no change, no new version
    first.issue(PETITION)
    assert len(loads) == 2  # first's own load, and second's; first kept its day
