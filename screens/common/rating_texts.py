"""What the satisfaction form says (the tablet's and the kiosk's), in Thai and English.

The scale's words are those Thai satisfaction surveys use (5 มากที่สุด … 1 น้อยที่สุด).
"""

from __future__ import annotations

from queue_server.domain.catalog import Text

LEVEL_WORDS = {
    5: Text("มากที่สุด", "Very satisfied"),
    4: Text("มาก", "Satisfied"),
    3: Text("ปานกลาง", "Neutral"),
    2: Text("น้อย", "Dissatisfied"),
    1: Text("น้อยที่สุด", "Very dissatisfied"),
}
OVERALL = Text(
    "ท่านพึงพอใจการให้บริการในครั้งนี้มากน้อยเพียงใด", "How satisfied are you with the service today?"
)
ANYTHING_ELSE = Text(
    "มีอะไรอยากบอกเราเพิ่มไหม (เลือกได้หลายข้อ ไม่เลือกก็ได้)", "Anything else? (choose any, or none)"
)
BACK = Text("ย้อนกลับ", "Back")
ABOUT_YOU = Text(
    "ข้อมูลทั่วไปของท่าน (ไม่บอกก็ได้ ไม่มีการบันทึกชื่อ)",
    "About you (you may skip this; no name is kept)",
)
SKIP = Text("ข้าม", "Skip")
NEXT = Text("ถัดไป", "Next")
SEND = Text("ส่งคำตอบ", "Send")


def about(section: Text) -> Text:
    """The question of one section of the form."""
    return Text(f"ท่านพึงพอใจ{section.th}มากน้อยเพียงใด", f"How satisfied are you with: {section.en}?")


def header(
    ticket: str, step: int | None = None, steps: int = 1, section: Text | None = None
) -> str:
    """The form's header (in Thai, as the survey is): which ticket, which question, and the
    section an item belongs to."""
    where = f" · ข้อ {step}/{steps}" if step is not None and steps > 1 else ""
    part = f" · {section.th}" if section else ""
    return f"แบบประเมินความพึงพอใจ · คิว {ticket}{where}{part}"
