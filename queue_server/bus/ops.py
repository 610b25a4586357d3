"""The operations of contract version 1: their arguments, who may call them, what they do.

Adding an op is one entry in ``OPS``. Handlers get validated arguments and
return the JSON-ready result plus the events to publish.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from queue_server.config.models import Role
from queue_server.domain.events import Event
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
    request: RequestKey
    now: Callable[[], datetime]


@dataclass
class OpResult:
    result: Any
    events: list[Event] = field(default_factory=list)
    reprint: dict[str, Any] | None = None


@dataclass(frozen=True)
class Op:
    name: str
    args: type[BaseModel]
    roles: frozenset[Role]
    run: Callable[[Context, Any], OpResult]
    # True when the op changes the queue: its reply is stored with the change.
    changes_queue: bool = True


def _applied(applied: Any) -> OpResult:
    return OpResult(applied.result.to_wire(), applied.events)


def _signed_in_staff(ctx: Context, args: m.CounterArgs) -> str:
    if ctx.role is Role.ADMIN:
        return args.staff
    signed_in = ctx.staff.signed_in(ctx.client)
    if signed_in != args.staff:
        raise BusRefusal(
            "not_signed_in",
            f"staff {args.staff} is not signed in on {ctx.client}; use staff.login first",
        )
    return args.staff


def _counter_op(method: str, *extra: str) -> Callable[[Context, Any], OpResult]:
    def run(ctx: Context, args: Any) -> OpResult:
        staff = _signed_in_staff(ctx, args)
        values = [getattr(args, name) for name in extra]
        call = getattr(ctx.service, method)
        return _applied(call(args.counter, staff, *values, request=ctx.request))

    return run


def _issue(ctx: Context, args: m.IssueArgs) -> OpResult:
    return _applied(
        ctx.service.issue(args.service, priority=args.priority, lang=args.lang, request=ctx.request)
    )


def _status(ctx: Context, args: m.NumberArgs) -> OpResult:
    return OpResult(ctx.service.status(args.number).to_wire())


def _reprint(ctx: Context, args: m.NumberArgs) -> OpResult:
    ticket = ctx.service.find(args.number).to_wire()
    return OpResult(ticket, reprint=ticket)


def _rate(ctx: Context, args: m.RatingArgs) -> OpResult:
    applied = ctx.service.rate(args.number, args.scores, args.comment, request=ctx.request)
    return OpResult(applied.result)


def _login(ctx: Context, args: m.LoginArgs) -> OpResult:
    ctx.throttle.check(ctx.client, args.staff)
    if not ctx.staff.verify(args.staff, args.pin, before_hashing=ctx.throttle.spend_hash):
        ctx.throttle.failed(ctx.client, args.staff)
        raise BusRefusal("wrong_pin", "unknown staff code or wrong PIN")
    ctx.throttle.succeeded(ctx.client, args.staff)
    ctx.staff.sign_in(ctx.client, args.staff, ctx.now())
    return OpResult({"staff": args.staff, "client": ctx.client})


def _logout(ctx: Context, args: m.NoArgs) -> OpResult:
    ctx.staff.sign_out(ctx.client)
    return OpResult({"client": ctx.client})


CITIZEN = frozenset({Role.KIOSK})
STAFF = frozenset({Role.COUNTER})
LOOKUP = frozenset({Role.KIOSK, Role.COUNTER, Role.RATING})
RATERS = frozenset({Role.KIOSK, Role.RATING})

_OPS = [
    Op("ticket.issue", m.IssueArgs, CITIZEN, _issue),
    Op("ticket.status", m.NumberArgs, LOOKUP, _status, changes_queue=False),
    Op("ticket.reprint", m.NumberArgs, STAFF, _reprint, changes_queue=False),
    Op("rating.submit", m.RatingArgs, RATERS, _rate),
    Op("staff.login", m.LoginArgs, STAFF, _login, changes_queue=False),
    Op("staff.logout", m.NoArgs, STAFF, _logout, changes_queue=False),
    Op("counter.open", m.CounterArgs, STAFF, _counter_op("open_counter")),
    Op("counter.close", m.CounterArgs, STAFF, _counter_op("close_counter")),
    Op("counter.call_next", m.CounterArgs, STAFF, _counter_op("call_next")),
    Op("counter.recall", m.CounterArgs, STAFF, _counter_op("recall")),
    Op("counter.serve", m.CounterArgs, STAFF, _counter_op("serve")),
    Op("counter.complete", m.CounterArgs, STAFF, _counter_op("complete")),
    Op("counter.no_show", m.CounterArgs, STAFF, _counter_op("no_show")),
    Op("counter.park", m.CounterArgs, STAFF, _counter_op("park")),
    Op("counter.unpark", m.UnparkArgs, STAFF, _counter_op("unpark", "number")),
    Op("counter.transfer", m.TransferArgs, STAFF, _counter_op("transfer", "number", "service")),
    Op("counter.pause", m.PauseArgs, STAFF, _counter_op("pause", "reason")),
    Op("counter.resume", m.CounterArgs, STAFF, _counter_op("resume")),
]
OPS: dict[str, Op] = {op.name: op for op in _OPS}
