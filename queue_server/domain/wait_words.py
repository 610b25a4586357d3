"""What a citizen is told about their wait: one wording for the board, the kiosk,
the printed ticket and the phone page.

A citizen reads the same numbers in several places; when the kiosk says
"nobody ahead" and the ticket "0–19 minutes" while the board says the queue
is closed, none of them is believed. So every screen and the ticket take
their words from here.
"""

from __future__ import annotations

from collections.abc import Sequence

from .catalog import Text


def wait_range(minutes: Sequence[int] | None) -> Text:
    """How long someone joining now will wait, as people say it.

    ``None`` means no counter serving it is open: no range is true then.
    With nobody waiting but every counter busy, "no wait" would not be true
    either, so only a range that ends at zero says it.
    """
    if minutes is None:
        return NOT_SERVING
    low, high = minutes[0], minutes[1]
    if high <= 0:
        return Text("ไม่ต้องรอ", "No wait")
    if low <= 0:
        return Text(f"ไม่เกิน {high} นาที", f"up to {high} min")
    if low == high:
        return Text(f"ประมาณ {low} นาที", f"about {low} min")
    return Text(f"ประมาณ {low}–{high} นาที", f"about {low}–{high} min")


NOT_SERVING = Text("ยังไม่มีช่องบริการเปิด", "No counter open yet")


def people_ahead(count: int) -> Text:
    """Tickets the counters will call first, counted as the estimate counts them."""
    if count <= 0:
        return Text("ท่านเป็นคิวถัดไป", "You are next")
    return Text(f"รออีก {count} คิว", f"{count} ahead of you")


def wait_line(count: int | None, minutes: Sequence[int] | None) -> Text:
    """ "รออีก 3 คิว · ประมาณ 10–20 นาที": the kiosk's ticket page and the ticket."""
    if count is None:
        return wait_range(minutes)
    ahead, wait = people_ahead(count), wait_range(minutes)
    return Text(f"{ahead.th} · {wait.th}", f"{ahead.en} · {wait.en}")


def queue_length(waiting: int) -> Text:
    """The board's row: how many wait in this queue now."""
    if waiting <= 0:
        return Text("ไม่มีผู้รอ", "Nobody waiting")
    return Text(f"รอ {waiting} คน", f"{waiting} waiting")
