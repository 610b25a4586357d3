"""The server worker's inbox: what a citizen at a kiosk or a rating tablet asks goes first.

The server applies one request at a time. A counter's sign-in with a wrong PIN
costs an argon2 check (tens of milliseconds, on purpose), and 200 of them sent
at once made a kiosk's ticket wait behind the queue of them (bench/signin: a
ticket 88–205 ms late). Two lanes, each first in, first out; the worker takes
from the first while it holds anything. A client's requests always go in the
same lane (its role decides), so each client's own requests keep their order.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from typing import Generic, TypeVar

T = TypeVar("T")


class Inbox(Generic[T]):
    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._first: deque[T] = deque()
        self._rest: deque[T] = deque()

    def put(self, item: T, first: bool = False) -> None:
        with self._ready:
            (self._first if first else self._rest).append(item)
            self._ready.notify()

    def get(self, timeout: float | None = None) -> T:
        """The next item, the first lane's before the rest; ``queue.Empty`` after
        ``timeout`` seconds with none (``queue.Queue``'s contract)."""
        with self._ready:
            if not self._ready.wait_for(lambda: self._first or self._rest, timeout):
                raise queue.Empty
            return (self._first or self._rest).popleft()

    def get_nowait(self) -> T:
        return self.get(timeout=0)
