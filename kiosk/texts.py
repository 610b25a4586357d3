"""What the kiosk says, in Thai and in English, decided without a window.

Plain words for people who have never used a touchscreen: what kind of
service it is, what to bring, when the centre opens.
"""

from __future__ import annotations

from datetime import datetime
from itertools import groupby

from queue_server.config import Site
from queue_server.config.models import WEEKDAYS
from queue_server.domain.catalog import Service, ServiceKind, Text

DAY_NAMES = {
    "mon": Text("จันทร์", "Monday"),
    "tue": Text("อังคาร", "Tuesday"),
    "wed": Text("พุธ", "Wednesday"),
    "thu": Text("พฤหัสบดี", "Thursday"),
    "fri": Text("ศุกร์", "Friday"),
    "sat": Text("เสาร์", "Saturday"),
    "sun": Text("อาทิตย์", "Sunday"),
}

WELCOME = Text("ยินดีต้อนรับ", "Welcome")
CHOOSE_CATEGORY = Text("แตะเลือกประเภทบริการที่ต้องการ", "Tap the kind of service you need")
CHOOSE_SERVICE = Text("แตะเลือกบริการ", "Tap your service")
BACK = Text("ย้อนกลับ", "Back")
RATE = Text("ให้คะแนนความพึงพอใจ", "Rate our service")
PRIORITY_QUESTION = Text(
    "ท่านเป็นผู้สูงอายุ ผู้พิการ หญิงตั้งครรภ์ หรือพระภิกษุสงฆ์ ใช่หรือไม่",
    "Are you elderly, disabled, pregnant, or a monk?",
)
PRIORITY_YES = Text("ใช่ · รับบัตรคิวพิเศษ", "Yes · priority ticket")
PRIORITY_NO = Text("ไม่ใช่ · รับบัตรคิว", "No · take a ticket")
DOCUMENTS = Text("เอกสารที่ต้องนำมา", "Please bring")
NO_DOCUMENTS = Text("ไม่ต้องใช้เอกสาร", "No documents needed")
YOUR_NUMBER = Text("หมายเลขคิวของท่าน", "Your number")
ISSUING = Text("กำลังออกบัตรคิว…", "Getting your ticket…")
PRINTING = Text("กำลังพิมพ์บัตรคิว…", "Printing your ticket…")
PRINTED = Text("รับบัตรคิวที่ช่องด้านล่าง", "Please take your ticket below")
NOT_PRINTED = Text(
    "เครื่องพิมพ์ขัดข้อง กรุณาจดหรือถ่ายรูปหมายเลขคิวนี้ไว้",
    "The printer is not working: please note or photograph this number",
)
ASK_STAFF = Text(
    "ระบบคิวขัดข้องชั่วคราว กรุณาแจ้งเจ้าหน้าที่ (กำลังลองใหม่ ไม่ต้องกดซ้ำ)",
    "The queue system is not answering: please ask staff (still trying, no need to tap again)",
)
OFFLINE = Text("ระบบคิวขัดข้อง กรุณาติดต่อเจ้าหน้าที่", "The queue system is unavailable: please ask staff")
DONE = Text("เสร็จ", "Done")
PRIORITY_FLAG = Text("คิวพิเศษ", "Priority")
NEXT_PAGE = Text("หน้าถัดไป ›", "Next page ›")
PREVIOUS_PAGE = Text("‹ หน้าก่อน", "‹ Previous")


def page_of(page: int, pages: int) -> Text:
    return Text(f"หน้า {page}/{pages}", f"Page {page} of {pages}")


TYPE_OR_SCAN = Text(
    "พิมพ์หมายเลขคิว หรือสแกน QR บนบัตรคิว", "Type your ticket number, or scan the QR on your ticket"
)
OK = Text("ตกลง", "OK")
NOT_OURS = Text(
    "บัตรคิวนี้ไม่ใช่ของวันนี้หรือของศูนย์นี้", "This ticket is not from today or not from this centre"
)
THANK_YOU = Text("ขอบคุณค่ะ", "Thank you")
SENDING = Text("กำลังส่ง…", "Sending…")
CLOSED_NOW = Text("ขณะนี้ปิดรับบัตรคิว · เวลาทำการ", "Closed now · Open")

# The staff corner: words for the centre's staff, always in both languages.
STAFF_PIN = Text("ส่วนเจ้าหน้าที่ — PIN", "Staff only — PIN")
NO_STAFF_PIN = Text("ยังไม่ได้ตั้ง PIN", "No PIN set: oss-queue kiosk --hash-pin")
PRINTER = Text("เครื่องพิมพ์", "Printer")
UNKNOWN = Text("ยังไม่ทราบ", "unknown")
STAFF_CHECK_PRINTER = Text("ตรวจเครื่องพิมพ์", "Check printer")
STAFF_TEST_PRINT = Text("พิมพ์ทดสอบ", "Test print")
STAFF_EXIT = Text("ปิดโปรแกรม", "Exit")


def catalog_from_file(count: int) -> Text:
    return Text(f"รายการบริการ {count} รายการ (จากไฟล์ในเครื่อง)", f"{count} services, local file")


def catalog_from_server(count: int, updated: datetime) -> Text:
    when = updated.strftime("%H:%M")
    return Text(
        f"รายการบริการ {count} รายการ จากเซิร์ฟเวอร์ ปรับปรุง {when} น.",
        f"{count} services from the server, updated {when}",
    )


def kind_explained(service: Service) -> Text:
    agency = service.agency
    if service.kind is ServiceKind.ONSITE:
        return Text("บริการนี้ทำเสร็จที่ศูนย์นี้", "This is done here, at this centre")
    if service.kind is ServiceKind.FORWARD:
        return Text(
            f"เจ้าหน้าที่รับเรื่องไว้ แล้วส่งต่อให้ {agency.th} ดำเนินการ",
            f"We take your request here and pass it to {agency.en}",
        )
    return Text(
        "ทำผ่านแอป “ทางรัฐ” โดยเจ้าหน้าที่ช่วยท่านได้ หรือทำเองบนมือถือของท่าน",
        "Done through the Tang Rat app: staff will help you, or do it on your own phone",
    )


def phone_hint(service: Service) -> Text | None:
    """What the QR beside the card is for (None: no QR)."""
    if service.eservice_url:
        return Text("สแกนเพื่อทำเองทางออนไลน์", "Scan to do it yourself online")
    if service.kind is ServiceKind.TANGRAT:
        return Text(
            "ค้นหาแอป “ทางรัฐ” ใน App Store หรือ Google Play",
            "Find the “Tang Rat” app in the App Store or Google Play",
        )
    return None


def opening_hours(site: Site) -> Text:
    """จันทร์–ศุกร์ 08:30–16:30, grouping days with the same hours."""
    hours = site.config.hours
    parts_th, parts_en = [], []
    spans = [(day, ", ".join(getattr(hours, day))) for day in WEEKDAYS]
    for text, group in groupby(spans, key=lambda pair: pair[1]):
        days = [day for day, _ in group]
        if not text:
            continue
        first, last = DAY_NAMES[days[0]], DAY_NAMES[days[-1]]
        th_days = first.th if len(days) == 1 else f"{first.th}–{last.th}"
        en_days = first.en if len(days) == 1 else f"{first.en}–{last.en}"
        shown = text.replace("-", "–")
        parts_th.append(f"{th_days} {shown} น.")
        parts_en.append(f"{en_days} {shown}")
    return Text(" · ".join(parts_th), " · ".join(parts_en))
