"""The page a ticket's QR opens on a citizen's phone: only that ticket, never by number,
rated once, throttled, and never a stack trace."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import pytest
from starlette.testclient import TestClient

from queue_server.domain.queue_day import QueueDay
from queue_server.web.console import Console
from queue_server.web.sessions import csrf_of
from thaitext.words import unmarked

PETITION = "general-petition"
SCORES = {f"q:{q}": "5" for q in ("process", "staff", "facilities", "outcome")}


def read(answer: Any) -> str:
    """A page's words as a person reads them (the marks for the browser's line breaks out)."""
    return unmarked(answer.text)


def issue(console: Console) -> dict:
    return console.centre.service.issue(PETITION).wire


def at_counter(console: Console, *acts) -> None:
    for act in acts:
        console.centre.service.at_counter(act, "2", "s01")


@pytest.fixture
def served(console: Console) -> dict:
    ticket = issue(console)
    at_counter(console, QueueDay.open_counter, QueueDay.call_next, QueueDay.serve)
    at_counter(console, QueueDay.complete)
    return ticket


def test_the_qr_opens_the_tickets_page_with_its_place_in_the_queue(web, console) -> None:
    issue(console)
    mine = issue(console)
    page = web.get(f"/T/{mine['token']}")  # as the QR holds it, in capitals
    assert page.status_code == 200
    assert mine["number"] in read(page) and "รออีก 1 คิว" in read(page)
    assert f'data-live="/t/{mine["token"]}/events?lang=th"' in read(page)
    assert "set-cookie" not in page.headers  # a phone keeps nothing of ours


def test_the_page_names_no_other_ticket(web, console) -> None:
    first, mine = issue(console), issue(console)
    page = web.get(f"/t/{mine['token']}")
    assert first["number"] not in read(page) and first["token"] not in read(page)


def test_an_english_ticket_opens_in_english_and_either_switches(web, console) -> None:
    mine = console.centre.service.issue(PETITION, lang="en").wire
    assert "Your number" in read(web.get(f"/t/{mine['token']}"))
    assert "หมายเลขคิวของท่าน" in read(web.get(f"/t/{mine['token']}?lang=th"))


def test_a_called_ticket_says_which_counter(web, console) -> None:
    mine = issue(console)
    at_counter(console, QueueDay.open_counter, QueueDay.call_next)
    page = read(web.get(f"/t/{mine['token']}"))
    assert "ถึงคิวของท่านแล้ว" in page and "เชิญที่ช่องบริการ\u00a02" in page
    assert "ช่องบริการ" not in web.get(f"/t/{mine['token']}").text  # kept whole: ช่อง|บริการ


def test_the_live_feed_starts_with_the_tickets_words(web, console) -> None:
    mine = issue(console)
    with web.stream("GET", f"/t/{mine['token']}/events") as events:
        assert events.headers["content-type"].startswith("text/event-stream")
        for line in events.iter_lines():
            if line.startswith("data:"):
                words = json.loads(line[5:])
                break
    assert words["number"] == mine["number"] and words["state"] == "waiting"
    assert unmarked(words["ahead"]) == "ท่านเป็นคิวถัดไป" and not words["finished"]


def test_a_served_ticket_is_rated_once_from_the_phone(web, console, served) -> None:
    token = served["token"]
    page = read(web.get(f"/t/{token}"))
    assert 'name="q:process"' in page and 'name="csrf"' in page
    sent = web.post(f"/t/{token}/rate", data={**SCORES, "csrf": csrf_of(token), "comment": "0"})
    assert sent.status_code == 303
    after = read(web.get(f"/t/{token}"))
    assert "ขอบคุณสำหรับการประเมิน" in after and 'name="q:process"' not in after
    again = web.post(f"/t/{token}/rate", data={**SCORES, "csrf": csrf_of(token)})
    assert again.status_code == 303  # the thank-you again, and still one rating
    assert count_ratings(console) == 1


def count_ratings(console: Console) -> int:
    from sqlalchemy import func, select

    from queue_server.storage.tables import ratings

    with console.centre.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(ratings)).scalar_one()


def test_a_rating_without_every_answer_is_asked_again_and_nothing_is_kept(
    web, console, served
) -> None:
    token = served["token"]
    partial = {"q:process": "5", "csrf": csrf_of(token)}
    page = web.post(f"/t/{token}/rate", data=partial)
    assert page.status_code == 200 and "กรุณาตอบทุกข้อ" in read(page)
    assert count_ratings(console) == 0


def test_a_rating_without_the_forms_token_is_refused(web, console, served) -> None:
    refused = web.post(f"/t/{served['token']}/rate", data=SCORES)
    assert refused.status_code == 403 and count_ratings(console) == 0


def test_an_unknown_token_gets_a_clear_page(web) -> None:
    page = web.get("/t/" + "A" * 24)
    assert page.status_code == 404 and "ไม่พบบัตรคิวนี้" in read(page)
    assert "Traceback" not in read(page)


def test_garbage_in_the_address_gets_the_same_clear_page(web) -> None:
    for path in ("/t/%00%ff", "/t/" + "x" * 5000, "/t/'or'1'='1", "/t/AAAA/events"):
        page = web.get(path)
        assert page.status_code == 404, path


def test_yesterdays_ticket_says_its_day_is_over(web, console, clock) -> None:
    mine = issue(console)
    clock.now += timedelta(days=1)
    page = web.get(f"/t/{mine['token']}")
    assert page.status_code == 410 and "ใช้ได้เฉพาะวันที่ออกบัตร" in read(page)
    assert web.get(f"/t/{mine['token']}/events").status_code == 410


def test_trying_tokens_is_stopped_and_then_even_a_real_one_waits(web, console) -> None:
    """Found by trying from outside: any number of token guesses was answered."""
    mine = issue(console)
    answers = [web.get(f"/t/{'B' * 23}{c}").status_code for c in "ABCDEFGHIJKL"]
    assert answers[:10] == [404] * 10 and answers[-1] == 429
    throttled = web.get(f"/t/{mine['token']}")
    assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) >= 1


def test_a_flood_from_one_address_is_throttled(web, console) -> None:
    mine = issue(console)
    codes = [web.get(f"/t/{mine['token']}").status_code for _ in range(40)]
    assert codes[:30] == [200] * 30 and 429 in codes


def test_the_centres_page_shows_each_queue_and_its_wait(web, console) -> None:
    from queue_server.bus import messages as m

    issue(console)
    floor = console.centre.service.floor()
    console.feed.floor.board = m.BoardState.model_validate(
        {"seq": floor.seq, "site": console.site.id, "service_day": str(floor.service_day),
         "at": floor.at.isoformat(), "open": True, "next_opening": None, "counters": [],
         "last_calls": [], "waiting_by_prefix": {"D": 1},
         "queues": [{"service": PETITION, "prefix": "D", "waiting": 1, "wait_minutes": None}]}
    )  # fmt: skip
    page = web.get("/Q")
    assert page.status_code == 200 and "รอ 1 คน" in read(page)


def test_the_phone_pages_weigh_under_30_kb_with_their_style_and_script(
    web: TestClient, console
) -> None:
    mine = issue(console)
    page = web.get(f"/t/{mine['token']}")
    assert len(page.content) + len(web.get("/static/phone.js").content) < 30_000


def test_the_pages_own_inline_style_is_allowed_by_its_hash_and_nothing_else_is(
    web: TestClient, console
) -> None:
    import base64
    import hashlib
    import re

    page = web.get(f"/t/{issue(console)['token']}")
    (style,) = re.findall(r"<style>(.*?)</style>", page.text, re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    policy = page.headers["content-security-policy"]
    assert f"style-src 'self' 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy and "script-src 'self';" in policy


def test_a_recall_is_said_and_a_no_show_is_told_to_see_the_staff(web, console) -> None:
    mine = issue(console)
    at_counter(console, QueueDay.open_counter, QueueDay.call_next, QueueDay.recall)
    assert "เรียกซ้ำ ครั้งที่ 1" in read(web.get(f"/t/{mine['token']}"))
    at_counter(console, QueueDay.no_show)
    page = read(web.get(f"/t/{mine['token']}"))
    assert "เรียกแล้วแต่ไม่พบท่าน" in page and "data-live" not in page


def test_a_forwarded_tickets_page_shows_its_case_and_the_agencys_reference(
    web, console, served
) -> None:
    from queue_server.domain.cases import CaseStatus, Channel, Forwarding, Outcome

    sent = Forwarding("องค์การบริหารส่วนตำบลแม่กรณ์", Channel.PAPER, console.clock().date())
    case = console.centre.service.cases.record(served["number"], Outcome.FORWARDED, "s01", sent)
    reference = case.result.case.case.reference
    console.centre.service.cases.update(reference, CaseStatus.RECEIVED, "s01", "มก 12/2569")
    page = read(web.get(f"/t/{served['token']}"))
    assert reference in page and "หน่วยงานรับเรื่องแล้ว" in page and "มก 12/2569" in page


def test_any_comment_value_is_taken_or_left_never_a_server_error(web, console, served) -> None:
    """Found from outside: comment=² (a digit to str.isdigit, not to int) gave a 500."""
    token = served["token"]
    for odd in ("²", "9" * 5000, "-1", "99"):
        sent = web.post(f"/t/{token}/rate", data={**SCORES, "csrf": csrf_of(token), "comment": odd})
        assert sent.status_code == 303, odd
    assert count_ratings(console) == 1


def test_a_huge_form_is_refused_before_it_is_read(web, served) -> None:
    """Found from outside: 270 MB posted to /rate grew the server to 1.6 GB."""
    token = served["token"]
    big = {**SCORES, "csrf": csrf_of(token), "pad": "x" * 20_000}
    assert web.post(f"/t/{token}/rate", data=big).status_code == 413
    assert web.post("/signin", data={"pad": "x" * 2_000_000}).status_code == 413


def test_nothing_a_phone_asks_for_sets_a_cookie(web, console) -> None:
    """Found from outside: the browser's /favicon.ico got the console's 404, with its cookie."""
    token = issue(console)["token"]
    for path in ("/favicon.ico", f"/t/{token}", f"/t/{token}/x", "/t/x/y", "/q", "/t/" + "A" * 24):
        answer = web.get(path)
        assert "set-cookie" not in answer.headers, path
        assert answer.status_code in (200, 204, 404), path
    assert web.get("/favicon.ico").status_code == 204


def test_a_throttled_page_tries_again_by_itself(web, console) -> None:
    mine = issue(console)
    answers = [web.get(f"/t/{mine['token']}") for _ in range(35)]
    throttled = next(a for a in answers if a.status_code == 429)
    assert '<meta http-equiv="refresh"' in throttled.text


def test_the_centres_page_promises_nothing_about_one_ticket(web) -> None:
    page = read(web.get("/q"))
    assert "หน้านี้ไม่มีข้อมูลส่วนบุคคล" in page and "เฉพาะคิวของท่าน" not in page


def test_a_form_with_a_stale_token_says_so_not_that_the_system_failed(web, served) -> None:
    refused = web.post(f"/t/{served['token']}/rate", data={**SCORES, "csrf": "0" * 64})
    assert refused.status_code == 403 and "แบบฟอร์มนี้หมดอายุ" in read(refused)


def test_one_address_holds_only_so_many_live_pages(web, console) -> None:
    """Found from outside: streams were unlimited; ~1 000 used up the server's open files."""
    console.phones.streams["testclient"] = console.site.config.limits.phone_streams
    refused = web.get(f"/t/{issue(console)['token']}/events")
    assert refused.status_code == 429


