"""People ahead and the printed wait range."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_server.domain.estimates import (
    estimate_from_work,
    mean_minutes,
    minutes_left,
    minutes_per_person,
    range_from_call_time,
)
from queue_server.domain.priority import Strict
from queue_server.testing import at, make_day


def test_people_ahead_counts_what_the_same_counters_call_first_whatever_the_service():
    # Licences and welfare go to the same counters (1 and 3): a welfare ticket is ahead too.
    day = make_day()
    for minute in range(3):
        day.issue("licence", priority=False, lang="th", now=at(9, minute))
    day.issue("welfare", priority=False, lang="th", now=at(9, 3))
    mine = day.issue("licence", priority=False, lang="th", now=at(9, 4))
    day.issue("petition", priority=True, lang="th", now=at(9, 5))  # counter 3's, shared
    assert day.people_ahead(mine) == 5  # 3 licences, the welfare, half the petition → 4.5


def test_a_priority_ticket_of_another_service_at_the_same_counters_is_ahead():
    """Found: "nobody ahead of you" while a priority ticket with the same letter waited."""
    day = make_day(open_counters=["1"])
    day.issue("welfare", priority=True, lang="th", now=at(9, 0))
    mine = day.issue("licence", priority=False, lang="th", now=at(9, 1))
    assert day.people_ahead(mine) == 1


def test_a_priority_ticket_has_only_priority_tickets_ahead():
    day = make_day()
    day.issue("licence", priority=False, lang="th", now=at(9, 0))
    day.issue("licence", priority=True, lang="th", now=at(9, 1))
    mine = day.issue("licence", priority=True, lang="th", now=at(9, 2))
    later_normal = day.issue("licence", priority=False, lang="th", now=at(9, 3))
    assert day.people_ahead(mine) == 1
    assert day.people_ahead(later_normal) == 3


def test_typical_minutes_are_used_until_the_day_has_enough_completions():
    assert minutes_per_person([4, 5], typical_minutes=10) == 10
    assert minutes_per_person([4, 5, 6], typical_minutes=10) == 5


def test_recent_service_times_use_the_median_of_the_last_twenty():
    assert minutes_per_person([100] * 5 + [2] * 20, typical_minutes=10) == 2


def estimate(ahead: int, minutes: float, counters: int):
    return estimate_from_work(ahead, ahead * minutes, minutes, counters)


def test_the_range_scales_with_people_ahead_and_open_counters():
    one = estimate(4, 10, counters=1)
    two = estimate(4, 10, counters=2)
    assert (one.low_minutes, one.high_minutes) == (30, 63)
    assert (two.low_minutes, two.high_minutes) == (15, 32)


def test_nobody_ahead_still_allows_for_the_person_being_served():
    nobody = estimate(0, 8, counters=1)
    assert (nobody.people_ahead, nobody.low_minutes, nobody.high_minutes) == (0, 0, 10)


def test_no_open_counter_is_estimated_as_one_but_tells_no_range():
    closed, one = estimate(2, 10, counters=0), estimate(2, 10, counters=1)
    assert (closed.low_minutes, closed.high_minutes) == (one.low_minutes, one.high_minutes)
    assert closed.minutes is None and one.minutes == (15, 38)


def test_a_queue_whose_counters_are_all_closed_is_told_no_range():
    """Found: 0–19 min with people ahead while every counter was closed."""
    day = make_day()
    day.issue("licence", priority=False, lang="th", now=at(9, 0))
    mine = day.issue("licence", priority=False, lang="th", now=at(9, 1))
    assert day.estimate(mine).minutes is None and day.estimate(mine).people_ahead == 1
    assert day.estimate_new("licence").minutes is None


def test_the_day_estimate_uses_open_counters_for_the_service():
    day = make_day(open_counters=["1", "3"])
    for minute in range(4):
        day.issue("licence", priority=False, lang="th", now=at(9, minute))
    mine = day.issue("licence", priority=False, lang="th", now=at(9, 5))
    wait = day.estimate(mine)
    assert wait.people_ahead == 4
    # two counters call two licences at once, two more after 6 minutes, then this one
    assert wait.minutes == range_from_call_time(12, priority=False)


def test_other_services_waiting_at_the_same_counters_lengthen_the_wait():
    # Counter 3 alone serves petitions and licences: two licences first mean a longer wait.
    day = make_day(open_counters=["3"])
    day.issue("licence", priority=False, lang="th", now=at(9, 0))
    day.issue("licence", priority=False, lang="th", now=at(9, 1))
    mine = day.issue("petition", priority=False, lang="th", now=at(9, 2))
    wait = day.estimate(mine)
    assert wait.people_ahead == 2  # counter 3 calls both licences first
    assert wait.minutes == range_from_call_time(12, priority=False)  # 2 × 6 min ahead


def test_a_ticket_other_counters_can_take_counts_for_its_share():
    # Licences go to counter 1 or 3; petitions only to 3: each licence ahead is half a licence.
    day = make_day(open_counters=["1", "3"])
    day.issue("licence", priority=False, lang="th", now=at(9, 0))
    day.issue("licence", priority=False, lang="th", now=at(9, 1))
    mine = day.issue("petition", priority=False, lang="th", now=at(9, 2))
    wait = day.estimate(mine)
    # counter 1 takes one licence, counter 3 the other and then this petition
    assert wait.minutes == range_from_call_time(6, priority=False)


def test_the_board_tells_a_newcomer_the_same_range_as_their_ticket():
    day = make_day(open_counters=["1", "3"])
    for minute in range(3):
        day.issue("licence", priority=False, lang="th", now=at(9, minute))
    told = day.estimate_new("petition")
    ticket = day.issue("petition", priority=False, lang="th", now=at(9, 5))
    assert told == day.estimate(ticket)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["licence", "welfare", "petition"]),
            st.booleans(),
            st.integers(min_value=0, max_value=5),  # minutes after nine: ties happen
        ),
        max_size=40,
    ),
    st.sets(st.sampled_from(["1", "2", "3"])),
)
def test_every_waiting_tickets_estimate_at_once_is_each_ones_own(issued, open_counters):
    """The phones' one pass over the queue tells each ticket what ``estimate`` would."""
    day = make_day(open_counters=open_counters)
    for service, priority, minute in sorted(issued, key=lambda x: x[2]):
        day.issue(service, priority=priority, lang="th", now=at(9, minute))
    assert day.estimates_waiting() == {t.id: day.estimate(t) for t in day.waiting()}


