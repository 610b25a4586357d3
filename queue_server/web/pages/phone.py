"""The citizen's phone: the page a ticket's QR opens, live, and the centre's page.

No sign-in, no cookie: the token in the address is the only key, and it opens
one ticket's page (its number, its place, its counter when called, its rating
once, its forwarded case). Every request counts against its address's budget
(``limits.phone``); a token no ticket has counts against a tighter one
(``limits.phone_misses``), and once that is spent no token is looked up for
the address until it refills, so nobody finds tickets by trying. Reads and
the rating go through the one operation table as role ``phone``.
"""

from __future__ import annotations

import asyncio
import functools
import math
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from queue_server.bus import messages as m
from queue_server.bus.auth import BusRefusal
from queue_server.bus.ops import OPS, Context
from queue_server.bus.refusals import refusal as refusal_words
from queue_server.config.models import Role
from queue_server.domain.errors import DomainError, ErrorCode
from queue_server.domain.questionnaire import ABOUT_YOU, ANYTHING_ELSE, LEVEL_WORDS, about
from queue_server.domain.ratings import PROFILE, PROFILE_NAMES
from queue_server.domain.wait_words import queue_length, wait_range
from queue_server.following import RATING_OPEN, finished
from thaitext.words import thai_time

from ..base import console_of, templates
from ..console import Console
from ..phone_words import (
    PHONE_STYLE,
    PHONE_WORDS,
    case_words,
    say,
    service_name,
    ticket_words,
)
from ..phone_words import (
    said as said_in,
)
from ..phones import Update
from ..sessions import csrf_of

RECONNECT_MS = 2000
# The rating form is a few hundred bytes: anything much larger is not one (refused unread).
MAX_FORM_BYTES = 8 * 1024
MAX_FORM_FIELDS = 100
_CHIP = re.compile(r"[0-9]{1,2}")
PhoneHandler = Callable[[Request, Console, str], Awaitable[Response]]


def lang_of(request: Request, default: str = "th") -> str:
    """``?lang=en`` on the address: a phone keeps no cookie of ours."""
    wanted = request.query_params.get("lang", default)
    return wanted if wanted in ("th", "en") else default


def page(
    request: Request, template: str, lang: str, *, status: int = 200, **context: Any
) -> HTMLResponse:
    centre = said_in(console_of(request).site.config.site.name.text, lang)
    html = templates.get_template(template).render(
        lang=lang, other="en" if lang == "th" else "th", centre=centre, style=PHONE_STYLE,
        w=lambda key, **v: say(key, lang, **v), **context,
    )  # fmt: skip
    return HTMLResponse(html, status_code=status)


def said(request: Request, lang: str, status: int, key: str, **values: Any) -> HTMLResponse:
    """A page that only says something (no such ticket, its day is over, too many)."""
    return page(
        request, "phone_message.html", lang, status=status, message=say(key, lang, **values)
    )


def throttled(request: Request, lang: str, wait: float) -> HTMLResponse:
    """Says how long, and tries again by itself then: a citizen waiting for a call must not
    be left on this page."""
    seconds = max(1, math.ceil(wait))
    words = say("throttled", lang, n=seconds)
    response = page(
        request, "phone_message.html", lang, status=429, message=words, refresh=seconds + 1
    )
    response.headers["retry-after"] = str(seconds)
    return response


PHONE_PATHS = ("/t/", "/T/")
PHONE_PAGES = ("/q", "/Q", "/favicon.ico")


def is_phone_path(path: str) -> bool:
    """What a citizen's phone asks for (its answers set no cookie and wear the phone's
    style, whatever goes wrong)."""
    return path.startswith(PHONE_PATHS) or path in PHONE_PAGES


async def favicon(request: Request) -> Response:
    """Every phone asks for it first: nothing, rather than a page that is not there."""
    return Response(status_code=204, headers={"cache-control": "max-age=86400"})


def address_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def phone(handler: PhoneHandler) -> Callable[[Request], Awaitable[Response]]:
    """Every phone request: its address's budget first, then the handler."""

    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        console = console_of(request)
        console.refresh()
        address = address_of(request)
        wait = console.phone_limits.request(address, Role.PHONE)
        token = str(request.path_params.get("token", "")).upper()
        if token and not wait:
            wait = console.phone_limits.misses_spent(address)
        if wait:
            return throttled(request, lang_of(request), wait)
        return await handler(request, console, token)

    return endpoint


