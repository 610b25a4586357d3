"""What the counter terminal shows, decided without a window: the desk's view model.

``desk_view`` turns the counter's published state into the words of each
part of the desk and which buttons may be pressed; ``Desk.show`` only puts
them on screen. So the terminal's rules are tested in milliseconds
(tests/unit/screens/test_views.py), and the widget holds no decisions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from queue_server.bus import messages as m
from queue_server.domain.catalog import Text

TICKET_STATE = {
    "called": Text("กำลังเรียก", "Called"),
    "serving": Text("กำลังให้บริการ", "Serving"),
}
COUNTER_STATUS = {"open": "เปิด", "closed": "ปิด", "paused": "พัก"}


@dataclass(frozen=True)
class ParkedSlot:
    number: str
    can_return: bool


@dataclass(frozen=True)
class DeskView:
    title: str
    number: str
    service: str
    ticket_state: str
    waiting: str
    next_rows: tuple[str, ...]
    parked_title: str
    parked: tuple[ParkedSlot, ...]
    enabled: frozenset[str]  # the action buttons that may be pressed


LOADING = DeskView(
    title="กำลังโหลด… · Loading…", number="–", service="", ticket_state="", waiting="",
    next_rows=(), parked_title="", parked=(), enabled=frozenset(),
)  # fmt: skip


def desk_view(
    state: m.CounterState | None,
    staff: str,
    available: set[str],
    busy: bool,
    service_name: Callable[[str], str],
) -> DeskView:
    """The desk for the counter as last published, with ``staff`` signed in.

    ``available``: the actions that make sense now (actions.available); while
    a request is out (``busy``) nothing may be pressed, so a tap is never sent twice.
    """
    if state is None:
        return LOADING
    c = state.counter
    title = f"{c.name.th} · {c.name.en} — {COUNTER_STATUS.get(c.status, c.status)}"
    ticket = state.ticket
    if ticket is None:
        number, service, ticket_state = "–", "ยังไม่มีคิว · No ticket", ""
    else:
        words = TICKET_STATE.get(ticket.state, Text(ticket.state, ticket.state))
        recall = (
            f" · เรียกซ้ำ {ticket.recall}/{state.max_recalls}" if ticket.state == "called" else ""
        )
        flag = " · คิวพิเศษ (Priority)" if ticket.priority else ""
        number, service = ticket.number, service_name(ticket.service)
        ticket_state = f"{words.th} · {words.en}{recall}{flag}"
    can_return = not busy and ticket is None and c.status == "open"
    return DeskView(
        title=f"{title} · เจ้าหน้าที่ {staff}",
        number=number,
        service=service,
        ticket_state=ticket_state,
        waiting=f"รอ {state.waiting} คน · {state.waiting} waiting — คิวถัดไป · Next",
        next_rows=tuple(
            f"{t.number}  {service_name(t.service)}{'  (คิวพิเศษ)' if t.priority else ''}"
            for t in state.next
        ),
        parked_title=f"คิวที่พักไว้ · Parked ({len(state.parked)})",
        parked=tuple(ParkedSlot(t.number, can_return) for t in state.parked),
        enabled=frozenset() if busy else frozenset(available),
    )