# -- the range from the queue replayed as the counters will call it --------------------


def test_a_services_pace_is_its_recent_mean_with_outliers_capped():
    assert mean_minutes([4, 6], typical_minutes=10) == 10  # too few yet
    assert mean_minutes([4, 6, 8], typical_minutes=10) == 6
    assert mean_minutes([4, 6, 8, 200], typical_minutes=10) == (4 + 6 + 8 + 21) / 4  # 3 × 7


def test_a_service_that_has_run_long_still_has_time_left():
    assert minutes_left(10, elapsed=0) == 10
    assert 0 < minutes_left(10, elapsed=4) < 10
    assert minutes_left(10, elapsed=15) > 0  # not mean − elapsed: a long one is longer


def test_the_range_holds_the_projected_call_and_leans_late():
    for call_in in (0, 5, 12, 40):
        low, high = range_from_call_time(call_in, priority=False)
        assert low <= call_in < high
        assert high - call_in > call_in - low  # waits run over far more often than short


def test_a_priority_tickets_range_reaches_further_down():
    assert range_from_call_time(20, priority=True)[0] < range_from_call_time(20, False)[0]


def test_a_counter_busy_with_a_long_service_delays_the_next_call_by_its_time_left():
    day = make_day(open_counters=["1"])
    first = day.issue("licence", priority=False, lang="th", now=at(9, 0))
    day.call_next("1", "s1", at(9, 0))
    day.serve("1", "s1", at(9, 0))
    mine = day.issue("licence", priority=False, lang="th", now=at(9, 4))
    assert first.id not in {t.id for t in day.waiting()}
    left = minutes_left(6, elapsed=4)  # licences take 6 minutes (the catalog)
    assert day.estimate(mine).minutes == range_from_call_time(left, priority=False)


def test_the_replay_calls_as_the_priority_policy_would():
    # Strict: the later priority ticket goes first, so the normal one waits a service more.
    day = make_day(open_counters=["1"], policy=Strict())
    day.issue("licence", priority=False, lang="th", now=at(9, 0))
    day.call_next("1", "s1", at(9, 0))
    normal = day.issue("licence", priority=False, lang="th", now=at(9, 1))
    priority = day.issue("licence", priority=True, lang="th", now=at(9, 2))
    left = minutes_left(6, elapsed=2)
    assert day.estimate(priority).minutes == range_from_call_time(left, priority=True)
    assert day.estimate(normal).minutes == range_from_call_time(left + 6, priority=False)


def test_the_board_tells_a_newcomer_when_the_first_of_its_counters_is_through():
    day = make_day(open_counters=["1", "3"])
    day.issue("licence", priority=False, lang="th", now=at(9, 0))
    day.issue("licence", priority=False, lang="th", now=at(9, 0))
    day.issue("licence", priority=False, lang="th", now=at(9, 0))
    # counters 1 and 3 call two licences now; one of them calls the third at 6 minutes,
    # the other is free then for a petition (only counter 3 serves those)
    assert day.estimate_new("licence").minutes == range_from_call_time(6, priority=False)


@pytest.mark.parametrize("paused", [True, False], ids=["paused", "open"])
def test_a_ticket_only_a_paused_counter_serves_is_told_the_work_ahead(paused):
    day = make_day(open_counters=["3"])
    if paused:
        day.pause("3", "s3", "break", at(9, 0))
    day.issue("petition", priority=False, lang="th", now=at(9, 0))
    mine = day.issue("petition", priority=False, lang="th", now=at(9, 1))
    replayed = range_from_call_time(day.catalog.get("petition").typical_minutes, False)
    assert (day.estimate(mine).minutes != replayed) is paused
