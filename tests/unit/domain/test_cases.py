"""Outcomes of completed tickets and the forwarded cases the centre follows."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from queue_server.domain.cases import (
    Case,
    CaseStatus,
    Channel,
    Forwarding,
    Outcome,
    case_reference,
    open_case,
    parse_reference,
    record_outcome,
)
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.tickets import TicketState
from queue_server.testing import MONDAY, at, make_day

AGENCIES = frozenset({"กรมการขนส่งทางบก", "Department of Land Transport"})


def completed_ticket():
    day = make_day(open_counters=["2"])
    day.issue("petition", priority=False, lang="th", now=at(9))
    day.call_next("2", "s2", at(9, 1))
    day.serve("2", "s2", at(9, 2))
    return day.complete("2", "s2", at(9, 10))


def forwarded(**changes) -> Case:
    outcome = record_outcome(
        completed_ticket(), Outcome.FORWARDED, staff="s2", already=False, now=at(9, 11)
    )
    sent = Forwarding("กรมการขนส่งทางบก", Channel.DLA_OSS, MONDAY)
    return open_case(
        outcome, replace(sent, **changes), reference=case_reference(2569, 123),
        known_agencies=AGENCIES, standard_days=15, today=MONDAY,
    )  # fmt: skip


def refused(code: ErrorCode):
    return pytest.raises(DomainError, match=code.value)


def test_a_case_reference_reads_mark_year_and_number() -> None:
    assert case_reference(2569, 123) == "ส-2569-000123"
    assert parse_reference(" ส 2569 000123 ") == "ส-2569-000123"
    with refused(ErrorCode.UNKNOWN_CASE):
        parse_reference("2569-123")


def test_an_outcome_is_recorded_once_and_only_for_a_completed_ticket() -> None:
    ticket = completed_ticket()
    outcome = record_outcome(ticket, Outcome.DONE_HERE, staff="s2", already=False, now=at(9, 11))
    assert (outcome.number, outcome.counter, outcome.outcome) == ("D001", "2", Outcome.DONE_HERE)
    with refused(ErrorCode.OUTCOME_RECORDED):
        record_outcome(ticket, Outcome.FORWARDED, staff="s2", already=True, now=at(9, 12))
    ticket.state = TicketState.SERVING
    with refused(ErrorCode.TICKET_NOT_SERVED):
        record_outcome(ticket, Outcome.DONE_HERE, staff="s2", already=False, now=at(9, 12))


def test_a_forwarded_case_starts_sent_with_its_agency_and_channel() -> None:
    case = forwarded(agency_ref="  ขบ 0012/69 ")
    assert (case.status, case.agency, case.channel) == (
        CaseStatus.SENT,
        "กรมการขนส่งทางบก",
        Channel.DLA_OSS,
    )
    assert case.agency_ref == "ขบ 0012/69" and case.contact is None


def test_an_agency_not_in_the_catalog_is_refused() -> None:
    with refused(ErrorCode.UNKNOWN_AGENCY):
        forwarded(agency="กรมที่ไม่มีอยู่จริง")


def test_a_reference_over_its_length_and_a_date_in_the_future_are_refused() -> None:
    with refused(ErrorCode.INVALID_CASE):
        forwarded(agency_ref="x" * 41)
    with refused(ErrorCode.INVALID_CASE):
        forwarded(sent_on=MONDAY + timedelta(days=1))


def test_a_contact_is_kept_only_with_consent_and_goes_when_the_citizen_is_informed() -> None:
    with refused(ErrorCode.INVALID_CONTACT):
        forwarded(contact="081 234 5678")
    case = forwarded(contact="081-234-5678", consent=True)
    assert case.contact == "0812345678"
    case.advance(CaseStatus.DONE, "s2", at(10), None)
    assert case.contact == "0812345678"  # still needed to tell the citizen
    case.advance(CaseStatus.INFORMED, "s2", at(11), None)
    assert case.contact is None and not case.is_open


def test_statuses_move_forward_may_skip_but_never_go_back() -> None:
    case = forwarded()
    case.advance(CaseStatus.IN_PROGRESS, "s2", at(10), "ขบ 1")
    assert case.agency_ref == "ขบ 1"
    with refused(ErrorCode.CASE_STATUS_ORDER):
        case.advance(CaseStatus.RECEIVED, "s2", at(11), None)
    case.advance(CaseStatus.REFUSED, "s2", at(12), None)
    with refused(ErrorCode.CASE_STATUS_ORDER):
        case.advance(CaseStatus.DONE, "s2", at(13), None)  # the agency answered once
    assert [u.status for u in case.history] == ["sent", "in_progress", "refused"]


def test_the_citizen_is_informed_only_of_an_answer() -> None:
    with refused(ErrorCode.CASE_STATUS_ORDER):
        forwarded().advance(CaseStatus.INFORMED, "s2", at(10), None)


def test_a_case_is_overdue_past_its_standard_days_until_the_agency_answers() -> None:
    case = forwarded()
    assert case.age_days(MONDAY + timedelta(days=15)) == 15
    assert not case.overdue(MONDAY + timedelta(days=15))
    assert case.overdue(MONDAY + timedelta(days=16))
    case.advance(CaseStatus.DONE, "s2", at(9, day=MONDAY + timedelta(days=20)), None)
    assert case.age_days(date(2027, 1, 1)) == 20 and not case.overdue(date(2027, 1, 1))


def test_where_a_case_may_go_next() -> None:
    from queue_server.domain.cases import next_statuses

    assert next_statuses(CaseStatus.SENT) == ["received", "in_progress", "done", "refused"]
    assert next_statuses(CaseStatus.IN_PROGRESS) == ["done", "refused"]
    assert next_statuses(CaseStatus.REFUSED) == ["informed"]
    assert next_statuses(CaseStatus.INFORMED) == []


def test_a_cases_age_counts_centre_days_not_utc_dates() -> None:
    from datetime import datetime

    from queue_server.domain.service_day import BANGKOK

    case = forwarded()  # sent on Monday 23 November
    early = datetime(2026, 11, 26, 6, 30, tzinfo=BANGKOK)  # 23:30 UTC on the 25th
    case.advance(CaseStatus.DONE, "s2", early, None)
    assert case.age_days(MONDAY + timedelta(days=30)) == 3
