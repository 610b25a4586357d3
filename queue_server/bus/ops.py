"""The operations of contract version 1: who may call them and what they do.

The one table of operations: the bus server, the CLI (`oss-queue counter
call`, `ticket issue`) and the counter terminal's buttons all use it. A new
operation is its name in ``messages.OpName`` with its arguments in
``messages.ARGS``, and one entry here; a name without a handler fails at
import. Handlers get validated arguments and return the JSON-ready result
plus the events to publish.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from queue_server.config.models import Role
from queue_server.domain.cases import Forwarding, Outcome
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.events import Event
from queue_server.domain.queue_day import QueueDay
from queue_server.domain.service_day import service_day_of
from queue_server.service import QueueService
from queue_server.storage.staff import StaffRegistry
from queue_server.storage.store import RequestKey

from . import messages as m
from .auth import BusRefusal, LoginThrottle


@dataclass
class Context:
    service: QueueService
    staff: StaffRegistry
    throttle: LoginThrottle
    client: str
    role: Role
    request: RequestKey | None  # None: not over the bus, no reply to store
    now: Callable[[], datetime]


@dataclass
class OpResult:
    result: Any
    events: list[Event] = field(default_factory=list)
    reprint: dict[str, Any] | None = None  # a ticket for the kiosk's printer
    slip: dict[str, Any] | None = None  # a case's slip for the kiosk's printer


@dataclass(frozen=True)
class Op:
    name: m.OpName
    roles: frozenset[Role]
    run: Callable[[Context, Any], OpResult]
    # True when the op changes what is kept (the queue, a case): its reply is stored with it.
    writes: bool = True
    # `oss-queue counter NAME` runs it from the server box (the counter ops), with this help.
    command: str | None = None
    help: str = ""

    @property
    def args(self) -> type[BaseModel]:
        return m.ARGS[self.name]


def _applied(applied: Any) -> OpResult:
    return OpResult(applied.wire, applied.events)


def _signed_in_staff(ctx: Context, args: m.CounterArgs | m.StaffArgs) -> str:
    if ctx.role is Role.ADMIN:
        return args.staff
    signed_in = ctx.staff.signed_in(ctx.client)
    if signed_in != args.staff:
        raise BusRefusal(
            m.BusCode.NOT_SIGNED_IN,
            f"staff {args.staff} is not signed in on {ctx.client}; use staff.login first",
        )
    return args.staff


def _at_counter(act: Callable[..., Any], *extra: str) -> Callable[[Context, Any], OpResult]:
    """A counter operation: the queue day's own method, with the request's extra arguments."""

    def run(ctx: Context, args: Any) -> OpResult:
        staff = _signed_in_staff(ctx, args)
        values = [getattr(args, name) for name in extra]
        return _applied(
            ctx.service.at_counter(act, args.counter, staff, *values, request=ctx.request)
        )

    return run


def _issue(ctx: Context, args: m.IssueArgs) -> OpResult:
    return _applied(
        ctx.service.issue(args.service, priority=args.priority, lang=args.lang, request=ctx.request)
    )


def _status(ctx: Context, args: m.NumberArgs) -> OpResult:
    return OpResult(ctx.service.status(args.number).to_wire())


def _reprint(ctx: Context, args: m.NumberArgs) -> OpResult:
    ticket = ctx.service.find(args.number, with_token=True).to_wire()
    # the token goes to the kiosk's printer only, not back to the counter
    return OpResult({k: v for k, v in ticket.items() if k != "token"}, reprint=ticket)


def _by_token_on_phones(ctx: Context, args: m.RatingArgs | m.TicketRefArgs) -> None:
    """A phone names its ticket by the token its QR holds: by number, anyone on the
    centre's Wi-Fi could rate A001, A002… in their owners' name."""
    if ctx.role is Role.PHONE and args.token is None:
        raise BusRefusal(m.BusCode.FORBIDDEN, "a phone names its ticket by its token")


def _rate(ctx: Context, args: m.RatingArgs) -> OpResult:
    _by_token_on_phones(ctx, args)
    profile = args.profile.model_dump(exclude_none=True) if args.profile else None
    return _applied(
        ctx.service.rate(
            args.number, args.scores, args.comment, token=args.token, profile=profile,
            request=ctx.request,
        )
    )  # fmt: skip


def _rating_check(ctx: Context, args: m.TicketRefArgs) -> OpResult:
    _by_token_on_phones(ctx, args)
    return OpResult(ctx.service.rating_check(args.number, args.token))


def _follow(ctx: Context, args: m.TokenArgs) -> OpResult:
    return OpResult(ctx.service.following.one(args.token).to_wire())


def _login(ctx: Context, args: m.LoginArgs) -> OpResult:
    ctx.throttle.sign_in(ctx.staff, ctx.client, args.staff, args.pin, ctx.client, ctx.now())
    return OpResult({"staff": args.staff, "client": ctx.client})


def _outcome(ctx: Context, args: m.OutcomeArgs) -> OpResult:
    staff = _signed_in_staff(ctx, args)
    forwarding = None
    if args.outcome is Outcome.FORWARDED:
        if args.agency is None or args.channel is None:
            raise DomainError(ErrorCode.INVALID_CASE, "a forwarded ticket needs agency and channel")
        forwarding = Forwarding(
            agency=args.agency,
            channel=args.channel,
            sent_on=args.sent_on or service_day_of(ctx.now(), ctx.service.store.rules.hours.zone),
            agency_ref=args.agency_ref,
            contact=args.contact,
            consent=args.consent,
        )
    counter = None if ctx.role is Role.ADMIN else args.counter  # the server box: any ticket
    done = _applied(
        ctx.service.cases.record(
            args.number, args.outcome, staff, forwarding, counter=counter, request=ctx.request
        )
    )
    if done.result["case"]:  # a forwarded one: its slip, at once, with its QR's token
        slip = _slip(ctx, done.result["case"]["reference"])
        if args.slip_at_kiosk:
            done.slip = slip
        else:  # the counter prints it on its own printer
            done.result = {**done.result, "case": slip}
    return done


def _case_update(ctx: Context, args: m.CaseUpdateArgs) -> OpResult:
    staff = _signed_in_staff(ctx, args)
    return _applied(
        ctx.service.cases.update(
            args.reference, args.status, staff, args.agency_ref, request=ctx.request
        )
    )


def _case_status(ctx: Context, args: m.CaseArgs) -> OpResult:
    return OpResult(ctx.service.cases.get(args.reference).to_wire())


def _slip(ctx: Context, reference: str) -> dict[str, Any]:
    """A case as its slip prints it: with its ticket's token for the QR (kiosk only)."""
    info = ctx.service.cases.get(reference)
    return {**info.to_wire(), "token": info.case.token or None}


