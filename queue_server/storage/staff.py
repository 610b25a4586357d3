"""Staff codes, their PINs (argon2 hashes only) and who is signed in where.

A staff member is a code such as ``s01``, never a name (PDPA). Sign-ins are
stored so that restarting the server does not sign every counter out.
"""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, insert, select, update

from .engine import reading
from .tables import staff, staff_sessions

_hasher = PasswordHasher()


class StaffRegistry:
    def __init__(self, engine: Engine, site_id: str) -> None:
        self.engine = engine
        self.site_id = site_id

    def set_pin(self, code: str, pin: str, now: datetime) -> None:
        """Add a staff code, or give an existing one a new PIN."""
        pin_hash = _hasher.hash(pin)
        key = (staff.c.site_id == self.site_id, staff.c.code == code)
        with self.engine.begin() as conn:
            if conn.execute(select(staff.c.code).where(*key)).first():
                conn.execute(update(staff).where(*key).values(pin_hash=pin_hash, active=True))
            else:
                conn.execute(
                    insert(staff).values(
                        site_id=self.site_id,
                        code=code,
                        pin_hash=pin_hash,
                        active=True,
                        created_at=now,
                    )
                )

    def deactivate(self, code: str) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(staff)
                .where(staff.c.site_id == self.site_id, staff.c.code == code)
                .values(active=False)
            )
            conn.execute(
                delete(staff_sessions).where(
                    staff_sessions.c.site_id == self.site_id, staff_sessions.c.staff == code
                )
            )
            return result.rowcount > 0

    def codes(self) -> list[tuple[str, bool]]:
        with reading(self.engine) as conn:
            rows = conn.execute(
                select(staff.c.code, staff.c.active)
                .where(staff.c.site_id == self.site_id)
                .order_by(staff.c.code)
            )
            return [(row.code, row.active) for row in rows]

    def verify(self, code: str, pin: str) -> bool:
        with reading(self.engine) as conn:
            pin_hash = conn.execute(
                select(staff.c.pin_hash).where(
                    staff.c.site_id == self.site_id, staff.c.code == code, staff.c.active.is_(True)
                )
            ).scalar_one_or_none()
        if pin_hash is None:
            _hasher.hash(pin)  # same cost either way: do not reveal which codes exist
            return False
        try:
            return _hasher.verify(pin_hash, pin)
        except (VerificationError, InvalidHashError):
            return False

    def sign_in(self, client: str, code: str, now: datetime) -> None:
        key = (staff_sessions.c.site_id == self.site_id, staff_sessions.c.client_id == client)
        with self.engine.begin() as conn:
            conn.execute(delete(staff_sessions).where(*key))
            conn.execute(
                insert(staff_sessions).values(
                    site_id=self.site_id, client_id=client, staff=code, since=now
                )
            )

    def sign_out(self, client: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(staff_sessions).where(
                    staff_sessions.c.site_id == self.site_id, staff_sessions.c.client_id == client
                )
            )

    def signed_in(self, client: str) -> str | None:
        with reading(self.engine) as conn:
            return conn.execute(
                select(staff_sessions.c.staff).where(
                    staff_sessions.c.site_id == self.site_id, staff_sessions.c.client_id == client
                )
            ).scalar_one_or_none()
