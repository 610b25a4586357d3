"""The satisfaction form's questions and words: the tablet's, the kiosk's and the phone's.

The scale's words are those Thai satisfaction surveys use (5 มากที่สุด … 1 น้อยที่สุด).
One question a page on a screen, all on one page on a phone: the same
questions either way, each section's own or each of its items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .catalog import Text
from .ratings import QUICK_SECTION

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
ABOUT_YOU = Text(
    "ข้อมูลทั่วไปของท่าน (ไม่บอกก็ได้ ไม่มีการบันทึกชื่อ)",
    "About you (you may skip this; no name is kept)",
)


@dataclass(frozen=True)
class Question:
    id: str
    text: Text
    section: Text | None = None


def about(section: Text) -> Text:
    """The question of one section of the form."""
    return Text(f"ท่านพึงพอใจ{section.th}มากน้อยเพียงใด", f"How satisfied are you with: {section.en}?")


def questions(
    sections: Sequence[tuple[str, Text, Sequence[tuple[str, Text]]]], quick: bool
) -> list[Question]:
    """Each section's own question, or each of its items (section, item id)."""
    if quick:
        return [Question(QUICK_SECTION, OVERALL)]
    return [
        Question(qid, text, section=name)
        for sid, name, items in sections
        for qid, text in (items or [(sid, about(name))])
    ]
