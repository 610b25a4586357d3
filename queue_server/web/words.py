"""The console's own words, Thai first (each page has an English switch).

Names the queue already has (case and complaint statuses, channels, refusals)
come from where they are defined, so the counter, the slip and the console
say the same thing.
"""

from __future__ import annotations

from queue_server.domain.catalog import Text

W = Text
WORDS: dict[str, Text] = {
    "console": W("ศูนย์บริการร่วม · ระบบจัดการ", "Service centre console"),
    "signin": W("เข้าสู่ระบบ", "Sign in"),
    "signout": W("ออกจากระบบ", "Sign out"),
    "staff_code": W("รหัสเจ้าหน้าที่", "Staff code"),
    "pin": W("รหัส PIN", "PIN"),
    "signin_hint": W(
        "ใช้รหัสเจ้าหน้าที่และ PIN เดียวกับที่ช่องบริการ", "The same staff code and PIN as at the counter"
    ),
    "signed_in_as": W("เจ้าหน้าที่", "Staff"),
    "floor": W("ภาพรวมขณะนี้", "Live floor"),
    "cases": W("เรื่องส่งต่อ", "Forwarded cases"),
    "complaints": W("เรื่องร้องเรียน", "Complaints"),
    "reports": W("รายงาน", "Reports"),
    "staff": W("เจ้าหน้าที่", "Staff"),
    "audit": W("บันทึกการแก้ไข", "Audit log"),
    "counters": W("ช่องบริการ", "Counters"),
    "queues": W("คิวที่รอ", "Queues"),
    "last_calls": W("เรียกล่าสุด", "Last calls"),
    "devices": W("อุปกรณ์", "Devices"),
    "alerts": W("ต้องดูแล", "Needs attention"),
    "no_alerts": W("ทุกอย่างเรียบร้อย", "All is well"),
    "open": W("เปิด", "Open"),
    "closed": W("ปิด", "Closed"),
    "paused": W("พัก", "Paused"),
    "serving": W("กำลังให้บริการ", "Serving"),
    "waiting": W("รอ", "Waiting"),
    "wait": W("เวลารอโดยประมาณ", "Estimated wait"),
    "service": W("บริการ", "Service"),
    "counter": W("ช่อง", "Counter"),
    "ticket": W("คิว", "Ticket"),
    "time": W("เวลา", "Time"),
    "status": W("สถานะ", "Status"),
    "online": W("ออนไลน์", "Online"),
    "offline": W("ออฟไลน์", "Offline"),
    "never_seen": W("ยังไม่เคยเชื่อมต่อ", "Never connected"),
    "paper": W("กระดาษ", "Paper"),
    "centre_open": W("เปิดให้บริการ", "Open"),
    "centre_closed": W("ปิดให้บริการ", "Closed"),
    "bus_down": W(
        "ยังเชื่อมต่อระบบคิวไม่ได้ ข้อมูลอาจไม่เป็นปัจจุบัน",
        "Not connected to the queue: what you see may be out of date",
    ),
    "no_feed": W(
        "หน้านี้ไม่มีบัญชีเชื่อมต่อระบบคิว (เพิ่ม console: web ใน clients ของ site.yaml)",
        "The console has no broker account (add console: web under clients in site.yaml)",
    ),
    "no_state": W("ยังไม่มีข้อมูลจากระบบคิว", "Nothing from the queue server yet"),
    "updated": W("ข้อมูลเมื่อ", "As of"),
    "nobody": W("—", "—"),
    "reference": W("เลขที่เรื่อง", "Reference"),
    "agency": W("หน่วยงาน", "Agency"),
    "channel": W("ช่องทาง", "Channel"),
    "sent_on": W("วันที่ส่ง", "Sent on"),
    "age": W("อายุเรื่อง (วัน)", "Age (days)"),
    "standard": W("มาตรฐาน (วัน)", "Standard (days)"),
    "overdue": W("เกินกำหนด", "Overdue"),
    "agency_ref": W("เลขที่อ้างอิงของหน่วยงาน", "Agency's reference"),
    "number": W("หมายเลขคิว", "Ticket number"),
    "contact": W("ติดต่อกลับ", "Contact"),
    "has_contact": W("มีเบอร์ติดต่อกลับ (ยินยอมแล้ว)", "Has a contact (with consent)"),
    "update": W("บันทึก", "Save"),
    "new_status": W("สถานะใหม่", "New status"),
    "filter": W("กรอง", "Filter"),
    "all": W("ทั้งหมด", "All"),
    "open_only": W("เฉพาะที่ยังไม่จบ", "Open only"),
    "overdue_only": W("เฉพาะที่เกินกำหนด", "Overdue only"),
    "older_than": W("ค้างมาแล้วอย่างน้อย (วัน)", "At least (days old)"),
    "none_found": W("ไม่พบรายการ", "Nothing found"),
    "history": W("ประวัติ", "History"),
    "kind": W("ประเภท", "Kind"),
    "category": W("เรื่อง", "Category"),
    "text": W("ข้อความ", "What was said"),
    "answer": W("คำตอบ", "Answer"),
    "received": W("วันที่รับ", "Received"),
    "source": W("ช่องทางรับ", "From"),
    "saved": W("บันทึกแล้ว", "Saved"),
    "back": W("กลับหน้าภาพรวม", "Back to the floor"),
    "forbidden": W(
        "หน้านี้สำหรับหัวหน้าศูนย์เท่านั้น โปรดติดต่อหัวหน้าศูนย์", "This page is for the centre's supervisor"
    ),
    "forbidden_admin": W("หน้านี้สำหรับผู้ดูแลระบบเท่านั้น", "This page is for the admin"),
    "not_found": W("ไม่พบหน้าที่ต้องการ", "There is no such page"),
    "error": W(
        "ระบบขัดข้อง กรุณาลองใหม่ หรือแจ้งผู้ดูแลระบบ", "Something went wrong: try again or call the admin"
    ),
    "csrf": W(
        "แบบฟอร์มนี้หมดอายุ กรุณาเปิดหน้าใหม่แล้วลองอีกครั้ง",
        "This form has expired: open the page again and retry",
    ),
    "role": W("บทบาท", "Role"),
    "active": W("ใช้งาน", "Active"),
    "inactive": W("ระงับแล้ว", "Deactivated"),
    "add_staff": W("เพิ่มเจ้าหน้าที่", "Add staff"),
    "set_pin": W("ตั้ง PIN ใหม่", "Set a new PIN"),
    "pin_again": W("PIN อีกครั้ง", "PIN again"),
    "unlock": W("ปลดล็อก", "Unlock"),
    "deactivate": W("ระงับการใช้งาน", "Deactivate"),
    "change_role": W("เปลี่ยนบทบาท", "Change role"),
    "locked": W("ถูกล็อกถึง", "Locked until"),
    "pins_differ": W("PIN สองช่องไม่ตรงกัน", "The two PINs differ"),
    "pin_rule": W("PIN เป็นตัวเลข 4–12 หลัก", "A PIN is 4–12 digits"),
    "code_rule": W(
        "รหัสเจ้าหน้าที่ใช้อักษรอังกฤษ ตัวเลข ขีด (-) หรือขีดล่าง (_) ห้ามใช้ชื่อคน",
        "A staff code is letters, digits, - and _ (never a person's name)",
    ),
    "code_taken": W("มีรหัสนี้แล้ว ใช้ 'ตั้ง PIN ใหม่' แทน", "That code exists: use 'Set a new PIN'"),
    "yourself": W("ระงับหรือลดบทบาทของตัวเองไม่ได้", "You cannot deactivate or demote yourself"),
    "today": W("วันนี้", "Today"),
    "issued": W("ออกบัตรคิว", "Tickets issued"),
    "served": W("ให้บริการแล้ว", "Served"),
    "no_show": W("ไม่มาตามเรียก", "No-shows"),
    "median_wait": W("เวลารอโดยทั่วไป (นาที, ค่ากลาง)", "Median wait (min)"),
    "by_hour": W("ผู้มารับบริการรายชั่วโมง", "Arrivals by hour"),
    "download": W("ดาวน์โหลด", "Download"),
    "daily_report": W("รายงานประจำวัน", "Daily report"),
    "satisfaction_report": W("รายงานความพึงพอใจรายไตรมาส", "Quarterly satisfaction report"),
    "cases_report": W("รายงานเรื่องส่งต่อและเรื่องร้องเรียน", "Cases and complaints report"),
    "due": W("กำหนดส่งจังหวัด", "Due to the province"),
    "due_soon": W(
        "รายงานความพึงพอใจ {quarter} กำหนดส่งจังหวัด {date} (อีก {days} วัน)",
        "The satisfaction report of {quarter} is due at the province on {date} ({days} days)",
    ),
    "province_sync": W("ส่งข้อมูลให้จังหวัดล่าสุด", "Last sent to the province"),
    "not_set": W("ไม่ได้ตั้งค่า", "Not set up"),
    "never": W("ยังไม่เคยส่ง", "Never"),
    "unreachable": W("ติดต่อฐานข้อมูลจังหวัดไม่ได้", "The province's database cannot be reached"),
    "date": W("วันที่", "Date"),
    "quarter": W("ไตรมาส", "Quarter"),
    "fiscal_year": W("ปีงบประมาณ", "Fiscal year"),
    "from": W("ตั้งแต่", "From"),
    "to": W("ถึง", "To"),
    "who": W("ผู้แก้ไข", "Who"),
    "what": W("การแก้ไข", "What"),
    "target": W("รายการ", "Record"),
    "before": W("ก่อน", "Before"),
    "after": W("หลัง", "After"),
    "bad_date": W("วันที่ไม่ถูกต้อง (ปปปป-ดด-วว)", "Not a date (YYYY-MM-DD)"),
    "clerk": W("เจ้าหน้าที่", "Clerk"),
    "supervisor": W("หัวหน้าศูนย์", "Supervisor"),
    "admin": W("ผู้ดูแลระบบ", "Admin"),
    "break": W("พักเบรก", "Break"),
    "meeting": W("ประชุม", "Meeting"),
    "system": W("ระบบขัดข้อง", "System problem"),
    "other": W("อื่น ๆ", "Other"),
    "live": W("อัปเดตอัตโนมัติ", "Updates live"),
    "include_closed": W("รวมเรื่องที่ปิดแล้ว", "Include closed"),
    "no_calls": W("วันนี้ยังไม่มีการเรียกคิว", "No calls yet today"),
    "forgot_pin": W("ลืม PIN? ติดต่อหัวหน้าศูนย์", "Forgot the PIN? Ask the supervisor"),
    "counter_id": W("รหัส", "id"),
    "date_hint": W("วัน/เดือน/ปี พ.ศ. เช่น 5/12/2569", "day/month/year (BE), e.g. 5/12/2569"),
    "save_hours": W("บันทึกเวลาทำการและวันหยุด", "Save hours and holidays"),
    "withdraw_title": W("ถอนบริการนี้", "Withdraw this service"),
    "prefix_short": W("อักษร", "Letter"),
    "role_server": W("เซิร์ฟเวอร์คิว", "Queue server"),
    "role_kiosk": W("ตู้กดบัตรคิว", "Kiosk"),
    "role_display": W("จอเรียกคิว", "Display"),
    "role_counter": W("ช่องบริการ", "Counter"),
    "role_rating": W("จอประเมินความพึงพอใจ", "Rating tablet"),
    "catalog": W("รายการบริการ", "Catalog"),
    "categories": W("หมวดบริการ", "Categories"),
    "services": W("บริการ", "Services"),
    "add_service": W("เพิ่มบริการ", "Add a service"),
    "add_category": W("เพิ่มหมวดบริการ", "Add a category"),
    "rename_category": W("แก้ชื่อหมวด", "Rename the category"),
    "category_id": W("รหัสหมวด (อังกฤษพิมพ์เล็ก)", "Category id (lower case)"),
    "edit": W("แก้ไข", "Edit"),
    "withdraw": W("ถอนบริการออกจากรายการ", "Withdraw the service"),
    "withdraw_hint": W(
        "คิวที่ออกไปแล้ววันนี้ยังให้บริการได้ตามปกติ และรายการเดิมถูกเก็บไว้",
        "Tickets already issued today are still served; the old catalog is kept",
    ),
    "withdrawn": W("ถอนออกแล้ว", "Withdrawn"),
    "code": W("รหัสบริการ (อังกฤษ)", "Service code"),
    "code_hint": W(
        "ใช้อักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด (-) · ตั้งแล้วแก้ไม่ได้",
        "Lower case letters, digits and -; it cannot change later",
    ),
    "prefix": W("อักษรนำหน้าคิว", "Ticket letter"),
    "name_th": W("ชื่อบริการ (ไทย)", "Name (Thai)"),
    "name_en": W("ชื่อบริการ (อังกฤษ)", "Name (English)"),
    "agency_th": W("หน่วยงานเจ้าของเรื่อง (ไทย)", "Owning agency (Thai)"),
    "agency_en": W("หน่วยงานเจ้าของเรื่อง (อังกฤษ)", "Owning agency (English)"),
    "typical_minutes": W("เวลาให้บริการโดยประมาณ (นาที)", "Typical minutes at the counter"),
    "eservice_url": W("ลิงก์บริการออนไลน์ (e-Service)", "E-service link"),
    "documents": W("เอกสารที่ต้องนำมา", "Documents to bring"),
    "doc_th": W("ชื่อเอกสาร (ไทย)", "Document (Thai)"),
    "doc_en": W("ชื่อเอกสาร (อังกฤษ)", "Document (English)"),
    "service_category": W("หมวดบริการ", "Category"),
    "zero_copy": W("ต้องใช้สำเนาหรือไม่ (Zero-Copy)", "Copy needed? (Zero-Copy)"),
    "copies_asked": W("ต้องใช้สำเนา {n} รายการ", "{n} still ask for a copy"),
    "manual": W("คู่มือสำหรับประชาชน", "Citizens' manual"),
    "steps": W("ขั้นตอน (บรรทัดละขั้น: ไทย | English)", "Steps (one a line: Thai | English)"),
    "fee_baht": W("ค่าธรรมเนียม (บาท)", "Fee (baht)"),
    "fee_note_th": W("หมายเหตุค่าธรรมเนียม (ไทย)", "Fee note (Thai)"),
    "fee_note_en": W("หมายเหตุค่าธรรมเนียม (อังกฤษ)", "Fee note (English)"),
    "standard_minutes": W("ระยะเวลามาตรฐานที่ศูนย์ (นาที)", "Standard minutes here"),
    "standard_days": W("ระยะเวลามาตรฐานที่หน่วยงาน (วัน)", "Standard days at the agency"),
    "unit_th": W("หน่วยงานที่รับผิดชอบ (ไทย)", "Responsible unit (Thai)"),
    "unit_en": W("หน่วยงานที่รับผิดชอบ (อังกฤษ)", "Responsible unit (English)"),
    "checked": W("ตรวจสอบตรงกับคู่มือสำหรับประชาชนแล้ว", "Checked against the citizens' manual"),
    "not_checked": W("ยังไม่ได้ตรวจสอบกับคู่มือ", "Not yet checked against the manual"),
    "conflict": W(
        "มีผู้อื่นบันทึกบริการนี้ไปก่อนหน้า ข้อมูลของท่านยังไม่ถูกบันทึก เปิดหน้านี้ใหม่แล้วแก้อีกครั้ง",
        "Someone saved this service after you opened it: yours is not saved. Open it and redo",
    ),
    "not_saved": W(
        "ยังไม่ได้บันทึก กรุณาแก้ช่องที่มีข้อความสีแดง", "Not saved: correct the fields marked in red"
    ),
    "none_doc": W("(ไม่มี)", "(none)"),
    "setup": W("ตั้งค่าศูนย์", "Centre setup"),
    "hours": W("เวลาทำการและวันหยุด", "Opening hours and holidays"),
    "counters_setup": W("ช่องบริการและงานที่ให้บริการ", "Counters and what they serve"),
    "priority": W("ลำดับคิวผู้สูงอายุ ผู้พิการ สตรีมีครรภ์ และพระสงฆ์", "Priority tickets"),
    "mon": W("จันทร์", "Monday"),
    "tue": W("อังคาร", "Tuesday"),
    "wed": W("พุธ", "Wednesday"),
    "thu": W("พฤหัสบดี", "Thursday"),
    "fri": W("ศุกร์", "Friday"),
    "sat": W("เสาร์", "Saturday"),
    "sun": W("อาทิตย์", "Sunday"),
    "intervals_hint": W(
        "ช่วงเวลา เช่น 08:30-16:30 หรือ 08:30-12:00, 13:00-16:30 · ถ้าเว้นว่าง วันนั้นไม่เปิดให้บริการ",
        "e.g. 08:30-16:30 or 08:30-12:00, 13:00-16:30 · empty: closed that day",
    ),
    "stop_issuing_minutes": W("หยุดออกบัตรคิวก่อนปิด (นาที)", "Stop issuing before closing (min)"),
    "holidays": W("วันหยุด", "Holidays"),
    "remove": W("ลบ", "Remove"),
    "add_holiday": W("เพิ่มวันหยุด", "Add a holiday"),
    "holiday_name": W("ชื่อวันหยุด", "Holiday"),
    "import_holidays": W("นำเข้าวันหยุดราชการทั้งปี", "Import a year's public holidays"),
    "year_be": W("ปี พ.ศ.", "Year (BE)"),
    "import": W("นำเข้า", "Import"),
    "imported": W("เพิ่มวันหยุด {n} วัน", "{n} holidays added"),
    "bad_year": W("ปีไม่ถูกต้อง (เช่น 2570)", "Not a year (e.g. 2570)"),
    "serves_categories": W("ให้บริการทั้งหมวด", "Serves whole categories"),
    "serves_services": W("บริการเพิ่มเติมรายรายการ", "Single services besides"),
    "serves_all_hint": W(
        "ถ้าไม่เลือกหมวดหรือบริการใดเลย ช่องนี้รับทุกบริการ", "Nothing ticked: serves every service"
    ),
    "counter_name_th": W("ชื่อช่อง (ไทย)", "Counter name (Thai)"),
    "counter_name_en": W("ชื่อช่อง (อังกฤษ)", "Counter name (English)"),
    "policy": W("วิธีเรียกคิว", "Policy"),
    "strict": W("เรียกคิวพิเศษก่อนเสมอ", "Priority tickets always first"),
    "ratio": W("สลับกับคิวปกติ", "Take turns with the others"),
    "ageing": W("นับเวลารอของคิวพิเศษเป็นหลายเท่า", "A priority wait counts more"),
    "ratio_n": W(
        "สลับ: เรียกคิวพิเศษติดกันได้ไม่เกิน (คิว) แล้วสลับคิวปกติ",
        "Take turns: at most this many priority calls in a row",
    ),
    "ageing_n": W(
        "นับเวลารอ: เวลารอของคิวพิเศษนับเป็น (เท่า)",
        "Counts more: a priority wait counts this many times",
    ),
    "site_settings": W("ข้อมูลศูนย์และการเก็บข้อมูล", "Centre details and retention"),
    "section_site": W("ชื่อศูนย์", "The centre's name"),
    "section_reports": W("กำหนดส่งรายงานความพึงพอใจ", "When the satisfaction report is due"),
    "section_retention": W("ระยะเวลาเก็บข้อมูล", "How long data is kept"),
    "site_id": W("รหัสศูนย์", "Site id"),
    "site_id_hint": W(
        "เปลี่ยนได้ทางไฟล์ site.yaml และต้องเริ่มระบบใหม่", "Changed in site.yaml, with a restart"
    ),
    "centre_name_th": W("ชื่อศูนย์ (ไทย)", "Name (Thai)"),
    "centre_name_en": W("ชื่อศูนย์ (อังกฤษ)", "Name (English)"),
    "short_name_th": W("ชื่อย่อ (ไทย)", "Short name (Thai)"),
    "short_name_en": W("ชื่อย่อ (อังกฤษ)", "Short name (English)"),
    "quarterly_due": W("ส่งรายงานภายใน", "Due"),
    "due_quarter_end": W("เดือนสุดท้ายของไตรมาส", "In the quarter's last month"),
    "due_month_after": W("เดือนถัดจากไตรมาส", "In the month after the quarter"),
    "due_day": W("วันที่ของเดือน", "Day of the month"),
    "remind_days": W("เตือนล่วงหน้า (วัน)", "Remind this many days before"),
    "retention_days": W("เก็บคิวและคะแนน (วัน)", "Keep tickets and scores (days)"),
    "comments_days": W("เก็บข้อความที่ประชาชนเขียน (วัน)", "Keep what citizens wrote (days)"),
    "priority_hint": W(
        "คิวพิเศษ: ผู้สูงอายุ ผู้พิการ สตรีมีครรภ์ และพระสงฆ์ (ไม่ต้องแจ้งเหตุผลหรือแสดงหลักฐาน)",
        "Priority: older people, disabled people, pregnant women, monks (no reason or proof asked)",
    ),
    "nobody_else": W("บริการอื่นอีก {n} รายการไม่มีผู้รอ", "{n} other services: nobody waiting"),
    "total_waiting": W("รอทั้งหมด", "Waiting in all"),
    "nobody_at_all": W("ขณะนี้ไม่มีผู้รอคิว", "Nobody is waiting"),
}


