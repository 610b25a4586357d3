"""The registers: forwarded cases and complaints, with filters, each one's page and updates.

Lists and updates are the op table's (``case.list``, ``case.update``,
``complaint.list``, ``complaint.update``): the same rules as at a counter
(a status moves on, never back; an answer is scrubbed of personal data),
and each update is written to the audit log with the record before it.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from queue_server.bus import messages as m
from queue_server.bus.messages import CodedError
from queue_server.casework import ComplaintInfo
from queue_server.domain import cases as case_rules
from queue_server.domain import complaints as complaint_rules
from queue_server.domain.errors import DomainError, ErrorCode

from ..base import lang_of, message, page, problem, redirect, render
from ..console import Console
from ..sessions import User

N = m.OpName


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@page()
async def case_list(request: Request, console: Console, user: User) -> Response:
    q = request.query_params
    show = q.get("show", "open")
    found = console.run(user, N.CASE_LIST, {"open_only": show != "all"}).cases
    status, agency, older = q.get("status") or "", q.get("agency") or "", _int(q.get("older"))
    overdue = q.get("overdue") == "1"
    rows = [
        c for c in found
        if (not status or c.status.value == status) and (not agency or c.agency == agency)
        and (not overdue or c.overdue) and (older is None or c.age_days >= older)
    ]  # fmt: skip
    return render(
        request, "cases.html", user, cases=rows, names=case_rules.STATUS_NAMES,
        channels=case_rules.CHANNEL_NAMES, statuses=list(case_rules.CaseStatus),
        agencies=sorted({c.agency for c in found}), show=show, status=status, agency=agency,
        older=older, overdue=overdue,
    )  # fmt: skip


def _case_page(request: Request, console: Console, user: User, **extra: Any) -> Response:
    reference = request.path_params["reference"]
    try:
        case = console.run(user, N.CASE_STATUS, {"reference": reference})
    except DomainError as exc:
        return message(request, user, 404, problem(exc, lang_of(request)))
    return render(
        request, "case.html", user, case=case, names=case_rules.STATUS_NAMES,
        channels=case_rules.CHANNEL_NAMES, next=case_rules.next_statuses(case.status),
        history=[(h.at, h.staff, case_rules.STATUS_NAMES[h.status])
                 for h in console.centre.service.cases.get(case.reference).case.history],
        zone=console.site.rules().hours.zone, **extra,
    )  # fmt: skip


@page()
async def case_page(request: Request, console: Console, user: User) -> Response:
    return _case_page(request, console, user, saved=request.query_params.get("saved") == "1")


@page()
async def case_update(request: Request, console: Console, user: User) -> Response:
    form = request.state.form
    reference = request.path_params["reference"]
    args = {"reference": reference, "status": form.get("status"),
            "agency_ref": str(form.get("agency_ref") or "").strip() or None}  # fmt: skip

    def before() -> m.CaseWire:
        return console.run(user, N.CASE_STATUS, {"reference": reference})

    return _updated(request, console, user, N.CASE_UPDATE, args, before, _case_page, "cases")


def _updated(
    request: Request, console: Console, user: User, op: m.OpName, args: dict[str, Any],
    before: Any, again: Any, register: str,
) -> Response:  # fmt: skip
    """A register entry moved on through the op table (audited), or its page again with
    why not."""
    try:
        was = before()
        console.change(user, op, args, was.reference if was else args["reference"], was)
    except (DomainError, CodedError, ValidationError) as exc:
        return _bad(request, console, user, again, problem(exc, lang_of(request)))
    return redirect(f"/{register}/{args['reference']}?saved=1")


def _bad(request: Request, console: Console, user: User, again: Any, error: str) -> Response:
    response = again(request, console, user, error=error)
    response.status_code = 400 if response.status_code == 200 else response.status_code
    return response


def _complaints(console: Console, user: User, open_only: bool) -> list[m.ComplaintWire]:
    return console.run(user, N.COMPLAINT_LIST, {"open_only": open_only}).complaints


@page()
async def complaint_list(request: Request, console: Console, user: User) -> Response:
    q = request.query_params
    show = q.get("show", "open")
    status, kind, category = q.get("status") or "", q.get("kind") or "", q.get("category") or ""
    rows = [
        c for c in _complaints(console, user, show != "all")
        if (not status or c.status.value == status) and (not kind or c.kind.value == kind)
        and (not category or c.category.value == category)
    ]  # fmt: skip
    return render(
        request, "complaints.html", user, complaints=rows, show=show, status=status, kind=kind,
        category=category, **_complaint_names(),
    )  # fmt: skip


def _complaint_names() -> dict[str, Any]:
    return {
        "names": complaint_rules.STATUS_NAMES, "kinds": complaint_rules.KIND_NAMES,
        "categories": complaint_rules.CATEGORY_NAMES, "statuses": complaint_rules.ORDER,
    }  # fmt: skip


def _complaint(console: Console, reference: str) -> ComplaintInfo | None:
    try:
        return console.centre.service.complaints.get(reference)
    except DomainError:
        return None


def _complaint_page(request: Request, console: Console, user: User, **extra: Any) -> Response:
    found = _complaint(console, request.path_params["reference"])
    if found is None:
        missing = DomainError(ErrorCode.UNKNOWN_COMPLAINT, "no such complaint")
        return message(request, user, 404, problem(missing, lang_of(request)))
    wire = m.ComplaintWire.model_validate(found.to_wire())
    order = complaint_rules.ORDER
    return render(
        request, "complaint.html", user, complaint=wire, next=order[order.index(wire.status) + 1 :],
        history=[(at, staff, complaint_rules.STATUS_NAMES[status])
                 for at, staff, status in found.complaint.history],
        zone=console.site.rules().hours.zone, **_complaint_names(), **extra,
    )  # fmt: skip


@page()
async def complaint_page(request: Request, console: Console, user: User) -> Response:
    return _complaint_page(request, console, user, saved=request.query_params.get("saved") == "1")


@page()
async def complaint_update(request: Request, console: Console, user: User) -> Response:
    form = request.state.form
    reference = request.path_params["reference"]
    args = {"reference": reference, "status": form.get("status"),
            "answer": str(form.get("answer") or "").strip() or None}  # fmt: skip

    def before() -> m.ComplaintWire | None:
        found = _complaint(console, reference)
        return m.ComplaintWire.model_validate(found.to_wire()) if found else None

    return _updated(
        request, console, user, N.COMPLAINT_UPDATE, args, before, _complaint_page, "complaints"
    )


routes = [
    Route("/cases", case_list),
    Route("/cases/{reference}", case_page, methods=["GET"]),
    Route("/cases/{reference}", case_update, methods=["POST"]),
    Route("/complaints", complaint_list),
    Route("/complaints/{reference}", complaint_page, methods=["GET"]),
    Route("/complaints/{reference}", complaint_update, methods=["POST"]),
]