def run_op(console: Console, name: m.OpName, args: dict[str, Any]) -> Any:
    """An operation of the one table, as a citizen's phone."""
    op = OPS[name.value]
    if Role.PHONE not in op.roles:
        raise BusRefusal(m.BusCode.FORBIDDEN, f"a phone may not {name.value}")
    service = console.centre.service
    context = Context(
        service, console.centre.staff, console.throttle, "phone", Role.PHONE, None, console.clock
    )
    return op.run(context, op.args.model_validate(args)).result


def follow(console: Console, token: str) -> dict[str, Any]:
    """``ticket.follow`` as a phone: the ticket's view in its wire form."""
    return run_op(console, m.OpName.TICKET_FOLLOW, {"token": token})  # type: ignore[no-any-return]


async def followed(
    request: Request, console: Console, token: str
) -> tuple[dict[str, Any] | None, Response | None]:
    """The ticket's view, or the page that says why there is none."""
    lang = lang_of(request)
    try:
        view = await asyncio.to_thread(follow, console, token)
    except DomainError as exc:
        if exc.code is ErrorCode.TICKET_EXPIRED:
            return None, said(request, lang, 410, "expired")
        console.phone_limits.miss(address_of(request))
        return None, said(request, lang, 404, "unknown")
    except ValidationError:  # not even the shape of a token
        console.phone_limits.miss(address_of(request))
        return None, said(request, lang, 404, "unknown")
    return view, None


def rating_form(console: Console, lang: str) -> dict[str, Any]:
    """The tablet's questions (Site.rating_questions) on one page."""
    rating = console.site.config.rating

    return {
        "questions": [
            {
                "id": q.id,
                "text": said_in(q.text, lang),
                # an item's section above it; a section's own question names it already
                "section": said_in(q.section, lang)
                if q.section and q.text != about(q.section)
                else "",
            }
            for q in console.site.rating_questions()
        ],
        "levels": [(level, said_in(words, lang)) for level, words in LEVEL_WORDS.items()],
        "comments": [said_in(c.text, lang) for c in console.site.config.screens.rating.comments],
        "anything_else": said_in(ANYTHING_ELSE, lang),
        "profile": [
            (
                key,
                said_in(PROFILE_NAMES[key], lang),
                [(v, said_in(t, lang)) for v, t in bands.items()],
            )
            for key, bands in PROFILE.items()
        ]
        if rating.profile and rating.mode == "full"
        else [],
        "about_you": said_in(ABOUT_YOU, lang),
    }


def ticket_page(
    request: Request, console: Console, token: str, view: dict[str, Any], **extra: Any
) -> HTMLResponse:
    lang = lang_of(request, view["lang"])
    words = ticket_words(view, console.site, lang)
    context: dict[str, Any] = {
        "v": words,
        "token": token,
        "live": None if words["finished"] else f"/t/{token}/events?lang={lang}",
        "rating": view["rating"],
        "case": case_words(view, lang),
        "csrf": csrf_of(token),
        **extra,
    }
    if view["rating"] == RATING_OPEN:
        context.update(rating_form(console, lang))
    return page(request, "phone_ticket.html", lang, **context)


@phone
async def ticket(request: Request, console: Console, token: str) -> Response:
    view, refusal = await followed(request, console, token)
    return refusal or ticket_page(request, console, token, view)  # type: ignore[arg-type]


