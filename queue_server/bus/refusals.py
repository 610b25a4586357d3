"""What staff and citizens read when the server refuses a request (by contract code).

Screens, the CLI and the centre console say a refusal in the same words."""

from __future__ import annotations

from queue_server.domain.catalog import Text

# Every code a reply can carry that a person may meet at a screen; the codes of a
# malformed message (a bug, not a person) show the server's own words.
REFUSALS: dict[str, Text] = {
    "queue_empty": Text("ไม่มีผู้รอคิวสำหรับช่องนี้", "Nobody is waiting for this counter"),
    "counter_busy": Text(
        "ช่องนี้ยังมีคิวค้างอยู่ ให้จบ พัก หรือโอนคิวก่อน",
        "This counter still has a ticket: complete, park or transfer it first",
    ),
    "counter_closed": Text("ช่องบริการปิดอยู่ กดเปิดช่องก่อน", "The counter is closed: open it first"),
    "counter_paused": Text("ช่องบริการพักอยู่ กดกลับมาให้บริการก่อน", "The counter is paused: resume first"),
    "counter_not_paused": Text("ช่องบริการไม่ได้พักอยู่", "The counter is not paused"),
    "no_current_ticket": Text("ยังไม่มีคิวที่ช่องนี้", "No ticket at this counter"),
    "recall_limit": Text("เรียกซ้ำครบจำนวนแล้ว", "Recalled the maximum number of times"),
    "ticket_not_called": Text(
        "คิวนี้เปลี่ยนสถานะไปแล้ว (ช่องอื่นอาจรับไปแล้ว)",
        "That ticket has moved on (another counter may have taken it)",
    ),
    "ticket_not_serving": Text("คิวนี้ไม่ได้อยู่ที่ช่องนี้แล้ว", "That ticket is no longer at this counter"),
    "ticket_not_parked": Text(
        "คิวนี้ถูกเรียกกลับไปแล้ว (ช่องอื่นรับไปแล้ว)",
        "That parked ticket was already taken back by another counter",
    ),
    "ticket_not_at_counter": Text("คิวนี้ไม่ได้อยู่ที่ช่องนี้", "That ticket is not at this counter"),
    "service_not_served": Text("ช่องนี้ไม่ได้ให้บริการงานนี้", "This counter does not serve that service"),
    "same_service": Text("คิวนี้อยู่ในงานนี้อยู่แล้ว", "The ticket is already for that service"),
    "unknown_ticket": Text("ไม่พบหมายเลขคิวนี้ในวันนี้", "No ticket with that number today"),
    "ticket_expired": Text("บัตรคิวนี้ใช้ได้เฉพาะวันที่ออกบัตร", "This ticket was for an earlier day"),
    "unknown_service": Text("ไม่มีบริการนี้ในรายการ", "That service is not in the catalog"),
    "service_closed": Text("ขณะนี้ปิดรับบัตรคิว", "Tickets are not being issued now"),
    "numbers_exhausted": Text("หมายเลขคิววันนี้เต็มแล้ว", "No numbers left today for this queue"),
    "not_signed_in": Text("กรุณาเข้าสู่ระบบใหม่", "Please sign in again"),
    "wrong_pin": Text("รหัสเจ้าหน้าที่หรือ PIN ไม่ถูกต้อง", "Unknown staff code or wrong PIN"),
    "too_many_attempts": Text(
        "ลงชื่อเข้าใช้ผิดหลายครั้ง กรุณารอสักครู่แล้วลองใหม่",
        "Too many wrong sign-ins: wait a moment and try again",
    ),
    "rate_limited": Text("ส่งคำขอถี่เกินไป กรุณารอสักครู่", "Too many requests: wait a moment"),
    "invalid_args": Text(
        "ข้อมูลไม่ถูกต้อง กรุณาตรวจสอบแล้วลองใหม่", "Please check what you entered and try again"
    ),
    "internal_error": Text("ระบบขัดข้อง กรุณาติดต่อเจ้าหน้าที่", "Something went wrong: please ask staff"),
    "ticket_not_waiting": Text("คิวนี้ไม่ได้รออยู่", "That ticket is not waiting"),
    "unknown_counter": Text("ไม่มีช่องบริการนี้", "There is no such counter"),
    "invalid_pause_reason": Text("เหตุผลการพักไม่ถูกต้อง", "Choose a reason to pause"),
    "ticket_not_served": Text("คิวนี้ยังไม่ได้รับบริการ", "This ticket has not been served yet"),
    "already_rated": Text("คิวนี้ให้คะแนนแล้ว ขอบคุณค่ะ", "This ticket was already rated. Thank you"),
    "rating_closed": Text("หมดเวลาให้คะแนนคิวนี้แล้ว", "The time to rate this ticket has passed"),
    "invalid_scores": Text("คะแนนไม่ครบ", "Some answers are missing"),
    "storage_unavailable": Text(
        "ระบบฐานข้อมูลขัดข้องชั่วคราว กำลังลองใหม่", "The database is briefly unavailable; retrying"
    ),
    "timeout": Text(
        "ติดต่อเซิร์ฟเวอร์ไม่ได้ กรุณาติดต่อผู้ดูแลระบบ", "Cannot reach the server: call the administrator"
    ),
    "forbidden": Text("เครื่องนี้ไม่มีสิทธิ์ทำรายการนี้", "This device may not do that"),
    "outcome_recorded": Text("บันทึกผลของคิวนี้ไว้แล้ว", "This ticket's outcome is already recorded"),
    "unknown_case": Text("ไม่พบเลขที่เรื่องนี้", "No case with that reference"),
    "unknown_agency": Text(
        "ไม่มีหน่วยงานนี้ในรายการ ให้ผู้ดูแลเพิ่มในรายการบริการก่อน",
        "That agency is not in the catalog: ask the supervisor to add it",
    ),
    "invalid_case": Text("ข้อมูลเรื่องส่งต่อไม่ถูกต้อง", "Please check the forwarded case's details"),
    "invalid_contact": Text(
        "เบอร์ติดต่อกลับต้องเป็นเบอร์โทรไทย และเก็บได้เมื่อผู้ยื่นยินยอมเท่านั้น",
        "A contact is a Thai phone number, kept only with the citizen's consent",
    ),
    "unknown_complaint": Text("ไม่พบเลขที่เรื่องร้องเรียนนี้", "No complaint with that reference"),
    "invalid_complaint": Text(
        "กรุณาเขียนเรื่องที่ต้องการแจ้ง (ไม่เกิน 1,000 ตัวอักษร)",
        "Please write what happened (at most 1,000 characters)",
    ),
    "complaint_status_order": Text("เปลี่ยนสถานะย้อนหลังไม่ได้", "A complaint's status cannot go back"),
    "case_status_order": Text(
        "เปลี่ยนสถานะย้อนหลังหรือข้ามขั้นนี้ไม่ได้", "A case's status cannot go back or skip that step"
    ),
}


# Refusals that lift by themselves: said with the real wait the server gives.
WAITED = {
    "too_many_attempts": Text("ลงชื่อเข้าใช้ผิดหลายครั้ง", "Too many wrong sign-ins"),
    "rate_limited": Text("ส่งคำขอถี่เกินไป", "Too many requests"),
}


def refusal(code: str, message: str = "", retry_after: int | None = None) -> Text:
    """The wording for a refusal; an unknown code shows the server's own message."""
    if code in WAITED and retry_after:
        what, wait = WAITED[code], wait_words(retry_after)
        return Text(
            f"{what.th} กรุณารอ {wait.th} แล้วลองใหม่", f"{what.en}: wait {wait.en} and try again"
        )
    return REFUSALS.get(code, Text(f"ทำรายการไม่สำเร็จ ({code})", message or code))


def wait_words(seconds: int) -> Text:
    """45 วินาที, 2 นาที: a wait as a person says it (minutes rounded up)."""
    if seconds < 60:
        return Text(f"{seconds} วินาที", f"{seconds} s")
    minutes = -(-seconds // 60)
    return Text(f"{minutes} นาที", f"{minutes} min")
