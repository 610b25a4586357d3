"""Connect a Kivy app to the bus: one client, polled from the Kivy clock.

Handlers therefore run on Kivy's main thread, where widgets may be touched.
The app starts even when the broker is down (a board in a waiting room must
show "offline", not a traceback) and the client keeps reconnecting.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from queue_server import logs
from queue_server.bus import messages as m
from queue_server.bus.accounts import credentials_for
from queue_server.bus.client import BusClient
from queue_server.config import Site
from queue_server.config.models import Role

log = logs.get(__name__)


class ClientIdError(ValueError):
    pass


def client_id_for(site: Site, role: Role, wanted: str | None) -> str:
    """The app's client id: the one asked for, else this box's broker account, else the
    site's only client of that role."""
    clients = site.config.clients
    account = site.config.broker.username
    if wanted is None and account is not None and clients.get(account) in (role, Role.ADMIN):
        wanted = account
    if wanted is not None:
        if wanted not in clients:
            raise ClientIdError(f"client id {wanted!r} is not listed under clients: in site.yaml")
        if clients[wanted] not in (role, Role.ADMIN):
            raise ClientIdError(
                f"{wanted!r} is a {clients[wanted].value} client, not a {role.value}"
            )
        return wanted
    candidates = [cid for cid, r in clients.items() if r is role]
    if not candidates:
        raise ClientIdError(f"site.yaml lists no {role.value} client under clients:")
    if len(candidates) > 1:
        raise ClientIdError(
            f"site.yaml lists several {role.value} clients ({', '.join(candidates)}): "
            "choose one with --client-id"
        )
    return candidates[0]


def make_bus(site: Site, client_id: str, role: Role, mqtt_url: str | None = None) -> BusClient:
    return BusClient(
        site=site.id,
        client_id=client_id,
        role=role.value,
        broker_url=mqtt_url or site.config.broker.url,
        credentials=credentials_for(site, client_id),
    )


class BusLink:
    """The app's side of the bus: start, poll on the clock, stop.

    "Online" means the queue can actually be used: the broker is reachable
    and the queue server is up (its retained presence, turned offline by its
    Last Will). With the broker up but the server stopped, a board would
    otherwise show a frozen queue as if all were well.
    """

    # Messages wake the loop (``on_waiting``); the poll on the clock is the backstop.
    POLL_SECONDS = 0.1

    def __init__(self, client: BusClient) -> None:
        self.client = client
        self._event: Any = None
        self._listeners: list[Callable[[bool], None]] = []
        self._servers: dict[str, bool] = {}  # presence topic → online
        self._was_online = False
        client.on_connection(lambda _connected: self._changed())
        client.on_presence(client.topics.server_presence, self._server_presence)

    @property
    def server_up(self) -> bool:
        """Until a server's presence is seen, assume it is up (it arrives retained at once)."""
        return not self._servers or any(self._servers.values())

    @property
    def online(self) -> bool:
        return self.client.connected and self.server_up

    def on_connection(self, listener: Callable[[bool], None]) -> None:
        self._listeners.append(listener)

    def _server_presence(self, topic: str, presence: m.Presence) -> None:
        self._servers[topic] = presence.online
        self._changed()

    def _changed(self) -> None:
        online = self.online
        if online == self._was_online:
            return
        self._was_online = online
        for listener in self._listeners:
            listener(online)

    def start(self) -> None:
        from kivy.clock import Clock

        def poll(_dt: float) -> None:
            self.client.poll()

        self.client.start(wait=None)
        self._event = Clock.schedule_interval(poll, self.POLL_SECONDS)
        # A "free" trigger wakes Kivy's loop mid-frame (the clock prepare_kivy chooses), so
        # a call is handled and drawn the moment it arrives, not at the next poll or frame
        # (issue 22); with Kivy's default clock it is an ordinary trigger for the next frame.
        wake = getattr(Clock, "create_trigger_free", Clock.create_trigger)
        self.client.on_waiting = wake(poll)

    def stop(self) -> None:
        self.client.on_waiting = None
        if self._event is not None:
            self._event.cancel()
            self._event = None
        self.client.stop()
