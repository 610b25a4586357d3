"""The display board app: retained state in, a drawn board and spoken calls out."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from kivy.clock import Clock

from queue_server.bus import messages as m
from queue_server.config import Site
from queue_server.domain.follow import centre_url
from queue_server.domain.service_day import BANGKOK
from queue_server.ops.memory import freeze_what_start_made

from ..common.bus_link import BusLink
from ..common.catalog_feed import CatalogFeed
from ..voice.announcer import Announcer, Call, Player
from ..voice.players import KivyPlayer, SilentPlayer
from ..voice.site import site_clips, site_pack
from .board import BoardScreen
from .view import board_view, queue_names

REST_DELAY = 0.15


def _now() -> datetime:
    return datetime.now(BANGKOK)


def voice_for(site: Site, player: Player | None = None) -> Announcer:
    voice = site.config.screens.voice
    pack = site_pack(site)
    chosen: Player = player or (KivyPlayer() if voice.enabled else SilentPlayer())
    return Announcer(pack, voice.wording, voice.number_reading, chosen, voice=voice.enabled)


class DisplayController:
    """Wires the bus to the board and the announcer; everything runs on Kivy's clock."""

    def __init__(
        self,
        site: Site,
        link: BusLink,
        announcer: Announcer,
        now: Callable[[], datetime] = _now,
    ) -> None:
        self.site = site
        self.link = link
        self.announcer = announcer
        self.now = now
        cfg = site.config.screens.display
        self.flash_seconds = cfg.flash_seconds
        self.last_calls = cfg.last_calls
        self.names = queue_names(site.catalog)
        name = site.config.site.name
        self.screen = self.root = BoardScreen(
            name.text,
            cfg.banner.text if cfg.banner else None,
            portrait=cfg.orientation == "portrait",
            last_calls=cfg.last_calls,
            logo=site.logo,
            phone_qr=centre_url(phone) if (phone := site.config.web.phone_url) and cfg.phone_qr
            else None,
        )  # fmt: skip
        self.state: m.BoardState | None = None
        self.calls_heard: list[m.CallEvent] = []
        self._flash_until: dict[str, float] = {}
        self._events: list[Any] = []
        # The called number is drawn in the frame after the call arrives; the rest of the
        # board (last calls, queues: a dozen labels to re-render) follows a moment later.
        self._redraw_soon = Clock.create_trigger(lambda _dt: self.redraw(), REST_DELAY)
        self.on_drawn: Callable[[], None] | None = None
        link.client.on_board(self._on_board)
        link.client.on_call(self._on_call)
        self.catalog = CatalogFeed(link, site, self._catalog_changed)
        link.on_connection(self.screen.set_online)
        self.screen.set_online(False)
        self.screen.show_time(now())

    # -- lifecycle -------------------------------------------------------

    def start(self) -> None:
        self.link.start()
        missing = self.announcer.pack.missing(site_clips(self.site)) if self.announcer.voice else []
        self.link.client.set_presence(voice_missing_clips=len(missing))
        self._events = [
            Clock.schedule_interval(lambda _dt: self.announcer.tick(), 0.03),
            Clock.schedule_interval(lambda _dt: self._each_second(), 1.0),
        ]
        freeze_what_start_made()  # no full collection walking the board's widgets mid-call

    def stop(self) -> None:
        for event in self._events:
            event.cancel()
        self.link.stop()

    # -- bus handlers (main thread) ---------------------------------------

    def _on_board(self, topic: str, state: m.BoardState) -> None:
        self.state = state
        self._redraw_soon()

    def _catalog_changed(self, site: Site) -> None:
        self.site = site
        self.names = queue_names(site.catalog)
        self.redraw()

    def _on_call(self, topic: str, call: m.CallEvent) -> None:
        self.calls_heard.append(call)
        self.announcer.announce(Call(call.ticket, call.counter, call.recall))
        self._flash_until[call.ticket] = time.monotonic() + self.flash_seconds
        if self.state is not None:
            # Show the call at once; the board state that follows confirms it.
            self.state = _with_call(self.state, call)
            view = board_view(self.state, self.names, self.last_calls, self.now())
            self.screen.show_counters(view, self.flashing())
            if self.on_drawn is not None:
                self.on_drawn()
        self._redraw_soon()

    # -- drawing ----------------------------------------------------------

    def flashing(self) -> set[str]:
        now = time.monotonic()
        return {ticket for ticket, until in self._flash_until.items() if until > now}

    def redraw(self) -> None:
        if self.state is None:
            return
        view = board_view(self.state, self.names, self.last_calls, self.now())
        self.screen.show(view, self.flashing())
        if self.on_drawn is not None:
            self.on_drawn()

    def _each_second(self) -> None:
        self.screen.show_time(self.now())
        expired = [t for t, until in self._flash_until.items() if until <= time.monotonic()]
        for ticket in expired:
            del self._flash_until[ticket]
        if expired:
            self.redraw()


def _with_call(state: m.BoardState, call: m.CallEvent) -> m.BoardState:
    counters = [
        c.model_copy(update={"ticket": call.ticket, "status": "open"})
        if c.id == call.counter
        else c
        for c in state.counters
    ]
    wire = m.CallWire.model_validate(call.model_dump(exclude={"v"}))
    calls = [wire, *[c for c in state.last_calls if c.ticket != call.ticket]]
    return state.model_copy(update={"counters": counters, "last_calls": calls})