def _case_slip(ctx: Context, args: m.CaseArgs) -> OpResult:
    slip = _slip(ctx, args.reference)
    return OpResult({k: v for k, v in slip.items() if k != "token"}, slip=slip)


def _complaint(ctx: Context, args: m.ComplaintArgs) -> OpResult:
    return _applied(
        ctx.service.complaints.submit(
            args.kind, args.category, args.text, ctx.client, number=args.number,
            contact=args.contact, consent=args.consent, request=ctx.request,
        )
    )  # fmt: skip


def _complaint_update(ctx: Context, args: m.ComplaintUpdateArgs) -> OpResult:
    staff = _signed_in_staff(ctx, args)
    return _applied(
        ctx.service.complaints.update(
            args.reference, args.status, staff, args.answer, request=ctx.request
        )
    )


def _complaint_list(ctx: Context, args: m.CaseListArgs) -> OpResult:
    _signed_in_staff(ctx, args)
    return OpResult(ctx.service.complaints.listing(open_only=args.open_only).to_wire())


def _case_list(ctx: Context, args: m.CaseListArgs) -> OpResult:
    _signed_in_staff(ctx, args)
    return OpResult(ctx.service.cases.listing(open_only=args.open_only).to_wire())


def _logout(ctx: Context, args: m.NoArgs) -> OpResult:
    ctx.staff.sign_out(ctx.client)
    return OpResult({"client": ctx.client})


