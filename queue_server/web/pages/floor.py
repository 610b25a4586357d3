"""The live floor: counters, queues, last calls and devices, updated as the bus says.

The page is whole HTML (it reads without script); a little script listens on
``/floor/events`` and swaps the floor in as each change arrives. Each change
is rendered once per language and shared by every open page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sse_starlette.sse import EventSourceResponse
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from queue_server.domain.catalog import Text
from queue_server.domain.wait_words import queue_length, wait_range
from thaitext.words import thai_date, thai_time

from ..base import COOKIE, lang_of, page, redirect, render, templates
from ..console import Console
from ..sessions import User
from ..words import WORDS, problem_words, word

KEEPALIVE_SECONDS = 15.0
_RENDERED: dict[tuple[int, int, str], str] = {}  # (feed version, language) → the floor's HTML


def _service_name(console: Console, code: str | None) -> Text:
    if code is None:
        return Text("", "")
    try:
        return console.site.catalog.get(code).name
    except KeyError:
        return Text(code, code)


def floor_context(console: Console, lang: str) -> dict[str, Any]:
    """What the floor template shows, from the feed's last messages."""
    floor = console.feed.floor
    board = floor.board
    zone = console.site.rules().hours.zone
    listed = {client: role.value for client, role in console.site.config.clients.items()}
    devices = [d for d in floor.devices(listed) if d.role not in ("admin", "web")]

    def when(iso: str | None) -> str:
        return thai_time(datetime.fromisoformat(iso).astimezone(zone), False) if iso else ""

    queues, idle = [], 0
    if board:
        for q in board.queues:
            if not q.waiting:
                idle += 1
                continue
            queues.append({
                "prefix": q.prefix, "name": _service_name(console, q.service).in_lang(lang),
                "waiting": q.waiting, "length": queue_length(q.waiting).in_lang(lang),
                "wait": wait_range(q.wait_minutes).in_lang(lang),
            })  # fmt: skip
    return {
        "feed": console.feed.client is not None,
        "connected": floor.connected,
        "board": board,
        "date": thai_date(datetime.fromisoformat(board.at).astimezone(zone), False)
        if board
        else "",
        "at": when(board.at) if board else "",
        "queues": queues,
        "idle": (
            word("nobody_else", lang).format(n=idle) if queues else word("nobody_at_all", lang)
        )
        if idle
        else "",
        "total": sum(q["waiting"] for q in queues),
        "counters": [
            floor.counters[c.id].counter if c.id in floor.counters else c
            for c in (board.counters if board else [])
        ],  # the counter's own state names its staff
        "calls": [
            {
                "ticket": c.ticket,
                "counter": c.counter_name.in_lang(lang),
                "at": when(c.at),
                "recall": c.recall,
            }
            for c in (board.last_calls if board else [])
        ],
        "devices": devices,
        "alerts": [(d.client, problem_words(d.problem, lang)) for d in devices if d.problem],
        "reason": lambda r: word(r, lang) if r in WORDS else (r or ""),
        "when": lambda d: thai_time(d.astimezone(zone), False) if d else "",
    }


def fragment(console: Console, lang: str) -> str:
    """The floor's inner HTML at the feed's version (rendered once per change and language)."""
    key = (id(console.feed), console.feed.floor.version, lang)
    if key not in _RENDERED:
        if len(_RENDERED) > 8:
            _RENDERED.clear()
        _RENDERED[key] = templates.get_template("_floor.html").render(
            t=lambda k: word(k, lang), lang=lang, words=WORDS, **floor_context(console, lang)
        )
    return _RENDERED[key]


@page()
async def home(request: Request, console: Console, user: User) -> Response:
    return redirect("/floor")


@page()
async def floor_page(request: Request, console: Console, user: User) -> Response:
    return render(request, "floor.html", user, floor=fragment(console, lang_of(request)))


@page()
async def floor_events(request: Request, console: Console, user: User) -> Response:
    """Server-sent events: the floor again at each change (at once on (re)connecting)."""
    lang, token = lang_of(request), request.cookies.get(COOKIE)

    async def changes():  # type: ignore[no-untyped-def]
        seen = -1
        while True:
            version = await console.feed.wait_change(seen, KEEPALIVE_SECONDS)
            if version == seen:
                continue  # sse-starlette's ping keeps the line open
            if console.sessions.user(token) is None:
                yield {"event": "signedout", "data": "/signin"}
                return
            seen = version
            yield {"event": "floor", "data": fragment(console, lang)}

    return EventSourceResponse(changes(), ping=int(KEEPALIVE_SECONDS))


routes = [
    Route("/", home),
    Route("/floor", floor_page),
    Route("/floor/events", floor_events),
]
