"""Outcomes and forwarded cases kept in a real database (SQLite, and PostgreSQL)."""

import pytest
from sqlalchemy import select

from queue_server.domain.cases import CaseStatus, Channel, Forwarding, Outcome
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.queue_day import QueueDay
from queue_server.storage.store import DuplicateRequest, RequestKey
from queue_server.storage.tables import case_updates, cases
from queue_server.testing import MONDAY

PETITION = "general-petition"
MAE_KORN = "องค์การบริหารส่วนตำบลแม่กรณ์"
SENT = Forwarding(MAE_KORN, Channel.PAPER, MONDAY, contact="0812345678", consent=True)


def completed(service) -> str:
    number = service.issue(PETITION).result.number
    service.at_counter(QueueDay.open_counter, "2", "s01")
    for act in (QueueDay.call_next, QueueDay.serve, QueueDay.complete):
        service.at_counter(act, "2", "s01")
    return number


def test_a_forwarded_case_is_kept_with_its_history_across_a_restart(open_service) -> None:
    first = open_service()
    recorded = first.cases.record(completed(first), Outcome.FORWARDED, "s01", SENT).result
    reference = recorded.case.case.reference
    assert reference == "ส-2569-000001"
    first.cases.update(reference, CaseStatus.RECEIVED, "s01", "มก 0012/69")

    again = open_service()
    case = again.cases.get(reference).case
    assert (case.status, case.agency_ref, case.contact) == (
        CaseStatus.RECEIVED, "มก 0012/69", "0812345678",
    )  # fmt: skip
    assert [(u.status, u.staff) for u in case.history] == [("sent", "s01"), ("received", "s01")]
    assert [c.case.reference for c in again.cases.listing().cases] == [reference]


def test_the_contact_is_gone_from_the_database_once_the_citizen_is_informed(service) -> None:
    reference = service.cases.record(completed(service), Outcome.FORWARDED, "s01", SENT)
    reference = reference.result.case.case.reference
    service.cases.update(reference, CaseStatus.DONE, "s01")
    service.cases.update(reference, CaseStatus.INFORMED, "s01")
    with service.store.engine.connect() as conn:
        assert conn.execute(select(cases.c.contact)).scalar() is None
    assert service.cases.listing().cases == []  # no longer followed
    assert len(service.cases.listing(open_only=False).cases) == 1


def test_a_repeated_request_opens_one_case(service) -> None:
    number = completed(service)
    key = RequestKey("counter-2", "same", "ticket.outcome")
    first = service.cases.record(number, Outcome.FORWARDED, "s01", SENT, request=key)
    with pytest.raises(DuplicateRequest) as again:
        service.cases.record(number, Outcome.FORWARDED, "s01", SENT, request=key)
    assert again.value.reply["result"] == first.wire
    assert again.value.reply["result"]["case"]["has_contact"] is True
    assert "0812345678" not in str(again.value.reply)  # replies are kept: never the contact
    assert len(service.cases.listing().cases) == 1


def test_a_second_outcome_and_an_out_of_order_status_change_nothing(service) -> None:
    number = completed(service)
    reference = service.cases.record(number, Outcome.FORWARDED, "s01", SENT).result.case
    reference = reference.case.reference
    with pytest.raises(DomainError, match=ErrorCode.OUTCOME_RECORDED.value):
        service.cases.record(number, Outcome.DONE_HERE, "s01")
    service.cases.update(reference, CaseStatus.IN_PROGRESS, "s01")
    with pytest.raises(DomainError, match=ErrorCode.CASE_STATUS_ORDER.value):
        service.cases.update(reference, CaseStatus.RECEIVED, "s01")
    with service.store.engine.connect() as conn:
        assert conn.execute(select(cases.c.status)).scalar() == "in_progress"
        assert len(conn.execute(select(case_updates)).all()) == 2


def test_case_numbers_count_on_through_the_year(service) -> None:
    references = []
    for _ in range(2):
        number = completed(service)
        done = service.cases.record(number, Outcome.FORWARDED, "s01", SENT).result
        references.append(done.case.case.reference)
        service.at_counter(QueueDay.close_counter, "2", "s01")
    assert references == ["ส-2569-000001", "ส-2569-000002"]


def test_a_failed_statement_never_carries_its_values_into_a_log() -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from queue_server.storage import make_engine

    engine = make_engine("sqlite://")
    with pytest.raises(OperationalError) as failed, engine.begin() as conn:
        conn.execute(text("INSERT INTO nowhere VALUES (:contact)"), {"contact": "0812345678"})
    engine.dispose()
    assert "0812345678" not in str(failed.value)
