"""What a ticket's outcome and a forwarded case are called, in Thai and English.

Shared by the counter terminal, the case slip and (later) the console and the
citizen's phone, so the same status reads the same everywhere.
"""

from __future__ import annotations

from queue_server.domain.cases import CHANNEL_NAMES, OUTCOME_NAMES, STATUS_NAMES
from queue_server.domain.catalog import Text

# what each is called (the domain's names: the printed slip and the console say the same)
OUTCOMES, CHANNELS, STATUSES = OUTCOME_NAMES, CHANNEL_NAMES, STATUS_NAMES
WHAT_BECAME = Text("ผลการให้บริการคิวนี้", "What became of this ticket")
LATER = Text("บันทึกภายหลัง", "Record later")
FORWARD_TITLE = Text("ส่งต่อหน่วยงาน", "Forward to the agency")
AGENCY = Text("หน่วยงาน", "Agency")
CHANNEL = Text("ช่องทางที่ส่ง", "Sent through")
AGENCY_REF = Text("เลขที่หนังสือ/เลขรับของหน่วยงาน (ถ้ามี)", "The agency's reference (if any)")
CONSENT = Text(
    "ผู้ยื่นยินยอมให้ติดต่อกลับ (เก็บเบอร์ไว้จนแจ้งผลแล้วจึงลบ)",
    "The citizen agrees to be called back (kept until told, then removed)",
)
CONTACT = Text("เบอร์โทรติดต่อกลับ", "Phone")
SEND = Text("บันทึก", "Save")
CANCEL = Text("ยกเลิก", "Cancel")
CHOOSE_CHANNEL = Text("เลือกช่องทางที่ส่ง", "Choose how it was sent")
CONTACT_NEEDS_CONSENT = Text(
    "เก็บเบอร์โทรได้เมื่อผู้ยื่นยินยอมเท่านั้น", "A phone number is kept only with consent"
)
CASES = Text("เรื่องส่งต่อ", "Forwarded cases")
NO_CASES = Text("ไม่มีเรื่องส่งต่อค้างอยู่", "No forwarded case is open")
PRINT_SLIP = Text("พิมพ์ใบรับเรื่องอีกครั้ง", "Print the slip again")
SLIP_SENT = Text("ส่งพิมพ์ใบรับเรื่องที่ตู้แล้ว", "The slip is printing at the kiosk")
SLIP_HERE = Text("กำลังพิมพ์ใบรับเรื่องที่ช่องนี้", "The slip is printing at this counter")
SLIP_NOT_PRINTED = Text(
    "พิมพ์ใบรับเรื่องไม่ได้ แจ้งเลขที่เรื่องให้ผู้ยื่นจดไว้", "The slip did not print: read out the reference"
)
OVERDUE = Text("เกินกำหนด", "Overdue")


def case_opened(reference: str) -> Text:
    return Text(f"รับเรื่องแล้ว เลขที่ {reference}", f"Case {reference} opened")


def age(days: int, standard: int) -> Text:
    return Text(f"{days}/{standard} วัน", f"{days}/{standard} days")
