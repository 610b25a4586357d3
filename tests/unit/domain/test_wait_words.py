"""What a citizen is told about the wait: the same words on the board, kiosk, ticket and phone."""

from queue_server.domain.wait_words import people_ahead, queue_length, wait_line, wait_range


def test_a_range_of_nothing_means_no_wait():
    assert wait_range([0, 0]).th == "ไม่ต้องรอ"


def test_a_range_from_zero_is_said_as_up_to():
    """Found: "0–19 นาที"; a range that starts at nothing reads as a limit."""
    assert wait_range([0, 19]).th == "ไม่เกิน 19 นาที"
    assert wait_range([0, 19]).en == "up to 19 min"


def test_a_range_is_said_as_about():
    assert wait_range([5, 15]).th == "ประมาณ 5–15 นาที"
    assert wait_range([7, 7]).en == "about 7 min"


def test_no_range_while_no_counter_serves_it():
    assert wait_range(None).th == "ยังไม่มีช่องบริการเปิด"


def test_nobody_ahead_says_you_are_next():
    """Found: "รอก่อนหน้า 0 คิว" read awkwardly."""
    assert people_ahead(0).th == "ท่านเป็นคิวถัดไป"
    assert people_ahead(3).th == "รออีก 3 คิว"


def test_the_line_joins_people_ahead_and_the_range():
    assert wait_line(2, (5, 15)).th == "รออีก 2 คิว · ประมาณ 5–15 นาที"
    assert wait_line(0, None).en == "You are next · No counter open yet"


def test_an_empty_queue_says_nobody_waits():
    assert queue_length(0).th == "ไม่มีผู้รอ"
    assert queue_length(4).th == "รอ 4 คน"
