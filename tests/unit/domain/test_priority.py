"""Priority policies: strict, ratio N, ageing; the counter screen's preview matches the calls."""

from hypothesis import given
from hypothesis import strategies as st

from queue_server.domain.priority import Ageing, Ratio, Strict, call_order, make_policy
from queue_server.testing import at, make_day


def arrive(day, pattern):
    """Issue one ticket a minute from 9:00; 'P' is a priority ticket, 'n' a normal one."""
    return [
        day.issue("licence", priority=(kind == "P"), lang="th", now=at(9, minute))
        for minute, kind in enumerate(pattern)
    ]


def call_all(day, counter="1", start_minute=30):
    order = []
    for i in range(len(day.waiting())):
        now = at(9, start_minute + i)
        ticket = day.call_next(counter, "s1", now)
        order.append(ticket.number)
        day.complete(counter, "s1", now)
    return order


def test_strict_calls_every_priority_ticket_first():
    day = make_day(policy=Strict(), open_counters=["1"])
    arrive(day, "nnPnP")
    assert call_all(day) == ["A003", "A005", "A001", "A002", "A004"]


def test_ratio_allows_at_most_n_priority_calls_in_a_row_while_others_wait():
    day = make_day(policy=Ratio(2), open_counters=["1"])
    arrive(day, "nnPPPP")
    assert call_all(day) == ["A003", "A004", "A001", "A005", "A006", "A002"]


def test_ratio_one_alternates():
    day = make_day(policy=Ratio(1), open_counters=["1"])
    arrive(day, "nnnPPP")
    assert call_all(day) == ["A004", "A001", "A005", "A002", "A006", "A003"]


def test_ratio_keeps_calling_priority_when_nobody_else_waits():
    day = make_day(policy=Ratio(1), open_counters=["1"])
    arrive(day, "PPP")
    assert call_all(day) == ["A001", "A002", "A003"]


def test_ratio_streak_is_kept_per_counter():
    day = make_day(policy=Ratio(2), open_counters=["1"])
    arrive(day, "nPP")
    day.call_next("1", "s1", at(9, 10))
    assert day.counters["1"].priority_streak == 1


def test_ageing_weighs_the_wait_of_priority_tickets():
    day = make_day(policy=Ageing(weight=2.0), open_counters=["1"])
    day.issue("licence", priority=False, lang="th", now=at(9, 0))  # A001 waited 30 min at 9:30
    day.issue("licence", priority=True, lang="th", now=at(9, 16))  # A002 waited 14 min ×2 = 28
    assert day.call_next("1", "s1", at(9, 30)).number == "A001"
    day.complete("1", "s1", at(9, 30))
    day.issue("licence", priority=False, lang="th", now=at(9, 20))  # A003 waited 20 at 9:40
    assert day.call_next("1", "s1", at(9, 40)).number == "A002"  # 24 min ×2 = 48


def test_the_counter_preview_is_the_order_the_counter_will_call():
    day = make_day(policy=Ratio(2), open_counters=["1"])
    arrive(day, "nnPPPP")
    preview = [t.number for t in day.upcoming("1", at(9, 30), limit=10)]
    assert preview == call_all(day)


def test_policies_are_made_from_the_config():
    assert make_policy("strict") == Strict()
    assert make_policy("ratio", ratio=3) == Ratio(3)
    assert make_policy("ageing", weight=1.5) == Ageing(1.5)


def every_one_looked_at(policy, waiting, streak, now, limit):
    """call_order as first written: each pick looks at every waiting ticket."""
    from queue_server.domain.priority import next_streak

    remaining, order = list(waiting), []
    while remaining and len(order) < limit:
        chosen = policy.choose(remaining, streak, now)
        streak = next_streak(chosen, remaining, streak)
        order.append(chosen)
        remaining.remove(chosen)
    return order


@given(
    kinds=st.lists(st.booleans(), max_size=40),
    minutes=st.lists(st.integers(0, 20), min_size=40, max_size=40),
    streak=st.integers(0, 3),
    limit=st.integers(1, 8),
    name=st.sampled_from(["strict", "ratio", "ageing"]),
)
def test_the_preview_from_the_first_few_of_each_kind_is_the_whole_queues_order(
    kinds, minutes, streak, limit, name
):
    """call_order looks only at the first `limit` priority and normal tickets (issue 22:
    the counters' preview must not cost more with 300 waiting); the order is the same."""
    day = make_day(policy=make_policy(name), open_counters=["1"])
    waiting = [
        day.issue("licence", priority=p, lang="th", now=at(9, m))
        for p, m in zip(kinds, sorted(minutes[: len(kinds)]), strict=True)
    ]
    now = at(10, 0)
    assert call_order(day.rules.policy, waiting, streak, now, limit) == every_one_looked_at(
        day.rules.policy, waiting, streak, now, limit
    )
