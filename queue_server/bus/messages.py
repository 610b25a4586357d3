"""Pydantic models of every payload in contract version 1.

Every payload is a JSON object with ``"v": 1``. Requests and their arguments
are validated strictly (unknown fields are refused, so a typo is an error
rather than a silently ignored argument); state and events are what the
server publishes, and apps validate them on receipt.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from queue_server.domain.cases import MAX_AGENCY, CaseStatus, Channel, Outcome
from queue_server.domain.catalog import Text
from queue_server.domain.complaints import Category as ComplaintCategory
from queue_server.domain.complaints import Kind as ComplaintKind
from queue_server.domain.complaints import Status as ComplaintStatus
from queue_server.domain.counters import PauseReason

# the queue rules' refusal codes travel in replies too: apps read them from the contract
from queue_server.domain.errors import ErrorCode as ErrorCode
from queue_server.domain.follow import TOKEN_PATTERN
from queue_server.domain.personal_data import scrub

VERSION = 1
MAX_PAYLOAD_BYTES = 64 * 1024  # a request
# What the server publishes: the catalog is the largest, about 1.2 KB a service with its
# citizens' manual (a centre with 400 services publishes ~500 KB).
MAX_PUBLISHED_BYTES = 1024 * 1024

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
RequestId = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[\x21-\x7e]+$")
]
# What a person types or a scanner reads (a1, A 001, A001); never a phone number,
# which would otherwise be echoed into a stored reply ("no ticket 0812345678").
Number = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=12, pattern=r"^[A-Za-z]{1,2} ?[0-9]{1,3}$"),
]
Pin = Annotated[str, StringConstraints(pattern=r"^[0-9]{4,12}$")]
# What a ticket's QR holds for phones (domain.follow): read in either case.
Token = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, pattern=rf"^{TOKEN_PATTERN}$"),
]


class BusCode(StrEnum):
    """The refusals of the bus itself (the queue rules' own are ``domain.errors.ErrorCode``);
    together they are every ``error.code`` a reply can carry."""

    INVALID_JSON = "invalid_json"
    INVALID_REQUEST = "invalid_request"
    UNSUPPORTED_VERSION = "unsupported_version"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNKNOWN_OP = "unknown_op"
    INVALID_ARGS = "invalid_args"
    FORBIDDEN = "forbidden"
    NOT_SIGNED_IN = "not_signed_in"
    WRONG_PIN = "wrong_pin"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    RATE_LIMITED = "rate_limited"
    STORAGE_UNAVAILABLE = "storage_unavailable"
    INTERNAL_ERROR = "internal_error"
    TIMEOUT = "timeout"  # no reply came (said by the client, never by the server)


class CodedError(Exception):
    """An error with a stable contract code (the ``error.code`` of a reply)."""

    def __init__(self, code: str, message: str, retry_after: int | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.retry_after = retry_after  # seconds, for a refusal that lifts by itself


def describe_validation(exc: ValidationError) -> str:
    """Each wrong field and why, never the value (which may be personal data)."""
    parts = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "(payload)"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Open(BaseModel):
    """Published messages: apps accept fields a newer server adds."""

    model_config = ConfigDict(extra="allow")


# -- requests and replies ------------------------------------------------


class Request(Strict):
    v: Literal[1]
    id: RequestId
    op: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    args: dict[str, Any] = {}


class ErrorBody(Open):
    code: str
    message: str
    # Seconds until a lock or a limit lifts: the screen says the real wait.
    retry_after: int | None = None


class Reply(Open):
    v: Literal[1] = VERSION
    id: str | None
    ok: bool
    result: Any = None
    error: ErrorBody | None = None


class IssueArgs(Strict):
    service: Code
    priority: bool = False
    lang: Literal["th", "en"] = "th"


class NumberArgs(Strict):
    number: Number


class TokenArgs(Strict):
    token: Token


class _TicketNamed(Strict):
    """A ticket named by its number (kiosk, tablet) or its QR's token (a phone)."""

    number: Number | None = None
    token: Token | None = None

    @model_validator(mode="after")
    def _one_name(self) -> Self:
        if (self.number is None) == (self.token is None):
            raise ValueError("give the ticket's number or its token, one of them")
        return self


class TicketRefArgs(_TicketNamed):
    pass


class CounterArgs(Strict):
    counter: Code
    staff: Code


class PauseArgs(CounterArgs):
    reason: PauseReason


class UnparkArgs(CounterArgs):
    number: Number


class TransferArgs(CounterArgs):
    number: Number
    service: Code


class ProfileArgs(Strict):
    """About the respondent, in bands; each may be left out (the citizen skipped it)."""

    sex: Literal["female", "male", "other"] | None = None
    age: Literal["under-20", "20-39", "40-59", "60-plus"] | None = None
    occupation: (
        Literal["farmer", "employee", "government", "business", "student", "other"] | None
    ) = None


class RatingArgs(_TicketNamed):
    scores: dict[Code, int]
    profile: ProfileArgs | None = None
    # scrubbed again here, whatever the app did, before anything is stored or logged
    comment: SaidText | None = None


class OutcomeArgs(CounterArgs):
    """What became of a completed ticket; a forwarded one says where it went."""

    number: Number
    outcome: Outcome
    agency: Annotated[str, StringConstraints(max_length=MAX_AGENCY)] | None = None
    channel: Channel | None = None
    # longer than the rules allow still arrives, to be refused with the rule's own words
    agency_ref: Annotated[str, StringConstraints(max_length=200)] | None = None
    sent_on: date | None = None  # default: today
    contact: Annotated[str, StringConstraints(max_length=20)] | None = None
    consent: bool = False
    # False: the counter prints the slip on its own printer; the kiosk is not asked to
    slip_at_kiosk: bool = True


CaseRef = Annotated[str, StringConstraints(min_length=1, max_length=30)]


class StaffArgs(Strict):
    staff: Code


class CaseUpdateArgs(StaffArgs):
    reference: CaseRef
    status: CaseStatus
    agency_ref: Annotated[str, StringConstraints(max_length=200)] | None = None


class CaseArgs(Strict):
    reference: CaseRef


class CaseListArgs(StaffArgs):
    open_only: bool = True


# What a citizen says: scrubbed here (the app did it too), before it is stored or logged.
SaidText = Annotated[str, StringConstraints(max_length=2000), AfterValidator(scrub)]


class ComplaintArgs(Strict):
    kind: ComplaintKind
    category: ComplaintCategory
    text: SaidText
    number: Number | None = None  # the ticket it is about, if the citizen gives it
    contact: Annotated[str, StringConstraints(max_length=20)] | None = None
    consent: bool = False


class ComplaintUpdateArgs(StaffArgs):
    reference: CaseRef
    status: ComplaintStatus
    answer: SaidText | None = None


class LoginArgs(Strict):
    staff: Code
    pin: Pin


class NoArgs(Strict):
    pass


class OpName(StrEnum):
    """Every operation of contract version 1: an app names one as ``OpName.COUNTER_CALL_NEXT``,
    so a misspelt name fails when the module is imported, not when a clerk presses F1."""

    TICKET_ISSUE = "ticket.issue"
    TICKET_STATUS = "ticket.status"
    TICKET_REPRINT = "ticket.reprint"
    RATING_SUBMIT = "rating.submit"
    RATING_CHECK = "rating.check"
    TICKET_FOLLOW = "ticket.follow"
    STAFF_LOGIN = "staff.login"
    STAFF_LOGOUT = "staff.logout"
    COUNTER_OPEN = "counter.open"
    COUNTER_CLOSE = "counter.close"
    COUNTER_CALL_NEXT = "counter.call_next"
    COUNTER_RECALL = "counter.recall"
    COUNTER_SERVE = "counter.serve"
    COUNTER_COMPLETE = "counter.complete"
    COUNTER_NO_SHOW = "counter.no_show"
    COUNTER_PARK = "counter.park"
    COUNTER_UNPARK = "counter.unpark"
    COUNTER_TRANSFER = "counter.transfer"
    COUNTER_PAUSE = "counter.pause"
    COUNTER_RESUME = "counter.resume"
    TICKET_OUTCOME = "ticket.outcome"
    CASE_UPDATE = "case.update"
    CASE_STATUS = "case.status"
    CASE_LIST = "case.list"
    CASE_SLIP = "case.slip"
    COMPLAINT_SUBMIT = "complaint.submit"
    COMPLAINT_UPDATE = "complaint.update"
    COMPLAINT_LIST = "complaint.list"


# What each operation takes: the app validates its request with it before sending,
# the server again on receipt.
ARGS: dict[OpName, type[Strict]] = {
    OpName.TICKET_ISSUE: IssueArgs,
    OpName.TICKET_STATUS: NumberArgs,
    OpName.TICKET_REPRINT: NumberArgs,
    OpName.RATING_SUBMIT: RatingArgs,
    OpName.RATING_CHECK: TicketRefArgs,
    OpName.TICKET_FOLLOW: TokenArgs,
    OpName.STAFF_LOGIN: LoginArgs,
    OpName.STAFF_LOGOUT: NoArgs,
    OpName.COUNTER_OPEN: CounterArgs,
    OpName.COUNTER_CLOSE: CounterArgs,
    OpName.COUNTER_CALL_NEXT: CounterArgs,
    OpName.COUNTER_RECALL: CounterArgs,
    OpName.COUNTER_SERVE: CounterArgs,
    OpName.COUNTER_COMPLETE: CounterArgs,
    OpName.COUNTER_NO_SHOW: CounterArgs,
    OpName.COUNTER_PARK: CounterArgs,
    OpName.COUNTER_UNPARK: UnparkArgs,
    OpName.COUNTER_TRANSFER: TransferArgs,
    OpName.COUNTER_PAUSE: PauseArgs,
    OpName.COUNTER_RESUME: CounterArgs,
    OpName.TICKET_OUTCOME: OutcomeArgs,
    OpName.CASE_UPDATE: CaseUpdateArgs,
    OpName.CASE_STATUS: CaseArgs,
    OpName.CASE_LIST: CaseListArgs,
    OpName.CASE_SLIP: CaseArgs,
    OpName.COMPLAINT_SUBMIT: ComplaintArgs,
    OpName.COMPLAINT_UPDATE: ComplaintUpdateArgs,
    OpName.COMPLAINT_LIST: CaseListArgs,
}


# -- what the server publishes (and what each reply's result is) ---------


# The one Thai + English text type, the domain's: published as {"th": …, "en": …}.
Bilingual = Text


class TicketWire(Open):
    number: str
    service: str
    kind: str
    priority: bool
    lang: str = "th"
    state: str
    issued_at: str | None = None
    counter: str | None = None
    recall: int = 0
    people_ahead: int | None = None
    wait_minutes: list[int] | None = None
    # what its QR opens on a phone: only in the kiosk's own reply and reprint, never in state
    token: str | None = None


class CounterWire(Open):
    id: str
    name: Bilingual
    status: Literal["open", "closed", "paused"]
    staff: str | None = None
    ticket: str | None = None
    pause_reason: str | None = None


class Rated(Open):
    number: str
    service: str
    rated_at: str


class Rateable(Open):
    number: str
    service: str


class SignedIn(Open):
    staff: str
    client: str


class SignedOut(Open):
    client: str


class CaseWire(Open):
    """A forwarded case as staff and the citizen see it: never the contact itself."""

    reference: str
    number: str
    service: str
    agency: str
    channel: Channel
    sent_on: str
    status: CaseStatus
    agency_ref: str | None = None
    standard_days: int
    age_days: int
    overdue: bool
    has_contact: bool = False
    updated_at: str | None = None
    token: str | None = None  # its ticket's, on the slip sent to the kiosk's printer only


class FollowWire(Open):
    """One ticket as its phone shows it (``ticket.follow``): nothing of anyone else's."""

    number: str
    service: str
    lang: str
    priority: bool
    state: str
    issued_at: str
    seq: int
    counter: str | None = None
    counter_name: Bilingual | None = None
    recall: int = 0
    people_ahead: int | None = None
    wait_minutes: list[int] | None = None
    rating: Literal["open", "given"] | None = None
    case: CaseWire | None = None


class OutcomeWire(Open):
    number: str
    outcome: Outcome
    case: CaseWire | None = None


class CaseList(Open):
    cases: list[CaseWire]


class ComplaintWire(Open):
    """A complaint or suggestion as the register shows it: never the contact itself."""

    reference: str
    kind: ComplaintKind
    category: ComplaintCategory
    text: str
    number: str | None = None
    source: str
    status: ComplaintStatus
    answer: str | None = None
    received_at: str
    age_days: int
    has_contact: bool = False


class ComplaintList(Open):
    complaints: list[ComplaintWire]


# What each operation's reply carries: the client hands an app this model, never a dict.
RESULTS: dict[OpName, type[Open]] = {
    OpName.TICKET_ISSUE: TicketWire,
    OpName.TICKET_STATUS: TicketWire,
    OpName.TICKET_REPRINT: TicketWire,
    OpName.RATING_SUBMIT: Rated,
    OpName.RATING_CHECK: Rateable,
    OpName.TICKET_FOLLOW: FollowWire,
    OpName.STAFF_LOGIN: SignedIn,
    OpName.STAFF_LOGOUT: SignedOut,
    OpName.COUNTER_OPEN: CounterWire,
    OpName.COUNTER_CLOSE: CounterWire,
    OpName.COUNTER_CALL_NEXT: TicketWire,
    OpName.COUNTER_RECALL: TicketWire,
    OpName.COUNTER_SERVE: TicketWire,
    OpName.COUNTER_COMPLETE: TicketWire,
    OpName.COUNTER_NO_SHOW: TicketWire,
    OpName.COUNTER_PARK: TicketWire,
    OpName.COUNTER_UNPARK: TicketWire,
    OpName.COUNTER_TRANSFER: TicketWire,
    OpName.COUNTER_PAUSE: CounterWire,
    OpName.COUNTER_RESUME: CounterWire,
    OpName.TICKET_OUTCOME: OutcomeWire,
    OpName.CASE_UPDATE: CaseWire,
    OpName.CASE_STATUS: CaseWire,
    OpName.CASE_LIST: CaseList,
    OpName.CASE_SLIP: CaseWire,
    OpName.COMPLAINT_SUBMIT: ComplaintWire,
    OpName.COMPLAINT_UPDATE: ComplaintWire,
    OpName.COMPLAINT_LIST: ComplaintList,
}


class CallWire(Open):
    ticket: str
    counter: str
    counter_name: Bilingual
    service: str | None
    recall: int = 0
    at: str


class QueueWire(Open):
    service: str
    prefix: str
    waiting: int
    wait_minutes: list[int] | None = None  # None while no counter serving it is open


class BoardState(Open):
    v: Literal[1] = VERSION
    seq: int
    site: str
    service_day: str
    at: str
    open: bool
    next_opening: str | None
    counters: list[CounterWire]
    last_calls: list[CallWire]
    queues: list[QueueWire]
    waiting_by_prefix: dict[str, int]
    # the centre's (short) name: a province dashboard shows many centres' boards
    name: Bilingual | None = None
    run: str | None = None  # see CounterState.run


class CounterState(Open):
    v: Literal[1] = VERSION
    seq: int
    site: str
    # The server run that wrote it. ``seq`` is compared only within one run: a
    # database restored from a backup makes it go back, and the screens that
    # stayed up must not ignore the restarted server as stale.
    run: str | None = None
    counter: CounterWire
    ticket: TicketWire | None
    next: list[TicketWire]
    waiting: int
    max_recalls: int
    parked: list[TicketWire] = []


class CallEvent(CallWire):
    v: Literal[1] = VERSION


class RatingEvent(Open):
    v: Literal[1] = VERSION
    ticket: str
    counter: str
    service: str
    at: str


class ReprintEvent(Open):
    """A counter asks the kiosk's printer for a ticket again, or for a case's slip."""

    v: Literal[1] = VERSION
    ticket: TicketWire | None = None
    case: CaseWire | None = None
    requested_by: str


class CatalogState(Open):
    """The catalog the server runs on, retained: screens show what the server will accept.

    ``catalog`` is the catalog file as the server validated it; ``version``
    changes whenever its content does.
    """

    v: Literal[1] = VERSION
    site: str
    version: str
    updated_at: str
    catalog: dict[str, Any]


class Presence(Open):
    v: Literal[1] = VERSION
    online: bool
    role: str | None = None
    client: str | None = None
    at: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)
