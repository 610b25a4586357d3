"""Numbers: {prefix}{NNN} per prefix, from 001 each Bangkok day, wrapping only when free."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.numbering import display_number, normalise_number
from queue_server.domain.service_day import service_day_of
from queue_server.testing import MONDAY, at, make_day


def test_first_ticket_of_the_day_is_001():
    day = make_day()
    assert day.issue("licence", priority=False, lang="th", now=at(9)).number == "A001"


def test_numbers_count_up_per_prefix():
    day = make_day()
    numbers = [
        day.issue(s, priority=False, lang="th", now=at(9)).number
        for s in ("licence", "welfare", "petition", "licence")
    ]
    assert numbers == ["A001", "A002", "D001", "A003"]


def test_the_day_continues_from_stored_sequences():
    day = make_day()
    day.sequences["A"] = 41
    assert day.issue("licence", priority=False, lang="th", now=at(9)).number == "A042"


def test_service_day_changes_at_bangkok_midnight_not_utc():
    before = at(23, 59, 59)
    after = before + timedelta(seconds=1)
    assert service_day_of(before) == MONDAY
    assert service_day_of(after) == MONDAY + timedelta(days=1)
    # 17:00 UTC is already midnight in Bangkok
    utc = datetime(2026, 11, 23, 17, 0, tzinfo=ZoneInfo("UTC"))
    assert service_day_of(utc) == MONDAY + timedelta(days=1)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        service_day_of(datetime(2026, 11, 23, 9, 0))


def test_an_operation_at_a_moment_of_another_day_is_a_programming_error():
    day = make_day()
    with pytest.raises(ValueError, match="not on service day"):
        day.issue("licence", priority=False, lang="th", now=at(9, day=MONDAY + timedelta(days=1)))


def test_after_999_the_number_wraps_to_001_when_001_is_finished():
    day = make_day(open_counters=["1"])
    first = day.issue("licence", priority=False, lang="th", now=at(9))
    day.call_next("1", "s1", at(9, 1))
    day.complete("1", "s1", at(9, 2))
    day.sequences["A"] = 999
    wrapped = day.issue("licence", priority=False, lang="th", now=at(9, 3))
    assert (first.number, wrapped.number) == ("A001", "A001")
    assert wrapped.seq == 1000 and wrapped.id != first.id


def test_no_wrap_while_the_old_001_is_still_waiting():
    day = make_day()
    day.issue("licence", priority=False, lang="th", now=at(9))
    day.sequences["A"] = 999
    with pytest.raises(DomainError) as refused:
        day.issue("licence", priority=False, lang="th", now=at(9, 1))
    assert refused.value.code is ErrorCode.NUMBERS_EXHAUSTED
    assert day.sequences["A"] == 999  # nothing changed


@pytest.mark.parametrize(
    ("seq", "shown"), [(1, "A001"), (42, "A042"), (999, "A999"), (1000, "A001"), (1998, "A999")]
)
def test_display_number(seq, shown):
    assert display_number("A", seq) == shown


@pytest.mark.parametrize(
    ("typed", "number"), [("a1", "A001"), ("A 001", "A001"), (" d042 ", "D042"), ("A001", "A001")]
)
def test_numbers_are_read_the_way_people_type_them(typed, number):
    assert normalise_number(typed) == number
