"""The kiosk's rules, in plain Python: when it goes back to welcome, when staff get in,
what a scanned ticket QR means. The Kivy controller (kiosk/app.py) asks these and only
draws; they are tested in milliseconds (tests/unit/test_kiosk_flow.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from printers.tickets import parse_ticket_qr
from queue_server.domain.follow import token_in
from queue_server.pins import pin_matches

STAFF_TAPS = 5  # taps on the hidden corner …
STAFF_TAP_WINDOW = 4.0  # … within this many seconds open the staff PIN page
AFTER_TICKET_TOUCH = 3.0  # a touch this recent keeps the ticket page up past its time


class Tick(Enum):
    STAY = "stay"
    WELCOME = "welcome"  # back to the first page for the next citizen
    ASK_STAFF = "ask_staff"  # the ticket is taking too long: tell the citizen to ask staff


@dataclass
class Idle:
    """What the kiosk does on its half-second tick, from the page and the clock."""

    idle_seconds: float
    patience_seconds: float
    last_touch: float = 0.0
    ticket_until: float = 0.0  # the ticket page stays at least until then

    def touched(self, now: float) -> None:
        self.last_touch = now

    def showing_ticket(self, now: float, seconds: float) -> None:
        self.ticket_until = now + seconds

    def tick(self, page: str, now: float, *, waiting_for: float | None) -> Tick:
        """``waiting_for``: seconds a request has been out, or None when none is."""
        if page == "ticket" and waiting_for is not None:
            # never leave a ticket half-issued; say so when it takes long
            return Tick.ASK_STAFF if waiting_for > self.patience_seconds else Tick.STAY
        if page in ("ticket", "message"):
            done = now > self.ticket_until and now - self.last_touch > AFTER_TICKET_TOUCH
            return Tick.WELCOME if done else Tick.STAY
        if page != "welcome" and now - self.last_touch > self.idle_seconds:
            return Tick.WELCOME
        return Tick.STAY


@dataclass
class StaffCorner:
    """Five quick taps on the hidden corner ask for the staff PIN."""

    taps: list[float] = field(default_factory=list)

    def tap(self, now: float) -> bool:
        """True when this tap completes the pattern (the PIN page opens)."""
        self.taps = [x for x in self.taps if now - x < STAFF_TAP_WINDOW] + [now]
        if len(self.taps) >= STAFF_TAPS:
            self.taps = []
            return True
        return False


def staff_pin_ok(stored_hash: str | None, pin: str) -> bool | None:
    """None: no PIN was ever set (the corner stays shut); else whether ``pin`` is it."""
    if stored_hash is None:
        return None
    return pin_matches(stored_hash, pin)


@dataclass(frozen=True)
class Scan:
    number: str | None  # the ticket to rate, when the QR is one of today's from here
    foreign: bool = False  # a ticket QR, but of another day or centre
    token: str | None = None  # a phone address's token: the server knows its ticket


def scanned(text: str, site: str, today: Callable[[], date]) -> Scan | None:
    """What a QR read by the scanner means; None when it is no ticket QR at all."""
    token = token_in(text)
    if token is not None:
        return Scan(None, token=token)
    ref = parse_ticket_qr(text)
    if ref is None:
        return None
    if ref.site != site or ref.day != today():
        return Scan(None, foreign=True)
    return Scan(ref.number)
