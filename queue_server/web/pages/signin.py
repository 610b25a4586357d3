"""Signing in and out, and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from queue_server.bus.auth import BusRefusal
from queue_server.domain.staff import StaffRole

from ..base import (
    COOKIE,
    LANG_COOKIE,
    checked_form,
    console_of,
    lang_of,
    page,
    problem,
    redirect,
    refused,
    render,
    set_session_cookie,
)
from ..console import Console
from ..sessions import User


def _local(url: str | None) -> str:
    """Only a path on this console (never another site) to go to after signing in."""
    url = url or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith(("//", "/\\")):
        return "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


async def signin_page(request: Request) -> Response:
    console = console_of(request)
    if console.sessions.user(request.cookies.get(COOKIE)):
        return redirect(_local(request.query_params.get("next")))
    return render(request, "signin.html", None, next=_local(request.query_params.get("next")))


async def signin(request: Request) -> Response:
    console = console_of(request)
    form = await checked_form(request)
    if form is None:
        return refused(request, None)
    code, pin = str(form.get("staff", "")).strip(), str(form.get("pin", ""))
    address = request.client.host if request.client else "unknown"
    try:
        token = console.sign_in(address, code, pin)
    except BusRefusal as exc:
        return render(
            request, "signin.html", None, http_status=429 if exc.retry_after else 401,
            error=problem(exc, lang_of(request)), staff=code, next=_local(str(form.get("next"))),
        )  # fmt: skip
    response = redirect(_local(str(form.get("next") or "/")))
    set_session_cookie(request, response, token)  # a new token: nothing of before sign-in
    return response


@page(StaffRole.CLERK)
async def signout(request: Request, console: Console, user: User) -> Response:
    console.sessions.sign_out(request.cookies.get(COOKIE))
    response = redirect("/signin")
    response.delete_cookie(COOKIE, path="/")
    return response


async def language(request: Request) -> Response:
    """Switch the console's language (a preference only: it changes nothing kept)."""
    lang = "en" if request.path_params["lang"] == "en" else "th"
    response = redirect(_local(request.query_params.get("next")))
    response.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="lax", max_age=365 * 86400)
    return response


routes = [
    Route("/signin", signin_page, methods=["GET"]),
    Route("/signin", signin, methods=["POST"]),
    Route("/signout", signout, methods=["POST"]),
    Route("/lang/{lang}", language, methods=["GET"]),
]
