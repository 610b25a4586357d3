"""The token in a ticket's QR, the address it makes and how long its page opens."""

import re
from datetime import date

from queue_server.domain.follow import (
    case_page_open,
    centre_url,
    follow_url,
    new_token,
    ticket_page_open,
    token_in,
)
from queue_server.testing import at, make_day

TODAY = date(2026, 12, 7)


def test_a_token_is_120_random_bits_in_base32_capitals():
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(re.fullmatch(r"[A-Z2-7]{24}", t) for t in tokens)


def test_each_ticket_gets_its_own_token_unrelated_to_its_number():
    day = make_day()
    first = day.issue("licence", priority=False, lang="th", now=at(9))
    second = day.issue("licence", priority=False, lang="th", now=at(9, 1))
    assert first.token != second.token
    assert first.number not in first.token


def test_the_address_is_in_capitals_up_to_the_token_for_a_compact_qr():
    url = follow_url("http://oss.maekorn.local:8080/", "ABCDEFGHIJKLMNOPQRSTUVWX")
    assert url == "HTTP://OSS.MAEKORN.LOCAL:8080/T/ABCDEFGHIJKLMNOPQRSTUVWX"
    assert centre_url("http://192.168.1.10:8080") == "HTTP://192.168.1.10:8080/Q"


def test_a_path_under_the_host_keeps_its_case():
    url = follow_url("https://example.go.th/queue", "A" * 24)
    assert url == "HTTPS://EXAMPLE.GO.TH/queue/T/" + "A" * 24


def test_a_scanner_reading_the_address_gives_the_token_back():
    token = new_token()
    assert token_in(follow_url("http://192.168.1.10:8080", token)) == token
    assert token_in(f"http://192.168.1.10:8080/t/{token.lower()}\n") == token


def test_anything_else_a_scanner_reads_has_no_token():
    assert token_in("OSS:maekorn:2026-12-07:A001") is None
    assert token_in("http://192.168.1.10:8080/T/SHORT") is None
    assert token_in("https://www.dla.go.th/") is None


def test_a_tickets_page_opens_on_its_own_day_only():
    assert ticket_page_open(TODAY, TODAY)
    assert not ticket_page_open(date(2026, 12, 6), TODAY)


def test_a_cases_page_stays_open_thirty_days_after_the_citizen_was_told():
    assert case_page_open(None, TODAY)
    assert case_page_open(date(2026, 11, 7), TODAY)
    assert not case_page_open(date(2026, 11, 6), TODAY)
