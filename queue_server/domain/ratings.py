"""Satisfaction ratings: 1–5 per section of the questionnaire, or one overall score.

A rating is anonymous: it is linked to the ticket (a number), the service,
the counter and the staff code, never to a person. It is accepted only for a
ticket that was served, once, within a time after completion; each refusal
has its own code so the rating screen can say why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .catalog import Text
from .errors import DomainError, ErrorCode
from .personal_data import scrub
from .tickets import Ticket, TicketState

SCALE = (1, 2, 3, 4, 5)  # 5 มากที่สุด … 1 น้อยที่สุด
QUICK_SECTION = "overall"
MAX_COMMENT = 500

# About the respondent, in bands no one can be found by; every one may be skipped.
PROFILE: dict[str, dict[str, Text]] = {
    "sex": {
        "female": Text("หญิง", "Female"),
        "male": Text("ชาย", "Male"),
        "other": Text("อื่น ๆ", "Other"),
    },
    "age": {
        "under-20": Text("ต่ำกว่า 20 ปี", "Under 20"),
        "20-39": Text("20–39 ปี", "20–39"),
        "40-59": Text("40–59 ปี", "40–59"),
        "60-plus": Text("60 ปีขึ้นไป", "60 and over"),
    },
    "occupation": {
        "farmer": Text("เกษตรกร", "Farmer"),
        "employee": Text("พนักงาน/ลูกจ้าง", "Employee"),
        "government": Text("ข้าราชการ/รัฐวิสาหกิจ", "Civil servant"),
        "business": Text("ค้าขาย/ธุรกิจส่วนตัว", "Own business"),
        "student": Text("นักเรียน/นักศึกษา", "Student"),
        "other": Text("อื่น ๆ", "Other"),
    },
}
PROFILE_NAMES = {
    "sex": Text("เพศ", "Sex"),
    "age": Text("อายุ", "Age"),
    "occupation": Text("อาชีพ", "Occupation"),
}


def checked_profile(profile: Mapping[str, str] | None) -> dict[str, str]:
    """Only the bands the questionnaire offers; an answer left out is simply not there."""
    given = {k: v for k, v in (profile or {}).items() if v}
    wrong = [f"{k}={v}" for k, v in given.items() if v not in PROFILE.get(k, {})]
    if wrong:
        raise DomainError(ErrorCode.INVALID_SCORES, f"not offered: {', '.join(wrong)}")
    return given


@dataclass(frozen=True)
class RatingRules:
    # the ids each rating answers: a section's own, or each of its items'
    sections: tuple[str, ...]
    quick: bool = False
    window: timedelta = timedelta(minutes=30)

    @property
    def asked(self) -> tuple[str, ...]:
        return (QUICK_SECTION,) if self.quick else self.sections


@dataclass(frozen=True)
class Rating:
    ticket_id: str
    service_day: date
    number: str
    service: str
    kind: str
    counter: str | None
    staff: str | None
    scores: Mapping[str, int]
    comment: str | None
    at: datetime
    profile: Mapping[str, str] = field(default_factory=dict)  # bands, each may be skipped


def scrub_comment(comment: str | None) -> str | None:
    """Keep what the citizen says about the service, not numbers that could identify them."""
    if comment is None:
        return None
    text = scrub(" ".join(comment.split()))[:MAX_COMMENT]
    return text or None


def check_rateable(
    ticket: Ticket, rules: RatingRules, *, already_rated: bool, now: datetime
) -> None:
    """Whether the citizen may rate this ticket now: asked before the form opens, so an
    unserved or already rated ticket is refused at once, not after the citizen has
    answered every question."""
    if ticket.state is not TicketState.DONE or ticket.completed_at is None:
        raise DomainError(
            ErrorCode.TICKET_NOT_SERVED, f"ticket {ticket.number} has not been served yet"
        )
    if already_rated:
        raise DomainError(ErrorCode.ALREADY_RATED, f"ticket {ticket.number} was already rated")
    if now - ticket.completed_at > rules.window:
        minutes = int(rules.window.total_seconds() // 60)
        raise DomainError(
            ErrorCode.RATING_CLOSED,
            f"ticket {ticket.number} can be rated up to {minutes} minutes after service",
        )


def rate(
    ticket: Ticket,
    scores: Mapping[str, int],
    comment: str | None,
    rules: RatingRules,
    *,
    already_rated: bool,
    now: datetime,
    profile: Mapping[str, str] | None = None,
) -> Rating:
    check_rateable(ticket, rules, already_rated=already_rated, now=now)
    _check_scores(scores, rules.asked)
    return Rating(
        ticket_id=ticket.id,
        service_day=ticket.service_day,
        number=ticket.number,
        service=ticket.service,
        kind=ticket.kind.value,
        counter=ticket.counter,
        staff=ticket.staff,
        scores=dict(scores),
        comment=scrub_comment(comment),
        at=now,
        profile=checked_profile(profile),
    )


def _check_scores(scores: Mapping[str, int], asked: Sequence[str]) -> None:
    missing = [s for s in asked if s not in scores]
    unknown = [s for s in scores if s not in asked]
    wrong = [s for s, v in scores.items() if s in asked and v not in SCALE]
    if missing or unknown or wrong:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if unknown:
            parts.append(f"not asked {', '.join(unknown)}")
        if wrong:
            parts.append(f"not 1-5: {', '.join(wrong)}")
        raise DomainError(ErrorCode.INVALID_SCORES, "; ".join(parts))
