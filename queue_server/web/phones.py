"""The phones' feed: every active ticket's view, read once after each change, for all.

A thousand phones may follow their tickets at once. Each change the bus
reports (the board's state, published after every change the server makes)
leads to one read of the day (``Following.active``) in a worker thread; each
open page then takes its own ticket's view from the result, and its words are
made once per language (``update``). Without word from the bus the views are
read again every ``REREAD_SECONDS`` anyway: a change from the server box's CLI
publishes no state, a message may be lost, the console may have no broker
account. Nothing is read while no page is open.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import resource
import time
from collections import Counter
from collections.abc import Mapping
from typing import Any, NamedTuple

from queue_server import logs
from queue_server.config import Site
from queue_server.following import Followed, Following

from .feed import FloorFeed
from .phone_words import ticket_words

log = logs.get(__name__)

REREAD_SECONDS = 5.0
# Every open page hears from the feed at least this often (a comment line when nothing
# changed): phones and Wi-Fi routers drop a line that stays silent.
BEAT_SECONDS = 15.0
MAX_STREAMS = 20_000


class Update(NamedTuple):
    seq: int  # the site's version it was read at: a page never goes back to an older one
    finished: bool
    payload: str


def stream_capacity() -> int:
    """Open live pages this process can hold: half its open-file limit (the database, the
    broker, the pages themselves need the rest)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return max(16, min(MAX_STREAMS, soft // 2))


def more_open_files() -> None:
    """The soft limit on open files raised to the hard one (systemd's default soft limit,
    1024, is a thousand phones; the unit asks for more)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class PhoneFeed:
    def __init__(self, following: Following, floor: FloorFeed, site: Site) -> None:
        self.following = following
        self.floor = floor
        self.site = site
        self.views: dict[str, Followed] = {}
        self.version = 0
        # resolved at each new version and replaced: a thousand pages wait on one future
        # (no lock handed from page to page, no timer each)
        self._next: asyncio.Future[None] | None = None
        self._beaten = self._read_at = time.monotonic()
        self.streams: Counter[str] = Counter()  # open live pages by address
        # the most open at once: each is a connection, and the process has so many files
        self.most_streams = stream_capacity()
        self.reread_seconds = REREAD_SECONDS
        self._read: tuple[str | None, int] | None = None  # the board (run, seq) last read at
        self._payloads: dict[tuple[str, str], str] = {}
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._next = asyncio.get_running_loop().create_future()
        self._task = asyncio.create_task(self._follow(), name="phone-feed")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def next_beat(self) -> None:
        """Until the views are read again, or a beat passes without (a page's task
        cancelled meanwhile leaves the others waiting)."""
        assert self._next is not None, "the feed is started with the web server"
        await asyncio.shield(self._next)

    def _beat(self) -> None:
        told, self._next = self._next, asyncio.get_running_loop().create_future()
        self._beaten = time.monotonic()
        if told is not None:
            told.set_result(None)

    def payload(self, wire: Mapping[str, Any], lang: str) -> str:
        """A live update: the page's words as JSON."""
        return json.dumps(ticket_words(wire, self.site, lang), ensure_ascii=False)

    def update(self, token: str, lang: str) -> Update | None:
        """The update for ``token``'s page from the views read last (made once per version
        and language), or None when its ticket is not among them."""
        view = self.views.get(token)
        if view is None:
            return None
        key = (token, lang)
        made = self._payloads.get(key)
        if made is None:
            made = self._payloads[key] = self.payload(view.to_wire(), lang)
        return Update(view.seq, view.finished, made)

    async def _follow(self) -> None:
        seen = -1
        while True:
            seen = await self.floor.wait_change(seen, self.reread_seconds)
            if time.monotonic() - self._beaten > BEAT_SECONDS:
                self._beat()
            board = self.floor.floor.board
            mark = (board.run, board.seq) if board is not None else None
            if not self.streams:
                self._read = None  # the first page to open reads afresh
                continue
            if mark is not None and mark == self._read and not self._due():
                continue  # a device came or went: nothing of the queue changed
            await self.refresh(mark)

    def _due(self) -> bool:
        """Read again without word from the bus: a change from the server box's CLI
        (`oss-queue counter call`) publishes no state of its own."""
        return time.monotonic() - self._read_at >= self.reread_seconds

    async def refresh(self, mark: tuple[str | None, int] | None = None) -> None:
        """Read every active ticket's view again (in a thread: the loop serves meanwhile)."""
        try:
            views = await asyncio.to_thread(self.following.active)
        except Exception as exc:  # the database away for a moment: the pages keep the last
            log.warning("phone_views_unread", error=repr(exc))
            return
        self._read, self._read_at = mark, time.monotonic()
        if views == self.views:
            return  # nothing a page shows has changed
        self.views, self._payloads = views, {}
        self.version += 1
        self._beat()
