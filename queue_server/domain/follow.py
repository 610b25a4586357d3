"""A citizen's phone following a ticket: the token in the ticket's QR, its address and
how long it opens anything.

The token, not the number, is the key. Numbers run A001, A002… and anyone on
the centre's Wi-Fi could walk them; 120 random bits cannot be walked, so a
page opened by a token shows that ticket and nothing else. The forwarded-case
slip carries the same ticket's token: the citizen has one address for the
visit and for the case that follows it.
"""

from __future__ import annotations

import base64
import re
import secrets
from datetime import date, timedelta
from urllib.parse import urlsplit, urlunsplit

TOKEN_BYTES = 15  # 120 bits: 24 characters of base32, no padding
TOKEN_PATTERN = r"[A-Za-z2-7]{24}"
# A case's page stays open this long after the citizen was told the answer.
CASE_PAGE_DAYS = 30

_IN_URL = re.compile(rf"/t/({TOKEN_PATTERN})/?$", re.IGNORECASE)


def new_token() -> str:
    """Base32's capitals and digits: a QR holds them in its compact alphanumeric mode."""
    return base64.b32encode(secrets.token_bytes(TOKEN_BYTES)).decode("ascii")


def follow_url(base: str, token: str) -> str:
    """The address in the ticket's QR: ``HTTP://192.168.1.10:8080/T/<token>``.

    Scheme and host are written in capitals (the same address to any browser)
    so the whole of it fits the QR's alphanumeric mode: a version 3 code, not 4.
    """
    return f"{_loud(base)}/T/{token}"


def centre_url(base: str) -> str:
    """The centre's own page for phones (the board's QR): queues and waits now."""
    return f"{_loud(base)}/Q"


def token_in(text: str) -> str | None:
    """The token of a follow address read by a scanner (any centre's; the server knows)."""
    found = _IN_URL.search(text.strip())
    return found[1].upper() if found else None


def _loud(base: str) -> str:
    parts = urlsplit(base.strip())
    return urlunsplit((parts.scheme.upper(), parts.netloc.upper(), parts.path.rstrip("/"), "", ""))


def ticket_page_open(ticket_day: date, today: date) -> bool:
    """A ticket's page serves its own service day: tomorrow the number means someone else."""
    return ticket_day == today


def case_page_open(informed_on: date | None, today: date) -> bool:
    """A forwarded case's page: while the centre follows it, then for ``CASE_PAGE_DAYS``."""
    return informed_on is None or today - informed_on <= timedelta(days=CASE_PAGE_DAYS)