@phone
async def events(request: Request, console: Console, token: str) -> Response:
    """Server-sent events: the ticket's words at once (a phone waking catches up), then at
    each change of its view; the page reloads itself once the ticket is finished."""
    view, refusal = await followed(request, console, token)
    if refusal is not None:
        return refusal
    assert view is not None
    feed, lang = console.phones, lang_of(request, view["lang"])
    address = address_of(request)
    if feed.streams[address] >= console.site.config.limits.phone_streams:
        return throttled(request, lang, RECONNECT_MS / 1000 * 5)  # one phone, many pages
    if sum(feed.streams.values()) >= feed.most_streams:
        busy = said(request, lang, 503, "busy")
        busy.headers["retry-after"] = "10"
        return busy

    async def changes() -> AsyncIterator[str]:
        seq, sent = view["seq"], feed.payload(view, lang)
        yield f"retry: {RECONNECT_MS}\nevent: ticket\ndata: {sent}\n\n"
        if finished(view["state"]):
            return
        feed.streams[address] += 1
        try:
            while True:
                version = feed.version
                await feed.next_beat()
                if feed.version == version:
                    yield ": still here\n\n"
                    continue
                update = feed.update(token, lang)
                if update is None:  # it left the active tickets: done, no-show…
                    try:
                        wire = await asyncio.to_thread(follow, console, token)
                    except DomainError:
                        return  # its day ended while the page was open: the reload says so
                    update = Update(wire["seq"], finished(wire["state"]), feed.payload(wire, lang))
                if update.seq < seq:
                    continue  # read before the words already sent
                seq = update.seq
                if update.payload != sent:
                    sent = update.payload
                    yield f"event: ticket\ndata: {sent}\n\n"
                if update.finished:
                    return
        finally:
            feed.streams[address] -= 1
            if not feed.streams[address]:
                del feed.streams[address]

    # A plain stream, not sse-starlette's: its four tasks and timed sends a connection cost
    # more than the rest of an update when a thousand phones follow (bench/phones). A
    # hang-up cancels the stream; `oss-queue web` ends open streams on shutdown.
    return StreamingResponse(
        changes(), media_type="text/event-stream", headers={"x-accel-buffering": "no"}
    )


@phone
async def rate(request: Request, console: Console, token: str) -> Response:
    """The satisfaction form, once per ticket, through ``rating.submit`` as a phone."""
    lang = lang_of(request)
    size = request.headers.get("content-length", "")
    if not size.isascii() or not size.isdigit() or int(size) > MAX_FORM_BYTES:
        return said(request, lang, 413, "form_too_large")  # read nothing of it
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    view, refusal = await followed(request, console, token)
    if refusal is not None:
        return refusal
    assert view is not None
    if form.get("csrf") != csrf_of(token):
        return said(request, lang, 403, "form_stale")
    asked = [q.id for q in console.site.rating_questions()]
    scores = {q: form.get(f"q:{q}") for q in asked}
    if not all(isinstance(v, str) and v in ("1", "2", "3", "4", "5") for v in scores.values()):
        return ticket_page(request, console, token, view, rate_problem=say("rate_missing", lang))
    chips = console.site.config.screens.rating.comments
    chosen = sorted({int(i) for i in form.getlist("comment") if _CHIP.fullmatch(str(i))})
    comment = " / ".join(chips[i].th for i in chosen if i < len(chips)) or None
    profile = {k: v for k in PROFILE if isinstance(v := form.get(f"p:{k}"), str) and v}
    args: dict[str, Any] = {
        "token": token, "scores": {q: int(v) for q, v in scores.items()},  # type: ignore[arg-type]
        "comment": comment, "profile": profile or None,
    }  # fmt: skip
    try:
        await asyncio.to_thread(run_op, console, m.OpName.RATING_SUBMIT, args)
    except DomainError as exc:
        if exc.code is not ErrorCode.ALREADY_RATED:  # given twice: the page says thank you
            words = said_in(refusal_words(str(exc.code), exc.message), lang)
            return page(request, "phone_message.html", lang, status=409, message=words)
    except (BusRefusal, ValueError):
        return said(request, lang, 400, "form_stale")
    return RedirectResponse(f"/t/{token}?lang={lang}", status_code=303)


@phone
async def centre(request: Request, console: Console, token: str) -> Response:
    """The board's QR: each queue's length and wait now, and how to follow a ticket."""
    lang = lang_of(request)
    board = console.feed.floor.board
    zone = console.site.rules().hours.zone
    queues = []
    if board is not None:
        for q in board.queues:
            if q.waiting:
                queues.append({
                    "prefix": q.prefix,
                    "name": said_in(service_name(console.site, q.service), lang),
                    "length": said_in(queue_length(q.waiting), lang),
                    "wait": said_in(wait_range(q.wait_minutes), lang),
                })  # fmt: skip
    as_of = thai_time(datetime.fromisoformat(board.at).astimezone(zone), False) if board else ""
    return page(
        request, "phone_centre.html", lang, board=board, queues=queues,
        as_of=as_of[:-3] if as_of else "", words=PHONE_WORDS,
    )  # fmt: skip


routes = [
    Route("/t/{token:str}", ticket),
    Route("/T/{token:str}", ticket),
    Route("/t/{token:str}/events", events),
    Route("/t/{token:str}/rate", rate, methods=["POST"]),
    Route("/q", centre),
    Route("/Q", centre),
    Route("/favicon.ico", favicon),
]
