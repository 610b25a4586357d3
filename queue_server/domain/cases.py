"""What became of a citizen's request, and the forwarded cases the centre follows.

Seed 000's first kind of service is รับเรื่อง-ส่งต่อ: the centre takes a request it
cannot finish and sends it to the agency that owns it, then follows it until the
citizen has the answer. When a counter completes a ticket it records the outcome
once; a forwarded one opens a case with its own reference (``ส-2569-000123``),
which the citizen takes away on a slip and staff move through its statuses:

    sent → received → in progress → done | refused → citizen informed

A step may be skipped (an agency that answers at once) but never taken back. A
case holds nothing about the person, except a contact phone the citizen agreed to
leave, which is removed when the citizen has been informed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .catalog import Text
from .errors import DomainError, ErrorCode
from .personal_data import consented_contact, scrub
from .service_day import service_day_of
from .tickets import Ticket, TicketState


class Outcome(StrEnum):
    DONE_HERE = "done_here"  # finished at the counter
    FORWARDED = "forwarded"  # sent to the owning agency: a case follows
    DOCUMENTS_MISSING = "documents_missing"  # come back with what is missing
    REFERRED = "referred"  # not ours: told where to go


class Channel(StrEnum):
    """How the request reached the agency."""

    DLA_OSS = "dla_oss"  # the DLA's OSS web page
    TANGRAT = "tangrat"
    PAPER = "paper"
    OTHER = "other"


class CaseStatus(StrEnum):
    SENT = "sent"
    RECEIVED = "received"  # by the agency
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REFUSED = "refused"
    INFORMED = "informed"  # the citizen has the answer: the case is over


# What each is called, in Thai and English: the counter, the slip and the console alike.
OUTCOME_NAMES = {
    Outcome.DONE_HERE: Text("เสร็จที่ศูนย์", "Finished here"),
    Outcome.FORWARDED: Text("รับเรื่อง ส่งต่อหน่วยงาน", "Forwarded to the agency"),
    Outcome.DOCUMENTS_MISSING: Text("เอกสารไม่ครบ ให้มาใหม่", "Documents missing: come back"),
    Outcome.REFERRED: Text("แนะนำไปหน่วยงานอื่น", "Referred elsewhere"),
}
CHANNEL_NAMES = {
    Channel.DLA_OSS: Text("ระบบ OSS ของ สถ.", "DLA OSS web page"),
    Channel.TANGRAT: Text("ทางรัฐ", "Tang Rat"),
    Channel.PAPER: Text("หนังสือ/เอกสาร", "On paper"),
    Channel.OTHER: Text("ช่องทางอื่น", "Other"),
}
STATUS_NAMES = {
    CaseStatus.SENT: Text("ส่งเรื่องแล้ว", "Sent"),
    CaseStatus.RECEIVED: Text("หน่วยงานรับเรื่องแล้ว", "Received by the agency"),
    CaseStatus.IN_PROGRESS: Text("อยู่ระหว่างดำเนินการ", "In progress"),
    CaseStatus.DONE: Text("ดำเนินการเสร็จแล้ว", "Done"),
    CaseStatus.REFUSED: Text("หน่วยงานไม่รับดำเนินการ", "Refused by the agency"),
    CaseStatus.INFORMED: Text("แจ้งผู้ยื่นแล้ว", "Citizen informed"),
}

ORDER = list(CaseStatus)
ANSWERED = frozenset({CaseStatus.DONE, CaseStatus.REFUSED})
MAX_AGENCY = 200
MAX_AGENCY_REF = 40
DEFAULT_STANDARD_DAYS = 15
REFERENCE_MARK = "ส"


def next_statuses(status: CaseStatus) -> list[CaseStatus]:
    """Where a case may go from ``status``: on, skipping steps, but never back."""
    if status is CaseStatus.INFORMED:
        return []
    if status in ANSWERED:
        return [CaseStatus.INFORMED]
    return [s for s in ORDER[ORDER.index(status) + 1 :] if s is not CaseStatus.INFORMED]


def case_reference(year_be: int, seq: int) -> str:
    return reference(REFERENCE_MARK, year_be, seq)


def reference(mark: str, year_be: int, seq: int) -> str:
    """A reference a citizen takes away: its mark (ส a case, ร a complaint), the
    Buddhist-era year and its number in that year, ส-2569-000123."""
    return f"{mark}-{year_be}-{seq:06d}"


def parse_reference(
    text: str, mark: str = REFERENCE_MARK, unknown: ErrorCode = ErrorCode.UNKNOWN_CASE
) -> str:
    """A reference as people type it (spaces, no dashes) or refuse it: ส-2569-000123."""
    compact = re.sub(r"\s+", "", text)
    found = re.match(rf"^{mark}-?(\d{{4}})-?(\d{{6}})$", compact)
    if found is None:
        raise DomainError(unknown, f"a reference looks like {mark}-2569-000123")
    return f"{mark}-{found[1]}-{found[2]}"


@dataclass(frozen=True)
class Forwarding:
    """Where a forwarded request went; the agency's reference may come later."""

    agency: str
    channel: Channel
    sent_on: date
    agency_ref: str | None = None
    contact: str | None = None  # a phone number, kept only with the citizen's consent
    consent: bool = False


