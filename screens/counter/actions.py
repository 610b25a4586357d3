"""The counter's buttons: what each sends, its key, and when it makes sense.

``available`` is the rule the screen follows to enable buttons; the server
checks the same rules again, so a button enabled from slightly old state
gets a clear refusal rather than doing something wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from queue_server.bus import messages as m
from queue_server.domain.catalog import Text


@dataclass(frozen=True)
class Action:
    name: str
    op: m.OpName
    label: Text
    key: str  # the keyboard shortcut (Kivy key name)


N = m.OpName
ACTIONS: tuple[Action, ...] = (
    Action("call_next", N.COUNTER_CALL_NEXT, Text("เรียกคิวถัดไป", "Call next"), "f1"),
    Action("recall", N.COUNTER_RECALL, Text("เรียกซ้ำ", "Recall"), "f2"),
    Action("serve", N.COUNTER_SERVE, Text("เริ่มให้บริการ", "Start serving"), "f3"),
    Action("complete", N.COUNTER_COMPLETE, Text("เสร็จสิ้น", "Complete"), "f4"),
    Action("no_show", N.COUNTER_NO_SHOW, Text("ไม่มาแสดงตัว", "No-show"), "f5"),
    Action("park", N.COUNTER_PARK, Text("พักคิว", "Park"), "f6"),
    Action("transfer", N.COUNTER_TRANSFER, Text("โอนไปงานอื่น", "Transfer"), "f7"),
    Action("reprint", N.TICKET_REPRINT, Text("พิมพ์บัตรซ้ำ", "Reprint ticket"), "f8"),
    Action("pause", N.COUNTER_PAUSE, Text("พักช่องบริการ", "Pause"), "f9"),
    Action("resume", N.COUNTER_RESUME, Text("กลับมาให้บริการ", "Resume"), "f9"),
    Action("open", N.COUNTER_OPEN, Text("เปิดช่องบริการ", "Open counter"), "f10"),
    Action("close", N.COUNTER_CLOSE, Text("ปิดช่องบริการ", "Close counter"), "f12"),
)
BY_NAME = {a.name: a for a in ACTIONS}

# What the clerk picks from (the board tells citizens in its own words: common.wording).
PAUSE_REASONS = (
    (m.PauseReason.BREAK, Text("พักเบรก", "Break")),
    (m.PauseReason.MEETING, Text("ประชุม", "Meeting")),
    (m.PauseReason.SYSTEM, Text("ระบบขัดข้อง", "System problem")),
    (m.PauseReason.OTHER, Text("อื่น ๆ", "Other")),
)


def available(state: m.CounterState | None) -> set[str]:
    """Names of the actions that make sense for the counter as last published."""
    if state is None:
        return set()
    status = state.counter.status
    if status == "closed":
        return {"open"}
    if status == "paused":
        return {"resume"}
    ticket = state.ticket
    if ticket is None:
        names = {"pause", "close"}
        if state.waiting > 0:
            names.add("call_next")
        return names
    names = {"complete", "park", "transfer", "reprint"}
    if ticket.state == "called":
        names |= {"serve", "no_show"}
        if ticket.recall < state.max_recalls:
            names.add("recall")
    return names
