"""What the board shows, computed from the retained board state (no Kivy here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from pythainlp.util import thai_strftime

from queue_server.bus import messages as m
from queue_server.domain.catalog import Catalog, Text
from queue_server.domain.wait_words import queue_length, wait_range

from ..common.wording import COUNTER_STATUS, PAUSE_REASON


@dataclass(frozen=True)
class CounterRow:
    id: str
    name: Text
    ticket: str | None
    note: Text  # under the number: status, or what the counter is doing


@dataclass(frozen=True)
class CallRow:
    ticket: str
    counter: Text
    recall: int


@dataclass(frozen=True)
class QueueRow:
    prefix: str
    name: Text
    waiting: int
    count: Text  # "รอ 3 คน", or "ไม่มีผู้รอ"
    wait: Text  # the range a newcomer is told; empty where nobody waits


@dataclass(frozen=True)
class Hero:
    """The biggest thing on the board: the newest call, or why there is none."""

    title: Text
    ticket: str | None = None
    counter: Text | None = None


NOW_CALLING = Text("เชิญหมายเลข", "Now calling")
NO_CALL_YET = Text("รอเรียกคิวแรก", "Waiting for the first call")
CLOSED = Text("ปิดให้บริการ", "Closed")
NOT_ISSUING = Text("ปิดรับบัตรคิว", "Not issuing tickets")


@dataclass(frozen=True)
class BoardView:
    counters: tuple[CounterRow, ...]
    calls: tuple[CallRow, ...]  # newest first; the first is the hero's
    queues: tuple[QueueRow, ...]
    open: bool
    closed_note: Text | None
    hero: Hero


def queue_names(catalog: Catalog) -> dict[str, Text]:
    """A queue prefix named by its category (A → บริการประชาชน)."""
    categories = {c.id: c.name for c in catalog.categories}
    names: dict[str, Text] = {}
    for service in catalog.services:
        names.setdefault(service.prefix, categories.get(service.category, Text("", "")))
    return names


def _counter_row(wire: m.CounterWire) -> CounterRow:
    if wire.status == "paused":
        note = PAUSE_REASON.get(wire.pause_reason or "other", COUNTER_STATUS["paused"])
    elif wire.status == "open" and wire.ticket is None:
        note = Text("ว่าง", "Free")
    else:
        note = COUNTER_STATUS.get(wire.status, Text(wire.status, wire.status))
    name = wire.name
    return CounterRow(wire.id, name, wire.ticket if wire.status != "closed" else None, note)


def _queue_rows(state: m.BoardState, names: Mapping[str, Text]) -> tuple[QueueRow, ...]:
    """One row a letter, each said the same way: nobody waiting has no range; a queue no
    open counter serves says so instead of a range that would jump when one opens."""
    by_prefix: dict[str, list[m.QueueWire]] = {}
    for q in state.queues:
        by_prefix.setdefault(q.prefix, []).append(q)
    rows = []
    for prefix in sorted(by_prefix):
        queues = by_prefix[prefix]
        waiting = state.waiting_by_prefix.get(prefix, 0)  # counted once, by the server
        # The range someone joining the shortest-serving service of the queue would hear.
        lows = [q.wait_minutes[0] for q in queues if q.wait_minutes]
        highs = [q.wait_minutes[1] for q in queues if q.wait_minutes]
        span = [min(lows), max(highs)] if lows and highs else None
        if not state.open:
            wait = NOT_ISSUING
        elif waiting == 0:
            wait = Text("", "")
        else:
            wait = wait_range(span)
        name = names.get(prefix, Text(prefix, prefix))
        rows.append(QueueRow(prefix, name, waiting, queue_length(waiting), wait))
    return tuple(rows)


def _hero(state: m.BoardState, calls: tuple[CallRow, ...], closed_note: Text | None) -> Hero:
    serving = any(c.status != "closed" for c in state.counters)
    if not state.open and not serving:
        return Hero(closed_note or CLOSED)
    if calls:
        return Hero(NOW_CALLING, calls[0].ticket, calls[0].counter)
    return Hero(NO_CALL_YET)


def board_view(
    state: m.BoardState, names: Mapping[str, Text], last_calls: int, now: datetime
) -> BoardView:
    closed_note = None
    if not state.open:
        closed_note = Text("ขณะนี้ปิดรับบัตรคิว", "Not issuing tickets now")
        if state.next_opening:
            opening = datetime.fromisoformat(state.next_opening)
            when = f"{opening:%H:%M}"
            if opening.date() != now.date():
                closed_note = Text(
                    f"เปิดรับบัตรคิว {thai_strftime(opening, '%A %-d %b')} เวลา {when} น.",
                    f"Tickets from {opening:%A} {opening.day} {opening:%b} at {when}",
                )
            else:
                closed_note = Text(f"เปิดรับบัตรคิวเวลา {when} น.", f"Tickets from {when}")
    # A recall is the same ticket called again: one row, the latest, not a second one.
    latest = {}
    for c in state.last_calls:  # newest first
        latest.setdefault(c.ticket, c)
    calls = tuple(
        CallRow(c.ticket, c.counter_name, c.recall) for c in list(latest.values())[:last_calls]
    )
    return BoardView(
        counters=tuple(_counter_row(c) for c in state.counters),
        calls=calls,
        queues=_queue_rows(state, names),
        open=state.open,
        closed_note=closed_note,
        hero=_hero(state, calls, closed_note),
    )