# What `bus.fleet` says of a device, in Thai (its English stays for the admin's details).
PROBLEMS = [
    ("never connected", "ยังไม่เคยเชื่อมต่อ"),
    ("printer out of paper", "เครื่องพิมพ์บัตรคิวกระดาษหมด"),
    ("printer paper low", "กระดาษเครื่องพิมพ์ใกล้หมด"),
    ("printer offline", "เครื่องพิมพ์บัตรคิวไม่ตอบสนอง"),
    ("no queue server seen", "ไม่พบเซิร์ฟเวอร์คิว"),
    ("voice clips missing", "ไฟล์เสียงเรียกคิวไม่ครบ (ใช้เสียงกริ่งแทน)"),
    ("rate limit", "ส่งคำขอถี่เกินกำหนด"),
    ("offline", "ออฟไลน์"),
]


def problem_words(problem: str, lang: str) -> str:
    """A device's problem as staff read it: Thai where the words are known."""
    if lang == "en":
        return problem
    said = []
    for part in problem.split("; "):
        thai = next((th for en, th in PROBLEMS if en in part), None)
        said.append(thai if thai else part)
    return "; ".join(said)


# What the config models say of a wrong field (the words of `oss-queue config check`), in
# Thai for the console: (the start of the English message, the Thai).
FIELD_WORDS = [
    ("Input should be a valid number", "ต้องเป็นตัวเลข"),
    ("Input should be a valid integer", "ต้องเป็นจำนวนเต็ม"),
    ("Input should be greater than or equal to", "น้อยเกินไป"),
    ("Input should be greater than", "ต้องมากกว่านี้"),
    ("Input should be less than or equal to", "มากเกินไป"),
    ("Input should be less than", "มากเกินไป"),
    ("Input should be a valid URL", "ลิงก์ไม่ถูกต้อง (ขึ้นต้นด้วย https://)"),
    ("URL scheme should be", "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://"),
    ("String should have at least", "กรุณากรอกช่องนี้"),
    ("String should have at most", "ยาวเกินไป"),
    ("String should match pattern", "รูปแบบไม่ถูกต้อง"),
    ("Field required", "กรุณากรอกช่องนี้"),
    ("Input should be a valid date", "วันที่ไม่ถูกต้อง"),
    ("Input should be", "ค่าที่เลือกไม่ถูกต้อง"),
    ("intervals overlap", "ช่วงเวลาซ้อนกัน"),
    ("is not an interval like", "ช่วงเวลาไม่ถูกต้อง (เช่น 08:30-16:30)"),
    ("ends before it starts", "เวลาสิ้นสุดอยู่ก่อนเวลาเริ่ม"),
]


def field_words(message: str, lang: str) -> str:
    """A field's problem in the page's language (Thai where the words are known)."""
    if lang == "en":
        return message
    return next((th for en, th in FIELD_WORDS if en in message), message)


def word(key: str, lang: str) -> str:
    text = WORDS[key]
    return text.en if lang == "en" else text.th
