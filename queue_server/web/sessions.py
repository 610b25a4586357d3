"""Console sign-ins: a random token in an HttpOnly cookie, a staff session in the database.

The cookie holds 32 random bytes; the database holds only a hash of them
(as the session's client id in ``staff_sessions``), so a copy of the database
signs nobody in, and deactivating a staff code ends its sessions at once.
The form token that guards every POST (CSRF) is derived from the cookie's
token, which no script can read and no other site can send with a form of
its own (SameSite=Strict), so nothing more needs keeping.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from queue_server.domain.staff import StaffRole
from queue_server.storage.staff import StaffRegistry

COOKIE = "oss_console"
SESSION_HOURS = 10  # a working day; then sign in again
PREFIX = "web-"  # console sessions' client ids in staff_sessions (counters use their own)


@dataclass(frozen=True)
class User:
    code: str
    role: StaffRole
    client: str  # the session's id in staff_sessions: ops check the staff against it

    def may(self, role: StaffRole) -> bool:
        return self.role.includes(role)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def client_of(token: str) -> str:
    return PREFIX + hashlib.sha256(token.encode()).hexdigest()[:40]


def csrf_of(token: str) -> str:
    return hmac.new(token.encode(), b"csrf", hashlib.sha256).hexdigest()


def csrf_ok(token: str | None, given: str | None) -> bool:
    return bool(token and given) and hmac.compare_digest(csrf_of(token), given)  # type: ignore[arg-type]


class Sessions:
    def __init__(self, staff: StaffRegistry, clock: Callable[[], datetime]) -> None:
        self.staff = staff
        self.clock = clock

    def user(self, token: str | None) -> User | None:
        """The staff member this cookie signs in, or None (none, expired, deactivated)."""
        if not token:
            return None
        client = client_of(token)
        found = self.staff.session(client)
        if found is None:
            return None
        code, since = found
        role = self.staff.role(code)
        if role is None or self.clock() - since > timedelta(hours=SESSION_HOURS):
            self.staff.sign_out(client)
            return None
        return User(code, role, client)

    def sign_out(self, token: str | None) -> None:
        if token:
            self.staff.sign_out(client_of(token))
