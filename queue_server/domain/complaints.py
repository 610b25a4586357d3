"""Complaints and suggestions (seed 004, item 4: Citizen Feedback), and their register.

A citizen leaves one on the rating form (tablet or kiosk) or a clerk writes it
down at the counter: a complaint or a suggestion, its category, what was said
(scrubbed of phone and ID numbers where it is typed and again here), and only
with the citizen's consent a phone number to answer them. The supervisor moves
it on:

    new → acknowledged → answered → closed

with an answer; a step may be skipped, never taken back. Complaints are kept
until they are closed, whatever the ratings' retention; the contact goes when
the complaint is closed. Anything beyond the centre goes to the national line
1111 (สายด่วนรัฐบาล), which every form shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .catalog import Text
from .errors import DomainError, ErrorCode
from .personal_data import consented_contact, scrub
from .service_day import service_day_of

MAX_TEXT = 1000
COMPLAINT_MARK = "ร"  # ร้องเรียน: ร-2569-000012
NATIONAL_LINE = "1111"
NATIONAL_LINE_URL = "https://1111.go.th"


class Kind(StrEnum):
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"


class Category(StrEnum):
    STAFF = "staff"  # staff conduct
    WAITING = "waiting"
    DOCUMENTS = "documents"
    FACILITIES = "facilities"  # building and facilities
    OTHER = "other"


class Status(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    CLOSED = "closed"


KIND_NAMES = {
    Kind.COMPLAINT: Text("ร้องเรียน", "Complaint"),
    Kind.SUGGESTION: Text("ข้อเสนอแนะ", "Suggestion"),
}
CATEGORY_NAMES = {
    Category.STAFF: Text("การให้บริการของเจ้าหน้าที่", "Staff conduct"),
    Category.WAITING: Text("การรอคิว", "Waiting"),
    Category.DOCUMENTS: Text("เอกสารและขั้นตอน", "Documents and steps"),
    Category.FACILITIES: Text("อาคารและสิ่งอำนวยความสะดวก", "Building and facilities"),
    Category.OTHER: Text("อื่น ๆ", "Other"),
}
STATUS_NAMES = {
    Status.NEW: Text("รับเรื่องใหม่", "New"),
    Status.ACKNOWLEDGED: Text("รับทราบแล้ว", "Acknowledged"),
    Status.ANSWERED: Text("ตอบแล้ว", "Answered"),
    Status.CLOSED: Text("ปิดเรื่อง", "Closed"),
}
ORDER = list(Status)


def checked_text(text: str) -> str:
    """What was said, without the numbers and addresses that could tell who said it."""
    said = scrub(" ".join(text.split()))
    if not said or len(said) > MAX_TEXT:
        raise DomainError(
            ErrorCode.INVALID_COMPLAINT, f"say what happened in 1 to {MAX_TEXT} characters"
        )
    return said


@dataclass
class Complaint:
    reference: str
    kind: Kind
    category: Category
    text: str
    received_at: datetime
    service_day: date
    source: str  # the device it came from: kiosk-1, rating-2, counter-3
    number: str | None = None  # the ticket it is about, if the citizen gave it
    contact: str | None = None
    status: Status = Status.NEW
    answer: str | None = None
    updated_at: datetime | None = None
    closed_at: datetime | None = None
    history: list[tuple[datetime, str, Status]] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status is not Status.CLOSED

    def age_days(self, today: date) -> int:
        until = service_day_of(self.closed_at) if self.closed_at else today
        return max(0, (until - self.service_day).days)

    def advance(self, to: Status, staff: str, now: datetime, answer: str | None) -> None:
        """On to ``to`` (never back); an answer is needed to answer; the contact goes at close."""
        if ORDER.index(to) <= ORDER.index(self.status):
            raise DomainError(
                ErrorCode.COMPLAINT_STATUS_ORDER,
                f"{self.reference} is {self.status.value}: it cannot become {to.value}",
            )
        if answer is not None:
            self.answer = checked_text(answer)
        if to is Status.ANSWERED and not self.answer:
            raise DomainError(ErrorCode.INVALID_COMPLAINT, "write the answer given")
        self.status, self.updated_at = to, now
        if to is Status.CLOSED:
            self.closed_at, self.contact = now, None
        self.history.append((now, staff, to))


def receive(
    *,
    reference: str,
    kind: Kind,
    category: Category,
    text: str,
    source: str,
    now: datetime,
    today: date,
    number: str | None = None,
    contact: str | None = None,
    consent: bool = False,
) -> Complaint:
    return Complaint(
        reference=reference,
        kind=kind,
        category=category,
        text=checked_text(text),
        received_at=now,
        service_day=today,
        source=source,
        number=number,
        contact=consented_contact(contact, consent),
        history=[(now, source, Status.NEW)],
    )
