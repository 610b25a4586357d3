"""What a citizen's phone says of their ticket, in Thai and English.

The wait is said in the board's and the ticket's own words (domain.wait_words);
case statuses as the slip and the console name them. ``ticket_words`` is the
one place a view becomes words: the page's first paint and every live update
are made by it, so they cannot disagree.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from queue_server.config import Site
from queue_server.domain.cases import CHANNEL_NAMES, STATUS_NAMES, CaseStatus, Channel
from queue_server.domain.catalog import Text
from queue_server.domain.wait_words import people_ahead, wait_range
from queue_server.following import finished
from thaitext.words import WORD_JOINER, for_browser, thai_date

# The phone page's style, inline (one request fewer before the first paint on a slow
# line), allowed by its hash in the Content-Security-Policy.
PHONE_STYLE = (Path(__file__).with_name("static") / "phone.css").read_text(encoding="utf-8")
PHONE_STYLE_HASH = b"sha256-" + base64.b64encode(hashlib.sha256(PHONE_STYLE.encode()).digest())

W = Text
PHONE_WORDS: dict[str, Text] = {
    "title": W("คิวของท่าน", "Your ticket"),
    "your_number": W("หมายเลขคิวของท่าน", "Your number"),
    "waiting": W("กำลังรอเรียก", "Waiting to be called"),
    "called": W("ถึงคิวของท่านแล้ว", "It is your turn"),
    "go_to": W("เชิญที่", "Please go to "),  # the counter's name follows
    "recalled": W("เรียกซ้ำ ครั้งที่ {n}", "Called again ({n})"),
    "serving": W("กำลังรับบริการที่", "Being served at "),
    "parked": W(
        "เจ้าหน้าที่พักคิวของท่านไว้ชั่วคราว กรุณารอเรียกอีกครั้ง",
        "Staff set your ticket aside for a moment: you will be called again",
    ),
    "transferred": W("ย้ายไปรอบริการ {service}", "Moved to the queue for {service}"),
    "done": W("รับบริการเรียบร้อยแล้ว ขอบคุณที่มาใช้บริการ", "Served. Thank you for coming"),
    "no_show": W(
        "เรียกแล้วแต่ไม่พบท่าน หากยังอยู่ที่ศูนย์ กรุณาติดต่อเจ้าหน้าที่",
        "You were called but not found: if you are still here, please see the staff",
    ),
    "cancelled": W("คิวนี้ถูกยกเลิก", "This ticket was cancelled"),
    "closed": W("บัตรคิววันที่ {date}", "Ticket of {date}"),
    "sound_on": W("เปิดเสียงและการสั่นเมื่อถึงคิว", "Chime and vibrate when I am called"),
    "sound_ready": W("โทรศัพท์จะมีเสียงและสั่นเมื่อถึงคิว", "Your phone will chime and vibrate"),
    "keep_open": W(
        "เปิดหน้าจอนี้ค้างไว้ และคอยดูจอเรียกคิวด้วย (เมื่อปิดหน้าจอ โทรศัพท์จะไม่แจ้ง)",
        "Keep this screen on, and watch the board too (a phone with its screen off cannot call)",
    ),
    "reconnecting": W("กำลังเชื่อมต่อใหม่…", "Reconnecting…"),
    "rate_title": W("ประเมินความพึงพอใจ", "Rate our service"),
    "rate_hint": W(
        "ใช้เวลาไม่ถึงหนึ่งนาที ไม่มีการบันทึกชื่อหรือเบอร์โทร",
        "Less than a minute; no name or phone number is kept",
    ),
    "rate_send": W("ส่งคำตอบ", "Send"),
    "rate_missing": W("กรุณาตอบทุกข้อ", "Please answer every question"),
    "rated": W("ขอบคุณสำหรับการประเมิน", "Thank you for rating us"),
    "rate_closed": W("หมดเวลาประเมินสำหรับคิวนี้แล้ว", "This ticket can no longer be rated"),
    "case": W("เรื่องที่ส่งต่อหน่วยงาน", "Your forwarded case"),
    "case_ref": W("เลขที่เรื่อง", "Reference"),
    "agency": W("หน่วยงาน", "Agency"),
    "channel": W("ส่งทาง", "Sent through"),
    "agency_ref": W("เลขที่ของหน่วยงาน", "Agency's reference"),
    "sent_on": W("วันที่ส่ง", "Sent on"),
    "case_status": W("สถานะ", "Status"),
    "usually": W("โดยปกติใช้เวลา {n} วัน", "Usually takes {n} days"),
    "unknown": W(
        "ไม่พบบัตรคิวนี้ กรุณาสแกน QR จากบัตรคิวของศูนย์อีกครั้ง",
        "No ticket has this address: please scan the QR on your ticket again",
    ),
    "expired": W(
        "บัตรคิวนี้ใช้ได้เฉพาะวันที่ออกบัตร หากต้องการรับบริการ กรุณารับบัตรคิวใหม่ที่ตู้",
        "This ticket was for an earlier day: take a new one at the kiosk",
    ),
    "throttled": W(
        "เปิดหน้านี้ถี่เกินไป หน้านี้จะลองใหม่เองใน {n} วินาที",
        "Too many requests: this page tries again by itself in {n} seconds",
    ),
    "form_stale": W(
        "แบบฟอร์มนี้หมดอายุแล้ว กรุณาเปิดหน้าคิวของท่านใหม่แล้วตอบอีกครั้ง",
        "This form is out of date: open your ticket's page again and answer once more",
    ),
    "busy": W(
        "มีผู้ติดตามคิวมากเกินไปในขณะนี้ กรุณาดูจอเรียกคิว",
        "Too many phones follow the queue now: please watch the board",
    ),
    "form_too_large": W("ข้อมูลที่ส่งมายาวเกินไป", "What was sent is too long"),
    "error": W("ขออภัย ระบบขัดข้องชั่วคราว กรุณาลองใหม่", "Sorry, something went wrong: please try again"),
    "no_personal_data": W("หน้านี้ไม่มีข้อมูลส่วนบุคคล", "This page holds no personal data"),
    "privacy": W(
        "หน้านี้ไม่มีข้อมูลส่วนบุคคล และแสดงเฉพาะคิวของท่าน",
        "This page holds no personal data and shows only your ticket",
    ),
    "centre_now": W("คิวที่ศูนย์ขณะนี้", "Queues at the centre now"),
    "centre_closed": W("ขณะนี้ปิดรับบัตรคิว", "Not issuing tickets now"),
    "centre_hint": W(
        "รับบัตรคิวที่ตู้ แล้วสแกน QR บนบัตรเพื่อติดตามคิวของท่าน",
        "Take a ticket at the kiosk, then scan its QR to follow your turn",
    ),
    "no_queue": W("ขณะนี้ไม่มีผู้รอ", "Nobody is waiting now"),
    "as_of": W("ข้อมูลเมื่อ {time} น.", "As of {time}"),
    "other_lang": W("English", "ภาษาไทย"),
}


def day_words(day: date, lang: str) -> str:
    """7 ธ.ค. 2569 (Buddhist era) in Thai, 7 Dec 2026 in English."""
    moment = day if isinstance(day, datetime) else datetime.combine(day, time(12))
    return thai_date(moment, False) if lang == "th" else f"{moment.day} {moment:%b %Y}"


def unbroken(text: str) -> str:
    """``text`` kept on one line by any browser (a counter's name: ช่องบริการ 2)."""
    return WORD_JOINER.join(text.replace(" ", "\u00a0"))


def say(key: str, lang: str, **values: Any) -> str:
    """A phrase of the phone pages, its line breaks marked for the browser."""
    text = PHONE_WORDS[key].in_lang(lang)
    return for_browser(text.format(**values) if values else text)


def said(text: Text, lang: str) -> str:
    """Anything bilingual (a service's name, the wait in the board's words), marked."""
    return for_browser(text.in_lang(lang))


def service_name(site: Site, code: str) -> Text:
    """The catalog's name; a service withdrawn since shows by its code."""
    return site.catalog.get(code).name if code in site.catalog else Text(code, code)


def ticket_words(view: Mapping[str, Any], site: Site, lang: str) -> dict[str, Any]:
    """Everything the ticket's page shows of ``view`` (``ticket.follow``'s result in its
    wire form), as words: its first paint and each live update."""
    named = view["counter_name"]
    counter = unbroken(named.in_lang(lang) if named else (view["counter"] or ""))
    state = view["state"]
    words: dict[str, Any] = {
        "number": view["number"],
        "service": said(service_name(site, view["service"]), lang),
        "state": state,
        "finished": finished(state),
        "headline": "",
        "detail": "",
        "ahead": "",
        "wait": "",
    }
    if state in ("waiting", "transferred"):
        words["headline"] = say("waiting", lang)
        if state == "transferred":
            name = service_name(site, view["service"]).in_lang(lang)
            words["detail"] = say("transferred", lang, service=name)
        if view["people_ahead"] is not None:
            words["ahead"] = said(people_ahead(view["people_ahead"]), lang)
        words["wait"] = said(wait_range(view["wait_minutes"]), lang)
    elif state == "called":
        words["headline"] = say("called", lang)
        words["ahead"] = say("go_to", lang) + counter
        if view["recall"]:
            words["detail"] = say("recalled", lang, n=view["recall"])
    elif state == "serving":
        words["headline"] = say("serving", lang) + counter
    elif state == "parked":
        words["headline"] = say("parked", lang)
    elif state == "closed":
        issued = datetime.fromisoformat(view["issued_at"]).astimezone(site.rules().hours.zone)
        words["headline"] = say("closed", lang, date=day_words(issued, lang))
    else:  # done, no_show, cancelled
        words["headline"] = say(state, lang)
    return words


def case_words(view: Mapping[str, Any], lang: str) -> list[tuple[str, str]] | None:
    """A forwarded case's rows (label, value), or None without one."""
    case = view["case"]
    if case is None:
        return None
    rows = [
        (say("case_ref", lang), case["reference"]),
        (say("case_status", lang), said(STATUS_NAMES[CaseStatus(case["status"])], lang)),
        (say("agency", lang), for_browser(case["agency"])),
        (say("channel", lang), said(CHANNEL_NAMES[Channel(case["channel"])], lang)),
        (say("sent_on", lang), day_words(date.fromisoformat(case["sent_on"]), lang)),
    ]
    if case["agency_ref"]:
        rows.append((say("agency_ref", lang), case["agency_ref"]))
    rows.append(("", say("usually", lang, n=case["standard_days"])))
    return rows
