"""Words every screen uses, in Thai and English, and Thai dates in the Buddhist era."""

from __future__ import annotations

from datetime import datetime

from pythainlp.util import thai_strftime

from queue_server.bus.messages import PauseReason
from queue_server.domain.catalog import Text


def long_thai_date(moment: datetime) -> str:
    """วันจันทร์ที่ 23 พฤศจิกายน พ.ศ. 2569"""
    return thai_strftime(moment, "%Aที่ %-d %B พ.ศ. %Y")


def english_date(moment: datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B} {moment.year}"


def clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


COUNTER_STATUS = {
    "open": Text("เปิดให้บริการ", "Open"),
    "closed": Text("ปิด", "Closed"),
    "paused": Text("พักชั่วคราว", "Back soon"),
}

PAUSE_REASON = {
    PauseReason.BREAK: Text("พักชั่วคราว", "On a break"),
    PauseReason.MEETING: Text("ติดประชุม", "In a meeting"),
    PauseReason.SYSTEM: Text("ระบบขัดข้อง", "System problem"),
    PauseReason.OTHER: Text("พักชั่วคราว", "Back soon"),
}

OFFLINE = Text(
    "ขาดการเชื่อมต่อกับระบบคิว กำลังเชื่อมต่อใหม่ โปรดติดต่อเจ้าหน้าที่",
    "Lost contact with the queue system; reconnecting. Please ask a member of staff.",
)

# Beside the board's QR to the centre's page for phones (web.phone_url).
PHONE_QR = Text("สแกนดูคิวบนมือถือ", "Follow the queues on your phone")
