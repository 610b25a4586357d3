"""A complaint or suggestion being made on a touchscreen, decided without a window.

Citizens at a tablet or kiosk do not type Thai on glass: they choose what kind
it is, a category, and the sentences that say it (several may be chosen). The
words are the centre's defaults, written for the categories of seed 004's
feedback; at the counter the clerk types what was said instead, and on the
citizen's phone (later) the citizen types it. Anything beyond the centre goes to
the national line 1111, which the form always shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from queue_server.domain.catalog import Text
from queue_server.domain.complaints import (
    CATEGORY_NAMES,
    KIND_NAMES,
    NATIONAL_LINE,
    Category,
    Kind,
)

PHRASES: dict[Category, tuple[Text, ...]] = {
    Category.STAFF: (
        Text("เจ้าหน้าที่พูดจาไม่สุภาพ", "Staff were impolite"),
        Text("เจ้าหน้าที่อธิบายไม่ชัดเจน", "Staff did not explain clearly"),
        Text("เจ้าหน้าที่ไม่อยู่ที่ช่องบริการ", "Nobody was at the counter"),
        Text("ขอชมเชยเจ้าหน้าที่", "I want to praise the staff"),
    ),
    Category.WAITING: (
        Text("รอคิวนานเกินไป", "The wait was too long"),
        Text("มีการลัดคิว", "Someone jumped the queue"),
        Text("ไม่ได้ยินเสียงเรียกคิว", "I could not hear my number"),
        Text("ควรเปิดช่องบริการเพิ่ม", "More counters should open"),
    ),
    Category.DOCUMENTS: (
        Text("ขอเอกสารหลายครั้ง", "I was asked for documents again and again"),
        Text("ยังขอสำเนาเอกสารอยู่", "Copies of documents are still asked for"),
        Text("ขั้นตอนยุ่งยากเกินไป", "The steps are too complicated"),
        Text("ไม่ทราบว่าต้องเตรียมเอกสารอะไร", "I did not know what to bring"),
    ),
    Category.FACILITIES: (
        Text("ที่นั่งรอไม่พอ", "Not enough seats"),
        Text("ห้องน้ำไม่สะอาด", "The toilets were not clean"),
        Text("ที่จอดรถไม่พอ", "Not enough parking"),
        Text("ทางลาด/สิ่งอำนวยความสะดวกสำหรับผู้พิการไม่พอ", "Not enough ramps and facilities"),
    ),
    Category.OTHER: (
        Text("อยากให้มีบริการออนไลน์มากขึ้น", "More services online, please"),
        Text("อยากให้เปิดบริการนอกเวลาราชการ", "Please open outside office hours"),
    ),
}
TITLE = Text("ร้องเรียน / เสนอแนะ", "Complaint / suggestion")
CHOOSE_WHAT = Text("เลือกเรื่องที่ต้องการแจ้ง (เลือกได้หลายข้อ)", "Choose what to tell us (any)")
BEYOND_CENTRE = Text(
    f"เรื่องนอกเหนือศูนย์นี้ แจ้งได้ที่สายด่วนรัฐบาล {NATIONAL_LINE}",
    f"For anything beyond this centre, call the government line {NATIONAL_LINE}",
)
CHOOSE_SOMETHING = Text("เลือกอย่างน้อยหนึ่งข้อ", "Choose at least one")
RECEIVED = Text("ได้รับเรื่องแล้ว ขอบคุณค่ะ", "Received, thank you")


def kinds() -> list[tuple[Kind, Text]]:
    return list(KIND_NAMES.items())


def categories() -> list[tuple[Category, Text]]:
    return list(CATEGORY_NAMES.items())


@dataclass
class ComplaintDraft:
    kind: Kind = Kind.COMPLAINT
    category: Category = Category.WAITING
    chosen: set[int] = field(default_factory=set)  # indexes into PHRASES[category]
    typed: str = ""  # at the counter, what the citizen said, as the clerk wrote it

    @property
    def phrases(self) -> tuple[Text, ...]:
        return PHRASES[self.category]

    def choose_category(self, category: Category) -> None:
        if category is not self.category:
            self.category, self.chosen = category, set()

    def toggle(self, index: int) -> None:
        self.chosen ^= {index}

    def text(self) -> str:
        said = [self.phrases[i].th for i in sorted(self.chosen)]
        typed = " ".join(self.typed.split())
        return " / ".join([*said, typed] if typed else said)

    def problem(self) -> Text | None:
        return None if self.text() else CHOOSE_SOMETHING

    def args(self, number: str | None = None) -> dict[str, Any]:
        args: dict[str, Any] = {
            "kind": self.kind.value, "category": self.category.value, "text": self.text(),
        }  # fmt: skip
        if number:
            args["number"] = number
        return args