def test_live_pages_stop_at_what_the_process_can_hold(web, console) -> None:
    console.phones.most_streams = 1
    console.phones.streams["elsewhere"] = 1
    refused = web.get(f"/t/{issue(console)['token']}/events")
    assert refused.status_code == 503 and refused.headers["retry-after"] == "10"


def test_a_change_made_without_the_bus_still_reaches_an_open_page(console) -> None:
    """Found from outside: `oss-queue counter call` (no state published) never reached
    phones while the board's state stood still."""
    from queue_server.web.app import build_app

    console.phones.reread_seconds = 0.2
    mine = issue(console)
    with (
        TestClient(build_app(console)) as web,
        web.stream("GET", f"/t/{mine['token']}/events") as events,
    ):
        updates = (json.loads(line[5:]) for line in events.iter_lines() if line.startswith("data:"))
        assert next(updates)["state"] == "waiting"
        at_counter(console, QueueDay.open_counter, QueueDay.call_next)  # as the CLI does
        assert next(updates)["state"] == "called"


def test_a_change_that_leaves_a_ticket_as_it_was_sends_its_page_nothing(console) -> None:
    """A page hears of its own ticket's changes, not of every change at the centre (the
    site-wide count of changes was in every update: every page, every change)."""
    from queue_server.web.app import build_app

    console.phones.reread_seconds = 0.2
    mine = issue(console)
    with (
        TestClient(build_app(console)) as web,
        web.stream("GET", f"/t/{mine['token']}/events") as events,
    ):
        lines = events.iter_lines()
        assert next(line for line in lines if line.startswith("data:"))
        # counter 1 opens (it serves other queues): nothing this ticket's page shows changes
        console.centre.service.at_counter(QueueDay.open_counter, "1", "s03")
        time.sleep(0.6)  # read again meanwhile, three times over
        at_counter(console, QueueDay.open_counter, QueueDay.call_next)  # then it is called
        update = json.loads(next(line for line in lines if line.startswith("data:"))[5:])
        assert update["state"] == "called"
