"""Per-device request rate limits: one device cannot flood the server or the day's numbers.

A token bucket per device (its role's rate from site.yaml ``limits``), and a
second one per kiosk for tickets: at the default 60 an hour with a burst of
30, one kiosk can issue at most about 510 tickets in an 8-hour day, so even a
kiosk whose account is abused cannot use up a queue's 999 numbers, while a
morning rush of 30 citizens at one kiosk is never turned away. A refused
request gets ``rate_limited`` (never stored: the same request id goes through
once the device slows down) and is counted for `oss-queue status`.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from queue_server.config.models import LimitsModel, RateModel, Role

MAX_BUCKETS = 20_000


@dataclass
class Bucket:
    rate: float  # tokens per second
    burst: float
    tokens: float
    at: float

    def take(self, now: float) -> float:
        """0 when a token was taken; else the seconds until one is there."""
        wait = self.wait(now)
        if not wait:
            self.tokens -= 1
        return wait

    def wait(self, now: float) -> float:
        """The seconds until a token is there (0: one is), refilled to ``now``."""
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


@dataclass
class RateLimits:
    config: LimitsModel
    clock: Callable[[], float] = time.monotonic
    refused: Counter[str] = field(default_factory=Counter)
    _buckets: dict[tuple[str, str], Bucket] = field(default_factory=dict)

    def _rate(self, role: Role) -> RateModel | None:
        return getattr(self.config, role.value, None)

    def _take(self, kind: str, client: str, rate: RateModel) -> float:
        now = self.clock()
        bucket = self._buckets.get((kind, client))
        if bucket is None:
            per_second = rate.per_minute / 60
            bucket = Bucket(per_second, rate.burst, rate.burst, now)
            if len(self._buckets) > MAX_BUCKETS:  # phones' addresses come and go
                self._buckets.clear()
            self._buckets[(kind, client)] = bucket
        return bucket.take(now)

    def request(self, client: str, role: Role) -> float:
        """Seconds the device must wait (0: go ahead)."""
        rate = self._rate(role)
        return self._counted(client, self._take("request", client, rate) if rate else 0.0)

    def ticket(self, client: str) -> float:
        tickets = self.config.tickets
        rate = RateModel(per_minute=tickets.per_hour / 60, burst=tickets.burst)
        return self._counted(client, self._take("ticket", client, rate))

    def miss(self, client: str) -> None:
        """A phone page asked for a token no ticket has: a second, tighter budget, so
        nobody finds a ticket by trying tokens."""
        self._counted(client, self._take("miss", client, self.config.phone_misses))

    def misses_spent(self, client: str) -> float:
        """Seconds until this address may look a token up again (0: it may now): once its
        misses are spent, no token is looked up for it, found or not."""
        bucket = self._buckets.get(("miss", client))
        return bucket.wait(self.clock()) if bucket is not None else 0.0

    def _counted(self, client: str, wait: float) -> float:
        if wait:
            self.refused[client] += 1
        return wait
