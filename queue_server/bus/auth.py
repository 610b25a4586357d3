"""Who may do what, checked by the server whatever the broker allows.

Each client id maps to a role in site.yaml. Counter operations also need the
staff member named in the request to be signed in on that client, so a
counter terminal cannot act in another staff member's name. Wrong PINs are
counted; after ``MAX_FAILURES`` in a row a staff code is locked for
``LOCK_SECONDS`` and every failure is logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from queue_server.config.models import Role

from .messages import CodedError

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCK_SECONDS = 300.0


class BusRefusal(CodedError):
    """A refusal at the bus level (not a queue rule): forbidden, not signed in, …"""


@dataclass
class LoginThrottle:
    clock: Callable[[], float] = time.monotonic
    failures: dict[str, int] = field(default_factory=dict)
    locked_until: dict[str, float] = field(default_factory=dict)

    def check(self, staff: str) -> None:
        until = self.locked_until.get(staff, 0.0)
        if self.clock() < until:
            wait = int(until - self.clock()) + 1
            raise BusRefusal("too_many_attempts", f"too many wrong PINs; try again in {wait} s")

    def failed(self, staff: str, client: str) -> None:
        count = self.failures.get(staff, 0) + 1
        self.failures[staff] = count
        log.warning("wrong PIN for staff %s from client %s (%d in a row)", staff, client, count)
        if count >= MAX_FAILURES:
            self.locked_until[staff] = self.clock() + LOCK_SECONDS
            self.failures[staff] = 0
            log.warning("staff %s locked for %d s after %d wrong PINs", staff, LOCK_SECONDS, count)

    def succeeded(self, staff: str) -> None:
        self.failures.pop(staff, None)
        self.locked_until.pop(staff, None)


def require_role(role: Role | None, client: str, allowed: frozenset[Role], op: str) -> Role:
    if role is None:
        raise BusRefusal("forbidden", f"client {client!r} is not listed in this site's clients")
    if role is not Role.ADMIN and role not in allowed:
        raise BusRefusal("forbidden", f"a {role.value} may not {op}")
    return role
