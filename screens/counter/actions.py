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
    op: str
    label: Text
    key: str  # the keyboard shortcut (Kivy key name)


ACTIONS: tuple[Action, ...] = (
    Action("call_next", "counter.call_next", Text("เรียกคิวถัดไป", "Call next"), "f1"),
    Action("recall", "counter.recall", Text("เรียกซ้ำ", "Recall"), "f2"),
    Action("serve", "counter.serve", Text("เริ่มให้บริการ", "Start serving"), "f3"),
    Action("complete", "counter.complete", Text("เสร็จสิ้น", "Complete"), "f4"),
    Action("no_show", "counter.no_show", Text("ไม่มาแสดงตัว", "No-show"), "f5"),
    Action("park", "counter.park", Text("พักคิว", "Park"), "f6"),
    Action("transfer", "counter.transfer", Text("โอนไปงานอื่น", "Transfer"), "f7"),
    Action("reprint", "ticket.reprint", Text("พิมพ์บัตรซ้ำ", "Reprint ticket"), "f8"),
    Action("pause", "counter.pause", Text("พักช่องบริการ", "Pause"), "f9"),
    Action("resume", "counter.resume", Text("กลับมาให้บริการ", "Resume"), "f9"),
    Action("open", "counter.open", Text("เปิดช่องบริการ", "Open counter"), "f10"),
    Action("close", "counter.close", Text("ปิดช่องบริการ", "Close counter"), "f12"),
)
BY_NAME = {a.name: a for a in ACTIONS}

PAUSE_REASONS = (
    ("break", Text("พักเบรก", "Break")),
    ("meeting", Text("ประชุม", "Meeting")),
    ("system", Text("ระบบขัดข้อง", "System problem")),
    ("other", Text("อื่น ๆ", "Other")),
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