@dataclass(frozen=True)
class TicketOutcome:
    ticket_id: str
    service_day: date
    number: str
    service: str
    outcome: Outcome
    counter: str | None
    staff: str
    at: datetime
    case: str | None = None  # the forwarded case's reference


@dataclass
class CaseUpdate:
    at: datetime
    staff: str
    status: CaseStatus


@dataclass
class Case:
    reference: str
    ticket_id: str
    number: str
    service: str
    agency: str
    channel: Channel
    sent_on: date
    opened_at: datetime
    standard_days: int
    status: CaseStatus = CaseStatus.SENT
    agency_ref: str | None = None
    contact: str | None = None
    updated_at: datetime | None = None
    answered_at: datetime | None = None  # when the agency finished (done or refused)
    # its ticket's token: the slip's QR opens the same page as the ticket's (domain.follow)
    token: str = ""
    history: list[CaseUpdate] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status is not CaseStatus.INFORMED

    def age_days(self, today: date) -> int:
        """Days since it was sent, up to the agency's answer once there is one."""
        until = service_day_of(self.answered_at) if self.answered_at else today
        return max(0, (until - self.sent_on).days)

    def overdue(self, today: date) -> bool:
        """Still with the agency past the service's standard time."""
        return self.status not in ANSWERED | {CaseStatus.INFORMED} and (
            self.age_days(today) > self.standard_days
        )

    def advance(self, to: CaseStatus, staff: str, now: datetime, agency_ref: str | None) -> None:
        """Move on to ``to`` (never back); the contact goes once the citizen is informed."""
        if to not in next_statuses(self.status):
            why = (
                "has no answer from the agency yet"
                if to is CaseStatus.INFORMED
                else f"is {self.status.value}: it cannot become {to.value}"
            )
            raise DomainError(ErrorCode.CASE_STATUS_ORDER, f"case {self.reference} {why}")
        if agency_ref is not None:
            self.agency_ref = checked_agency_ref(agency_ref)
        self.status, self.updated_at = to, now
        if to in ANSWERED:
            self.answered_at = now
        if to is CaseStatus.INFORMED:
            self.contact = None
        self.history.append(CaseUpdate(now, staff, to))


def checked_agency_ref(text: str) -> str:
    ref = scrub(" ".join(text.split()))  # a reference, never a phone or ID number
    if not ref or len(ref) > MAX_AGENCY_REF:
        raise DomainError(
            ErrorCode.INVALID_CASE, f"the agency's reference is 1 to {MAX_AGENCY_REF} characters"
        )
    return ref


def record_outcome(
    ticket: Ticket,
    outcome: Outcome,
    *,
    staff: str,
    already: bool,
    now: datetime,
) -> TicketOutcome:
    """The outcome of a completed ticket, once."""
    if ticket.state is not TicketState.DONE:
        raise DomainError(
            ErrorCode.TICKET_NOT_SERVED, f"ticket {ticket.number} has not been completed"
        )
    if already:
        raise DomainError(
            ErrorCode.OUTCOME_RECORDED, f"ticket {ticket.number} already has its outcome"
        )
    return TicketOutcome(
        ticket_id=ticket.id,
        service_day=ticket.service_day,
        number=ticket.number,
        service=ticket.service,
        outcome=outcome,
        counter=ticket.counter,
        staff=staff,
        at=now,
    )


def open_case(
    outcome: TicketOutcome,
    forwarding: Forwarding,
    *,
    reference: str,
    known_agencies: frozenset[str],
    standard_days: int,
    today: date,
    token: str = "",
) -> Case:
    agency = " ".join(forwarding.agency.split())
    if agency not in known_agencies:
        raise DomainError(
            ErrorCode.UNKNOWN_AGENCY,
            "that agency is not in the catalog; add it to the catalog first",
        )
    if forwarding.sent_on > today or forwarding.sent_on < outcome.service_day:
        raise DomainError(
            ErrorCode.INVALID_CASE, "the date sent is between the ticket's day and today"
        )
    return Case(
        reference=reference,
        ticket_id=outcome.ticket_id,
        number=outcome.number,
        service=outcome.service,
        agency=agency,
        channel=forwarding.channel,
        sent_on=forwarding.sent_on,
        opened_at=outcome.at,
        standard_days=standard_days,
        agency_ref=(checked_agency_ref(forwarding.agency_ref) if forwarding.agency_ref else None),
        contact=consented_contact(forwarding.contact, forwarding.consent),
        token=token,
        history=[CaseUpdate(outcome.at, outcome.staff, CaseStatus.SENT)],
    )
