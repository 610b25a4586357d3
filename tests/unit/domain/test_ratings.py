"""Ratings: only for a served ticket, once, within the window, with the asked scores."""

from datetime import timedelta

import pytest

from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.ratings import RatingRules, rate, scrub_comment
from queue_server.testing import at, make_day

RULES = RatingRules(("process", "staff", "facilities", "outcome"), window=timedelta(minutes=30))
FULL = {"process": 5, "staff": 4, "facilities": 3, "outcome": 5}


def served_ticket():
    day = make_day(open_counters=["1"])
    day.issue("licence", priority=False, lang="th", now=at(9))
    day.call_next("1", "s1", at(9, 5))
    return day.complete("1", "s1", at(9, 10))


def refused(code, *args, **kwargs):
    with pytest.raises(DomainError) as caught:
        rate(*args, **kwargs)
    assert caught.value.code is code
    return caught.value.message


def test_a_served_ticket_is_rated_anonymously():
    rating = rate(served_ticket(), FULL, None, RULES, already_rated=False, now=at(9, 15))
    assert (rating.number, rating.service, rating.counter, rating.staff) == (
        "A001",
        "licence",
        "1",
        "s1",
    )
    assert rating.scores == FULL and rating.kind == "tangrat"


def test_a_ticket_not_yet_served_cannot_be_rated():
    day = make_day()
    waiting = day.issue("licence", priority=False, lang="th", now=at(9))
    refused(
        ErrorCode.TICKET_NOT_SERVED, waiting, FULL, None, RULES, already_rated=False, now=at(9, 1)
    )


def test_a_ticket_is_rated_once():
    refused(
        ErrorCode.ALREADY_RATED,
        served_ticket(),
        FULL,
        None,
        RULES,
        already_rated=True,
        now=at(9, 11),
    )


def test_rating_closes_after_the_window():
    message = refused(
        ErrorCode.RATING_CLOSED,
        served_ticket(),
        FULL,
        None,
        RULES,
        already_rated=False,
        now=at(9, 41),
    )
    assert "30 minutes" in message
    assert rate(served_ticket(), FULL, None, RULES, already_rated=False, now=at(9, 40))


@pytest.mark.parametrize(
    ("scores", "says"),
    [
        ({"process": 5, "staff": 4, "facilities": 3}, "missing outcome"),
        ({**FULL, "parking": 4}, "not asked parking"),
        ({**FULL, "staff": 6}, "not 1-5: staff"),
        ({**FULL, "staff": 0}, "not 1-5: staff"),
    ],
)
def test_scores_must_be_the_asked_sections_from_one_to_five(scores, says):
    message = refused(
        ErrorCode.INVALID_SCORES,
        served_ticket(),
        scores,
        None,
        RULES,
        already_rated=False,
        now=at(9, 12),
    )
    assert says in message


def test_quick_mode_asks_one_overall_score():
    quick = RatingRules(RULES.sections, quick=True)
    assert rate(
        served_ticket(), {"overall": 4}, None, quick, already_rated=False, now=at(9, 12)
    ).scores == {"overall": 4}
    refused(
        ErrorCode.INVALID_SCORES,
        served_ticket(),
        FULL,
        None,
        quick,
        already_rated=False,
        now=at(9, 12),
    )


@pytest.mark.parametrize(
    ("comment", "kept"),
    [
        ("บริการดีมาก", "บริการดีมาก"),
        ("โทรกลับ 081-234-5678 ด้วย", "โทรกลับ [ลบเลข] ด้วย"),
        ("บัตร 1 2345 67890 12 3", "บัตร [ลบเลข]"),
        ("ช่อง 2 ดีมาก รอ 15 นาที", "ช่อง 2 ดีมาก รอ 15 นาที"),
        ("   ", None),
        (None, None),
    ],
)
def test_comments_lose_numbers_that_could_identify_a_person(comment, kept):
    assert scrub_comment(comment) == kept