CITIZEN = frozenset({Role.KIOSK})
STAFF = frozenset({Role.COUNTER})
# casework, also from the centre console (staff signed in there, in-process: web/)
DESK = frozenset({Role.COUNTER, Role.WEB})
LOOKUP = frozenset({Role.KIOSK, Role.COUNTER, Role.RATING})
RATERS = frozenset({Role.KIOSK, Role.RATING, Role.PHONE})
PHONE = frozenset({Role.PHONE})
N = m.OpName


def _counter(name: m.OpName, act: Callable[..., Any], command: str, help: str, *extra: str) -> Op:
    return Op(name, STAFF, _at_counter(act, *extra), command=command, help=help)


_OPS = [
    Op(N.TICKET_ISSUE, CITIZEN, _issue),
    Op(N.TICKET_STATUS, LOOKUP, _status, writes=False),
    Op(N.TICKET_REPRINT, STAFF, _reprint, writes=False),
    Op(N.RATING_SUBMIT, RATERS, _rate),
    Op(N.RATING_CHECK, RATERS, _rating_check, writes=False),
    Op(N.TICKET_FOLLOW, PHONE, _follow, writes=False),
    Op(N.STAFF_LOGIN, STAFF, _login, writes=False),
    Op(N.STAFF_LOGOUT, STAFF, _logout, writes=False),
    _counter(N.COUNTER_OPEN, QueueDay.open_counter, "open", "Open COUNTER for STAFF."),
    _counter(N.COUNTER_CLOSE, QueueDay.close_counter, "close", "Close COUNTER."),
    _counter(N.COUNTER_CALL_NEXT, QueueDay.call_next, "call", "Call the next ticket to COUNTER."),
    _counter(N.COUNTER_RECALL, QueueDay.recall, "recall", "Call the current ticket again."),
    _counter(N.COUNTER_SERVE, QueueDay.serve, "serve", "Start serving the called ticket."),
    _counter(N.COUNTER_COMPLETE, QueueDay.complete, "complete", "Finish the current ticket."),
    _counter(N.COUNTER_NO_SHOW, QueueDay.no_show, "no-show", "The called citizen did not come."),
    _counter(N.COUNTER_PARK, QueueDay.park, "park", "Set the current ticket aside."),
    _counter(N.COUNTER_UNPARK, QueueDay.unpark, "unpark", "Call a parked ticket back to COUNTER.",
             "number"),
    _counter(N.COUNTER_TRANSFER, QueueDay.transfer, "transfer",
             "Send the current ticket to another service, keeping its number.",
             "number", "service"),
    _counter(N.COUNTER_PAUSE, QueueDay.pause, "pause", "Pause COUNTER.", "reason"),
    _counter(N.COUNTER_RESUME, QueueDay.resume, "resume", "Resume a paused COUNTER."),
    Op(N.TICKET_OUTCOME, STAFF, _outcome),
    Op(N.CASE_UPDATE, DESK, _case_update),
    Op(N.CASE_STATUS, LOOKUP | DESK, _case_status, writes=False),
    Op(N.CASE_LIST, DESK, _case_list, writes=False),
    Op(N.CASE_SLIP, STAFF, _case_slip, writes=False),
    Op(N.COMPLAINT_SUBMIT, LOOKUP, _complaint),
    Op(N.COMPLAINT_UPDATE, DESK, _complaint_update),
    Op(N.COMPLAINT_LIST, DESK, _complaint_list, writes=False),
]  # fmt: skip
OPS: dict[str, Op] = {op.name.value: op for op in _OPS}
if set(OPS) != {name.value for name in m.OpName}:  # one table: every name has its handler
    raise ImportError(f"operations without a handler: {set(m.OpName) ^ set(OPS)}")


def run_here(op: Op, service: QueueService, staff: StaffRegistry, args: BaseModel) -> OpResult:
    """An operation run on the server box itself (the CLI): as the admin, not over the bus."""
    throttle = LoginThrottle(staff, service.clock)
    return op.run(Context(service, staff, throttle, "cli", Role.ADMIN, None, service.clock), args)
