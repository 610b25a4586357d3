"""The province board app: every centre's retained board and presence in, pages of tiles out.

It reads the province broker (EMQX, fed by each centre's bridge) with a
read-only account and never writes: no presence, no Last Will, no requests.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from kivy.clock import Clock

from queue_server.bus import messages as m
from queue_server.bus.client import BusClient
from queue_server.bus.topics import ROOT
from queue_server.domain.service_day import BANGKOK

from .board import ProvinceScreen
from .view import CentreFeed, province_view

BOARDS = f"{ROOT}/+/state/board"
PRESENCES = f"{ROOT}/+/presence/#"


def _now() -> datetime:
    return datetime.now(BANGKOK)


def site_of(topic: str) -> str:
    return topic.split("/")[1]


class ProvinceController:
    def __init__(
        self,
        client: BusClient,
        page_seconds: float = 12,
        now: Callable[[], datetime] = _now,
        columns: int = 4,
        rows: int = 3,
    ) -> None:
        self.client = client
        self.page_seconds = page_seconds
        self.now = now
        self.feeds: dict[str, CentreFeed] = {}
        self.page = 0
        self.screen = self.root = ProvinceScreen(columns, rows)
        self._events: list[Any] = []
        self._redraw_soon = Clock.create_trigger(lambda _dt: self.redraw(), 0.2)
        client.subscribe(BOARDS, self._on_board, m.BoardState)
        client.on_presence(PRESENCES, self._on_presence)
        client.on_connection(lambda _connected: self._redraw_soon())

    def start(self) -> None:
        self.client.start(wait=None)
        self._events = [
            Clock.schedule_interval(lambda _dt: self.client.poll(), 0.05),
            Clock.schedule_interval(lambda _dt: self._each_second(), 1.0),
            Clock.schedule_interval(lambda _dt: self.next_page(), self.page_seconds),
        ]
        self.screen.show_time(self.now())
        self.redraw()

    def stop(self) -> None:
        for event in self._events:
            event.cancel()
        self.client.stop()

    def _feed(self, topic: str) -> CentreFeed:
        return self.feeds.setdefault(site_of(topic), CentreFeed())

    def _on_board(self, topic: str, board: m.BoardState) -> None:
        feed = self._feed(topic)
        feed.board = board
        # When the centre's server wrote it (it rewrites it every 30 s), not when it arrived:
        # a centre dead since yesterday still has its last board retained at the province.
        feed.heard = datetime.fromisoformat(board.at) if board.at else self.now()
        self._redraw_soon()

    def _on_presence(self, topic: str, presence: m.Presence) -> None:
        feed = self._feed(topic)
        feed.presences = {**(feed.presences or {}), topic: presence}
        self._redraw_soon()

    def next_page(self) -> None:
        self.page += 1
        self.redraw()

    def redraw(self) -> None:
        view = province_view(self.feeds, self.now())
        self.screen.show(view, self.page, self.client.connected)

    def _each_second(self) -> None:
        self.screen.show_time(self.now())
