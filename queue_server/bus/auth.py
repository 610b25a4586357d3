"""Who may do what, checked by the server whatever the broker allows.

Each client id maps to a role in site.yaml. Counter operations also need the
staff member named in the request to be signed in on that client, so a
counter terminal cannot act in another staff member's name.

Refused sign-ins are throttled on two counts, both kept in the database so a
restart forgives nothing:
- per terminal: after ``TERMINAL_FAILURES`` in a row the terminal waits
  ``TERMINAL_LOCK``, doubling with each lock up to ``TERMINAL_LOCK_MAX``. It
  is checked before any PIN is hashed, so a flood of guesses costs the
  server's one worker a database read each, not an argon2 hash.
- per staff code, from all terminals together: after ``STAFF_FAILURES`` in a
  row the code is locked for ``STAFF_LOCK``, never longer, so one terminal
  cannot keep every staff member out (it is itself locked long before).
And a budget for the whole server: at most ``HASH_BURST`` PIN checks at once and
``HASHES_PER_SECOND`` after, so sign-ins from many terminals at once cannot keep
the one worker hashing while a kiosk waits for its ticket.
A supervisor forgives both locks with `oss-queue staff unlock`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from queue_server import logs
from queue_server.config.models import Role

from .limits import Bucket
from .messages import BusCode, CodedError

log = logs.get(__name__)

TERMINAL_FAILURES = 5
TERMINAL_LOCK = timedelta(seconds=60)
TERMINAL_LOCK_MAX = timedelta(minutes=15)
STAFF_FAILURES = 10
STAFF_LOCK = timedelta(seconds=60)
CACHE_SECONDS = 1.0
HASHES_PER_SECOND = 2.0
HASH_BURST = 2
# The key of a terminal's own count (any code), and of a code's count (any terminal).
ANY_STAFF, ANY_TERMINAL = "", "*"


Row = tuple[int, int, datetime | None]  # refusals in a row, locks so far, locked until
CLEAN: Row = (0, 0, None)


class BusRefusal(CodedError):
    """A refusal at the bus level (not a queue rule): forbidden, not signed in, …"""


class Failures(Protocol):
    """Where refused sign-ins are kept (the staff registry, in the database)."""

    def failures(self, client: str, staff: str) -> Row: ...

    def record_failures(
        self, client: str, staff: str, failures: int, locks: int, locked_until: datetime | None
    ) -> None: ...

    def forgive(self, client: str | None = None, staff: str | None = None) -> int: ...


class Registry(Protocol):
    """Who the staff are (storage.staff.StaffRegistry): PIN checks and sign-ins."""

    def verify(self, code: str, pin: str, before_hashing: Callable[[], None]) -> bool: ...

    def sign_in(self, client: str, code: str, now: datetime) -> None: ...


class LoginThrottle:
    def __init__(
        self,
        store: Failures,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.clock = clock
        # What the store said of a key, and when: a flood of refusals is answered from
        # memory; a supervisor's unlock (written to the store) counts within CACHE_SECONDS.
        self._known: dict[tuple[str, str], tuple[float, Row]] = {}
        self._hashes = Bucket(HASHES_PER_SECOND, HASH_BURST, HASH_BURST, monotonic())
        self._monotonic = monotonic

    def spend_hash(self) -> None:
        """Take one PIN check from the server's budget, or refuse for a moment."""
        wait = self._hashes.take(self._monotonic())
        if wait:
            seconds = math.ceil(wait)
            raise BusRefusal(
                BusCode.TOO_MANY_ATTEMPTS,
                f"many sign-ins at once; try again in {seconds} s",
                seconds,
            )

    def check(self, client: str, staff: str) -> None:
        """Refuse before any hashing while the terminal or the code is locked."""
        now = self.clock()
        for key in ((client, ANY_STAFF), (ANY_TERMINAL, staff)):
            until = self._failures(*key)[2]
            if until is not None and now < until:
                wait = int((until - now).total_seconds()) + 1
                raise BusRefusal(
                    BusCode.TOO_MANY_ATTEMPTS,
                    f"too many wrong sign-ins; try again in {wait} s",
                    wait,
                )

    def failed(self, client: str, staff: str) -> None:
        now = self.clock()
        count, locks, _ = self._failures(client, ANY_STAFF)
        count += 1
        log.warning("sign_in_refused", staff=staff, terminal=client, in_a_row=count)
        if count >= TERMINAL_FAILURES:
            wait = min(TERMINAL_LOCK * 2**locks, TERMINAL_LOCK_MAX)
            self._record(client, ANY_STAFF, (0, locks + 1, now + wait))
            log.warning("terminal_locked", terminal=client, seconds=int(wait.total_seconds()))
        else:
            self._record(client, ANY_STAFF, (count, locks, None))
        count, locks, _ = self._failures(ANY_TERMINAL, staff)
        if count + 1 >= STAFF_FAILURES:
            self._record(ANY_TERMINAL, staff, (0, locks + 1, now + STAFF_LOCK))
            log.warning("staff_locked", staff=staff, seconds=int(STAFF_LOCK.total_seconds()))
        else:
            self._record(ANY_TERMINAL, staff, (count + 1, locks, None))

    def sign_in(
        self, registry: Registry, terminal: str, staff: str, pin: str, session: str, now: datetime
    ) -> None:
        """Check ``pin`` under the throttle (``terminal``'s count and the code's) and sign
        ``staff`` in as ``session``: a counter terminal is its own session; each browser
        sign-in to the console is a new one, counted against the address it came from."""
        self.check(terminal, staff)
        if not registry.verify(staff, pin, before_hashing=self.spend_hash):
            self.failed(terminal, staff)
            raise BusRefusal(BusCode.WRONG_PIN, "unknown staff code or wrong PIN")
        self.succeeded(terminal, staff)
        registry.sign_in(session, staff, now)

    def succeeded(self, client: str, staff: str) -> None:
        for key in ((client, ANY_STAFF), (ANY_TERMINAL, staff)):
            if self._failures(*key) != CLEAN:
                self.store.forgive(*key)
            self._known[key] = (self._monotonic(), CLEAN)

    def _failures(self, client: str, staff: str) -> Row:
        seen = self._known.get((client, staff))
        if seen is not None and self._monotonic() - seen[0] < CACHE_SECONDS:
            return seen[1]
        row = self.store.failures(client, staff)
        self._known[(client, staff)] = (self._monotonic(), row)
        return row

    def _record(self, client: str, staff: str, row: Row) -> None:
        self.store.record_failures(client, staff, *row)
        self._known[(client, staff)] = (self._monotonic(), row)


def require_role(role: Role | None, client: str, allowed: frozenset[Role], op: str) -> Role:
    if role is None:
        raise BusRefusal(
            BusCode.FORBIDDEN, f"client {client!r} is not listed in this site's clients"
        )
    if role is not Role.ADMIN and role not in allowed:
        raise BusRefusal(BusCode.FORBIDDEN, f"a {role.value} may not {op}")
    return role
