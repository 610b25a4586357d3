"""One request at a time from a screen, kept until the server answers.

A tap becomes exactly one request id. While it is unanswered the screen says
so (and, when the broker is gone, that it will be sent again), and further
taps are refused on screen instead of becoming second requests: the bus
client resends the same id after every reconnect, and the server applies an
id once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from queue_server.bus.client import BusClient, PendingRequest


class OneAtATime:
    def __init__(self, client: BusClient) -> None:
        self.client = client
        self.pending: PendingRequest | None = None
        self.sent_at = 0.0

    @property
    def busy(self) -> bool:
        return self.pending is not None

    def waited(self) -> float:
        return time.monotonic() - self.sent_at if self.pending else 0.0

    def send(
        self,
        op: str,
        args: dict[str, Any],
        done: Callable[[PendingRequest], None],
        timeout: float | None = None,
        at_once: Callable[[PendingRequest], None] | None = None,
    ) -> bool:
        """Send unless a request is still out; ``done`` runs on the app's thread,
        ``at_once`` in the network thread as the reply comes (``BusClient.request``).

        Without a timeout it is sent again until the server answers (a restart, a
        Wi-Fi drop); the screen explains the wait.
        """
        if self.pending is not None:
            return False

        def finished(pending: PendingRequest) -> None:
            self.pending = None
            done(pending)

        self.sent_at = time.monotonic()
        self.pending = self.client.request(
            op, args, callback=finished, timeout=timeout, at_once=at_once
        )
        return True
