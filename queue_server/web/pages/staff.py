"""Staff (supervisor): add a code, set or reset a PIN, change a role, unlock, deactivate.

Staff are codes, never names (PDPA). The audit log keeps each change's role
and state before and after, never a PIN.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from queue_server.bus.auth import ANY_TERMINAL
from queue_server.bus.messages import LoginArgs
from queue_server.domain.staff import StaffRole

from ..base import lang_of, page, redirect, render
from ..console import Console
from ..sessions import User
from ..words import word


def _record(console: Console, code: str) -> dict[str, Any] | None:
    for member, active, role in console.staff.members():
        if member == code:
            return {"code": member, "role": role.value, "active": active}
    return None


def _page(
    request: Request, console: Console, user: User, status: int = 200, **extra: Any
) -> Response:
    locks = {
        code: until for client, code, until in console.staff.locks(console.clock())
        if client == ANY_TERMINAL
    }  # fmt: skip
    return render(
        request, "staff.html", user, http_status=status, members=console.staff.members(),
        locks=locks, roles=list(StaffRole), saved=request.query_params.get("saved"), **extra,
    )  # fmt: skip


@page(StaffRole.SUPERVISOR)
async def staff_page(request: Request, console: Console, user: User) -> Response:
    return _page(request, console, user)


def _checked_pin(form: Any, code: str, lang: str) -> tuple[str | None, str | None]:
    """(the PIN, None) or (None, what is wrong with it)."""
    pin, again = str(form.get("pin") or ""), str(form.get("pin_again") or "")
    if pin != again:
        return None, word("pins_differ", lang)
    try:
        LoginArgs(staff=code, pin=pin)
    except ValidationError as exc:
        wrong = {e["loc"][0] for e in exc.errors()}
        return None, word("code_rule" if "staff" in wrong else "pin_rule", lang)
    return pin, None


def _role(form: Any) -> StaffRole | None:
    try:
        return StaffRole(str(form.get("role")))
    except ValueError:
        return None


@page(StaffRole.SUPERVISOR)
async def staff_add(request: Request, console: Console, user: User) -> Response:
    form, lang = request.state.form, lang_of(request)
    code = str(form.get("code") or "").strip()
    role = _role(form) or StaffRole.CLERK
    pin, wrong = _checked_pin(form, code, lang)
    if wrong is None and _record(console, code) is not None:
        wrong = word("code_taken", lang)
    if wrong is None and not user.may(role):
        wrong = word("forbidden_admin", lang)
    if wrong is not None or pin is None:
        return _page(request, console, user, 400, add_error=wrong, code=code)
    console.staff.set_pin(code, pin, console.clock(), role)
    console.audited(user, "staff.add", f"staff {code}", None, _record(console, code))
    return redirect(f"/staff?saved={code}")


@page(StaffRole.SUPERVISOR)
async def staff_change(request: Request, console: Console, user: User) -> Response:
    """One member's change: ``what`` is pin, role, unlock or deactivate."""
    form, lang = request.state.form, lang_of(request)
    code, what = request.path_params["code"], request.path_params["what"]
    before = _record(console, code)
    if before is None:
        return _page(request, console, user, 404, errors={code: word("none_found", lang)})
    wrong = None
    if what == "pin":
        pin, wrong = _checked_pin(form, code, lang)
        if pin is not None:
            console.staff.set_pin(code, pin, console.clock())
            console.staff.forgive(staff=code)  # a new PIN lifts the code's lock
    elif what == "role":
        role = _role(form)
        if role is None or not user.may(role) or not user.may(StaffRole(before["role"])):
            wrong = word("forbidden_admin", lang)
        elif code == user.code and role is not user.role:
            wrong = word("yourself", lang)
        else:
            console.staff.set_role(code, role)
    elif what == "unlock":
        console.staff.forgive(staff=code)
    elif what == "deactivate":
        if code == user.code:
            wrong = word("yourself", lang)
        elif not user.may(StaffRole(before["role"])):
            wrong = word("forbidden_admin", lang)
        else:
            console.staff.deactivate(code)
    else:
        return _page(request, console, user, 404)
    if wrong is not None:
        return _page(request, console, user, 400, errors={code: wrong})
    console.audited(user, f"staff.{what}", f"staff {code}", before, _record(console, code))
    return redirect(f"/staff?saved={code}")


routes = [
    Route("/staff", staff_page, methods=["GET"]),
    Route("/staff", staff_add, methods=["POST"]),
    Route("/staff/{code}/{what}", staff_change, methods=["POST"]),
]
