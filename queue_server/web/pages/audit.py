"""The audit log (supervisor): who changed what in the console, with before and after."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from queue_server.domain.staff import StaffRole

from ..base import page, render
from ..console import Console
from ..sessions import User


@page(StaffRole.SUPERVISOR)
async def audit_page(request: Request, console: Console, user: User) -> Response:
    target = request.query_params.get("target") or None
    entries = console.audit.recent(300, target=target)
    zone = console.site.rules().hours.zone
    return render(
        request, "audit.html", user, entries=entries, target=target or "", zone=zone,
        shown=lambda value: "" if value is None else json.dumps(value, ensure_ascii=False),
    )  # fmt: skip


routes = [Route("/audit", audit_page)]
