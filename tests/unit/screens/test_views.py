"""What the screens show, decided without a window."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

from assets import DEFAULT_SITE
from queue_server.bus import messages as m
from queue_server.config import load_site
from queue_server.domain.service_day import BANGKOK
from screens.common.wording import long_thai_date
from screens.counter.actions import available
from screens.display.view import board_view, queue_names

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=BANGKOK)
NAME = m.Bilingual(th="ช่องบริการ 1", en="Counter 1")


def counter(status: str = "open", ticket: str | None = None) -> m.CounterWire:
    return m.CounterWire(id="1", name=NAME, status=status, ticket=ticket)  # type: ignore[arg-type]


def ticket(state: str, recall: int = 0) -> m.TicketWire:
    return m.TicketWire(
        number="A001", service="disability-card", kind="onsite", priority=False,
        state=state, recall=recall,
    )  # fmt: skip


def counter_state(status: str = "open", current: m.TicketWire | None = None, waiting: int = 2):
    return m.CounterState(
        seq=1, site="s", counter=counter(status), ticket=current, next=[], waiting=waiting,
        max_recalls=3,
    )  # fmt: skip


def board(open_: bool = True, next_opening: str | None = None) -> m.BoardState:
    return m.BoardState(
        seq=5, site="s", service_day="2026-11-23", at=NOW.isoformat(), open=open_,
        next_opening=next_opening, counters=[counter(ticket="A001")],
        last_calls=[], waiting_by_prefix={"A": 3},
        queues=[
            m.QueueWire(service="disability-card", prefix="A", waiting=2, wait_minutes=[5, 15]),
            m.QueueWire(service="water-supply-pwa", prefix="A", waiting=1, wait_minutes=[10, 30]),
        ],
    )  # fmt: skip


def test_dates_are_in_the_buddhist_era() -> None:
    assert long_thai_date(NOW) == "วันจันทร์ที่ 23 พฤศจิกายน พ.ศ. 2569"


def test_queues_are_shown_per_prefix_with_the_widest_range() -> None:
    names = queue_names(load_site(DEFAULT_SITE).catalog)
    view = board_view(board(), names, 6, NOW)
    (row,) = view.queues
    assert (row.prefix, row.waiting, row.wait.en) == ("A", 3, "about 5–30 min")
    assert row.name.th == "งานบริการเพื่อประชาชน"


def test_an_empty_queue_shows_no_wait_range() -> None:
    """Found: "0 คน · 13–42 นาที" for a queue nobody was in."""
    state = board().model_copy(
        update={
            "waiting_by_prefix": {"A": 0},
            "queues": [m.QueueWire(service="disability-card", prefix="A", waiting=0,
                                   wait_minutes=[0, 10])],
        }
    )  # fmt: skip
    (row,) = board_view(state, {}, 6, NOW).queues
    assert (row.count.th, row.wait.th) == ("ไม่มีผู้รอ", "")


def test_a_queue_no_open_counter_serves_says_so_instead_of_a_range() -> None:
    """Found: 0–19 min with every counter closed, jumping to 15–44 when one opened."""
    state = board().model_copy(
        update={"queues": [m.QueueWire(service="disability-card", prefix="A", waiting=3)]}
    )
    (row,) = board_view(state, {}, 6, NOW).queues
    assert (row.count.th, row.wait.th) == ("รอ 3 คน", "ยังไม่มีช่องบริการเปิด")


def test_the_hero_is_the_newest_call() -> None:
    calls = [
        m.CallEvent(ticket=n, counter="1", counter_name=NAME, service=None, at=NOW.isoformat())
        for n in ("A003", "A002")
    ]
    view = board_view(board().model_copy(update={"last_calls": calls}), {}, 6, NOW)
    assert (view.hero.ticket, view.hero.counter.th) == ("A003", "ช่องบริการ 1")


def test_a_closed_centre_with_every_counter_closed_says_closed_in_the_heros_place() -> None:
    state = board(False, "2026-11-24T08:30:00+07:00").model_copy(
        update={"counters": [counter("closed")]}
    )
    view = board_view(state, {}, 6, NOW)
    assert view.hero.ticket is None and "08:30" in view.hero.title.th
    assert all(row.wait.th == "ปิดรับบัตรคิว" for row in view.queues)


def test_a_closed_centre_says_when_tickets_start() -> None:
    view = board_view(board(False, "2026-11-24T08:30:00+07:00"), {}, 6, NOW)
    assert view.closed_note is not None
    assert "08:30" in view.closed_note.th


def test_a_closed_counter_offers_only_opening() -> None:
    assert available(counter_state("closed")) == {"open"}


def test_an_idle_counter_calls_only_when_someone_waits() -> None:
    assert "call_next" in available(counter_state())
    assert "call_next" not in available(counter_state(waiting=0))


def test_recall_stops_at_the_limit() -> None:
    assert "recall" in available(counter_state(current=ticket("called", recall=2)))
    assert "recall" not in available(counter_state(current=ticket("called", recall=3)))


def test_a_ticket_being_served_cannot_be_marked_no_show() -> None:
    names = available(counter_state(current=ticket("serving")))
    assert {"complete", "park", "transfer", "reprint"} <= names
    assert not names & {"no_show", "serve", "recall", "call_next"}


def test_view_models_do_not_load_kivy() -> None:
    modules = "screens.display.view, screens.counter.actions, screens.voice.announcer"
    code = f"import sys, {modules}; assert not any(k.startswith('kivy') for k in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def desk(state, busy=False, staff="s01"):
    from screens.counter.view import desk_view

    return desk_view(state, staff, available(state), busy, lambda code: f"«{code}»")


def test_the_desk_says_what_the_counter_is_doing_and_who_is_at_it() -> None:
    view = desk(counter_state(current=ticket("called", recall=1)))
    assert view.title == "ช่องบริการ 1 · Counter 1 — เปิด · เจ้าหน้าที่ s01"
    assert (view.number, view.service) == ("A001", "«disability-card»")
    assert view.ticket_state == "กำลังเรียก · Called · เรียกซ้ำ 1/3"
    assert {"serve", "recall", "no_show", "complete"} <= view.enabled


def test_while_a_request_is_out_no_button_can_be_pressed() -> None:
    assert desk(counter_state(current=ticket("serving")), busy=True).enabled == frozenset()


def test_a_parked_ticket_can_come_back_only_to_an_open_free_counter() -> None:
    parked = ticket("parked")
    free = counter_state().model_copy(update={"parked": [parked]})
    busy_desk = counter_state(current=ticket("serving")).model_copy(update={"parked": [parked]})
    assert [(p.number, p.can_return) for p in desk(free).parked] == [("A001", True)]
    assert [p.can_return for p in desk(busy_desk).parked] == [False]
    assert desk(free).parked_title == "คิวที่พักไว้ · Parked (1)"


def test_before_the_first_state_the_desk_is_loading() -> None:
    view = desk(None)
    assert view.title.startswith("กำลังโหลด") and view.enabled == frozenset()


def test_a_recall_is_one_row_of_last_calls_not_a_second() -> None:
    def call(ticket: str, recall: int) -> m.CallWire:
        return m.CallWire(ticket=ticket, counter="1", counter_name=NAME, service=None,
                          recall=recall, at=NOW.isoformat())  # fmt: skip

    state = board().model_copy(  # newest first: A002 recalled, then A003, A002, A001
        update={"last_calls": [call("A002", 1), call("A003", 0), call("A002", 0), call("A001", 0)]}
    )
    view = board_view(state, {}, 6, NOW)
    assert [(c.ticket, c.recall) for c in view.calls] == [("A002", 1), ("A003", 0), ("A001", 0)]
