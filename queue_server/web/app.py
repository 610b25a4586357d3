"""The console's ASGI app: its pages, static files, security headers and error pages."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from http import HTTPStatus
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from queue_server import logs, watchdog
from thaitext.fonts import font_path

from .base import COOKIE, console_of, lang_of, message
from .console import Console
from .pages import audit, casework, catalog, floor, phone, reports, setup, signin, staff
from .phone_words import PHONE_STYLE_HASH
from .words import word

log = logs.get(__name__)

# Only this console's own files: no inline script, no other site's, never in a frame. The
# one inline style is the phone page's own, by its hash (a slow phone paints without waiting
# for a second request).
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self' '" + PHONE_STYLE_HASH
     + b"'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]  # fmt: skip


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/") or scope["path"] == "/favicon.ico"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in SECURITY_HEADERS if not (static and h[0] == b"cache-control")]
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        await self.app(scope, receive, with_headers)


# No form of the console comes near this (a catalog service with its manual is a few KB):
# a larger body is refused before it is read, so nobody fills the server's memory.
MAX_BODY_BYTES = 1024 * 1024


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("POST", "PUT", "PATCH"):
            size = dict(scope["headers"]).get(b"content-length", b"")
            if not size.isdigit() or int(size) > MAX_BODY_BYTES:
                status = 411 if not size else 413
                await PlainTextResponse(HTTPStatus(status).phrase, status)(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def phone_not_found(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    return phone.said(request, phone.lang_of(request), status, "unknown")


async def phone_error(request: Request, exc: Exception) -> Response:
    log.error("phone_page_failed", path=request.url.path, error=repr(exc))
    return phone.said(request, phone.lang_of(request), 500, "error")


async def not_found(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    if phone.is_phone_path(request.url.path):  # a citizen's phone: its own page, no cookie
        return await phone_not_found(request, exc)
    user = console_of(request).sessions.user(request.cookies.get(COOKIE))
    return message(request, user, status, word("not_found", lang_of(request)))


async def server_error(request: Request, exc: Exception) -> Response:
    """Never a stack trace on the page: the log has it, the person gets words."""
    if phone.is_phone_path(request.url.path):
        return await phone_error(request, exc)
    log.error("console_page_failed", path=request.url.path, error=repr(exc))
    return message(request, None, 500, word("error", lang_of(request)))


async def _watchdog() -> None:
    """Tell systemd the console is alive while its event loop turns (a hung loop is
    restarted: `oss-queue install server`'s unit has a watchdog)."""
    interval = watchdog.interval_seconds()
    while interval:
        watchdog.alive()
        await asyncio.sleep(interval)


def build_phone_app(console: Console) -> Starlette:
    """The phone pages alone, for ``web.phone_port``: nothing of the console answers there.
    It shares the console's feeds, started by the console app's lifespan in the same loop."""
    static = StaticFiles(directory=Path(__file__).with_name("static"))
    app = Starlette(
        routes=[*phone.routes, Mount("/static", app=static, name="static")],
        exception_handlers={404: phone_not_found, 405: phone_not_found, 500: phone_error},
    )
    app.state.console = console
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    return app


def build_app(console: Console) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await console.feed.start()
        await console.phones.start()
        pinger = asyncio.create_task(_watchdog(), name="watchdog")
        watchdog.ready()
        try:
            yield
        finally:
            pinger.cancel()
            await console.phones.stop()
            await console.feed.stop()

    fonts = StaticFiles(directory=font_path().parent)
    static = StaticFiles(directory=Path(__file__).with_name("static"))
    routes = [
        *signin.routes, *floor.routes, *casework.routes, *reports.routes, *staff.routes,
        *audit.routes, *catalog.routes, *setup.routes, *phone.routes,
        Mount("/static/fonts", app=fonts, name="fonts"),
        Mount("/static", app=static, name="static"),
    ]  # fmt: skip
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={404: not_found, 405: not_found, 500: server_error},
    )
    app.state.console = console
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    return app
