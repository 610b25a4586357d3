"""What the live floor shows, as the bus tells it: board, counters, devices.

The console reads the bus as a device of its own (role ``web``: it may read
state, calls and presence, and write nothing but its own presence). Messages
are taken off the client's queue by a task on the web server's event loop, so
every open page is told of a change in the same loop that serves it, within a
poll interval of the broker's delivery.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from queue_server import logs
from queue_server.bus import messages as m
from queue_server.bus.client import BusClient
from queue_server.bus.fleet import Device, devices

log = logs.get(__name__)

POLL_SECONDS = 0.01


@dataclass
class Floor:
    """The last of each kind of message (a new page starts from these)."""

    board: m.BoardState | None = None
    counters: dict[str, m.CounterState] = field(default_factory=dict)
    presences: dict[str, m.Presence] = field(default_factory=dict)
    last_call: m.CallEvent | None = None
    connected: bool = False
    version: int = 0

    def devices(self, listed: Mapping[str, str]) -> list[Device]:
        return devices(self.presences.values(), listed)


class FloorFeed:
    def __init__(self, client: BusClient | None) -> None:
        """``client``: None when the console has no broker account (no live floor)."""
        self.client = client
        self.floor = Floor()
        self._changed: asyncio.Condition | None = None
        self._task: asyncio.Task[None] | None = None
        if client is not None:
            client.on_board(self._board)
            client.subscribe(f"{client.topics.base}/state/counter/+", self._counter, m.CounterState)
            client.on_presence(client.topics.all_presence, self._presence)
            client.on_call(self._call)
            client.on_connection(self._connection)

    # -- bus handlers (run by poll() on the event loop) --------------------

    def _bump(self) -> None:
        self.floor.version += 1

    def _board(self, topic: str, state: m.BoardState) -> None:
        self.floor.board = state
        self._bump()

    def _counter(self, topic: str, state: m.CounterState) -> None:
        self.floor.counters[state.counter.id] = state
        self._bump()

    def _presence(self, topic: str, presence: m.Presence) -> None:
        if presence.client:
            self.floor.presences[presence.client] = presence
            self._bump()

    def _call(self, topic: str, call: m.CallEvent) -> None:
        self.floor.last_call = call
        self._bump()

    def _connection(self, up: bool) -> None:
        self.floor.connected = up
        self._bump()

    # -- lifecycle on the web server's loop --------------------------------

    async def start(self) -> None:
        self._changed = asyncio.Condition()
        if self.client is None:
            return
        self.client.start(wait=None)  # keeps trying; the floor says while it is not connected
        self._task = asyncio.create_task(self._pump(), name="floor-feed")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self.client is not None:
            await asyncio.to_thread(self.client.stop)

    async def _pump(self) -> None:
        assert self._changed is not None
        while True:
            before = self.floor.version
            self.client.poll()  # type: ignore[union-attr]
            if self.floor.version != before:
                async with self._changed:
                    self._changed.notify_all()
            await asyncio.sleep(POLL_SECONDS)

    async def wait_change(self, seen: int, timeout: float) -> int:
        """The floor's version once it differs from ``seen`` (or ``seen`` after ``timeout``)."""
        if self._changed is None or self.floor.version != seen:
            return self.floor.version
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: self.floor.version != seen), timeout
                )
        return self.floor.version
