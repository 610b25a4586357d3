"""Staff codes, their PINs (argon2 hashes only) and who is signed in where.

A staff member is a code such as ``s01``, never a name (PDPA). Sign-ins are
stored so that restarting the server does not sign every counter out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update

from queue_server.domain.staff import StaffRole
from queue_server.pins import costlier_than_needed, hash_pin, pin_matches

from .engine import reading
from .tables import sign_in_failures, staff, staff_sessions


def _nothing() -> None:
    pass


class StaffRegistry:
    def __init__(self, engine: Engine, site_id: str) -> None:
        self.engine = engine
        self.site_id = site_id

    def set_pin(self, code: str, pin: str, now: datetime, role: StaffRole | None = None) -> None:
        """Add a staff code (a clerk unless ``role`` says otherwise), or give an existing
        one a new PIN (and ``role``, when given)."""
        pin_hash = hash_pin(pin)
        key = (staff.c.site_id == self.site_id, staff.c.code == code)
        with self.engine.begin() as conn:
            if conn.execute(select(staff.c.code).where(*key)).first():
                values: dict[str, Any] = {"pin_hash": pin_hash, "active": True}
                if role is not None:
                    values["role"] = role.value
                conn.execute(update(staff).where(*key).values(**values))
            else:
                conn.execute(
                    insert(staff).values(
                        site_id=self.site_id,
                        code=code,
                        pin_hash=pin_hash,
                        active=True,
                        created_at=now,
                        role=(role or StaffRole.CLERK).value,
                    )
                )

    def set_role(self, code: str, role: StaffRole) -> bool:
        with self.engine.begin() as conn:
            return (
                conn.execute(
                    update(staff)
                    .where(staff.c.site_id == self.site_id, staff.c.code == code)
                    .values(role=role.value)
                ).rowcount
                > 0
            )

    def role(self, code: str) -> StaffRole | None:
        """The role of active staff ``code`` (None: unknown or deactivated)."""
        with reading(self.engine) as conn:
            value = conn.execute(
                select(staff.c.role).where(
                    staff.c.site_id == self.site_id, staff.c.code == code, staff.c.active.is_(True)
                )
            ).scalar_one_or_none()
        return StaffRole(value) if value else None

    def members(self) -> list[tuple[str, bool, StaffRole]]:
        """Every code with whether it is active and its role, in code order."""
        with reading(self.engine) as conn:
            rows = conn.execute(
                select(staff.c.code, staff.c.active, staff.c.role)
                .where(staff.c.site_id == self.site_id)
                .order_by(staff.c.code)
            )
            return [(row.code, row.active, StaffRole(row.role)) for row in rows]

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

    def verify(self, code: str, pin: str, before_hashing: Callable[[], None] = _nothing) -> bool:
        """Whether ``pin`` is the PIN of active staff ``code``.

        ``before_hashing`` runs only when there is a hash to check (it may refuse by
        raising: the server's budget of hashes a second).
        """
        with reading(self.engine) as conn:
            pin_hash = conn.execute(
                select(staff.c.pin_hash).where(
                    staff.c.site_id == self.site_id, staff.c.code == code, staff.c.active.is_(True)
                )
            ).scalar_one_or_none()
        if pin_hash is None:
            # No hash for an unknown code: codes are no secret (a counter shows its staff
            # code), and a flood of made-up codes must not cost an argon2 hash each.
            return False
        before_hashing()
        if not pin_matches(pin_hash, pin):
            return False
        if costlier_than_needed(pin_hash):  # older hashes are redone at the next sign-in
            key = (staff.c.site_id == self.site_id, staff.c.code == code)
            with self.engine.begin() as conn:
                conn.execute(update(staff).where(*key).values(pin_hash=hash_pin(pin)))
        return True

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

    def session(self, client: str) -> tuple[str, datetime] | None:
        """Who is signed in as ``client``, and since when (a console session expires)."""
        with reading(self.engine) as conn:
            row = conn.execute(
                select(staff_sessions.c.staff, staff_sessions.c.since).where(
                    staff_sessions.c.site_id == self.site_id, staff_sessions.c.client_id == client
                )
            ).first()
        return (row.staff, row.since) if row else None

    def signed_in(self, client: str) -> str | None:
        with reading(self.engine) as conn:
            return conn.execute(
                select(staff_sessions.c.staff).where(
                    staff_sessions.c.site_id == self.site_id, staff_sessions.c.client_id == client
                )
            ).scalar_one_or_none()

    # -- refused sign-ins (auth.LoginThrottle counts them here) ------------

    def _failure_key(self, client: str, code: str) -> tuple[Any, ...]:
        t = sign_in_failures.c
        return (t.site_id == self.site_id, t.client_id == client, t.staff == code)

    def failures(self, client: str, code: str) -> tuple[int, int, datetime | None]:
        """(refusals in a row, locks so far, locked until) for a terminal or a code."""
        t = sign_in_failures.c
        with reading(self.engine) as conn:
            row = conn.execute(
                select(t.failures, t.locks, t.locked_until).where(*self._failure_key(client, code))
            ).first()
        return (row.failures, row.locks, row.locked_until) if row else (0, 0, None)

    def record_failures(
        self, client: str, code: str, failures: int, locks: int, locked_until: datetime | None
    ) -> None:
        values = {"failures": failures, "locks": locks, "locked_until": locked_until}
        with self.engine.begin() as conn:
            updated = conn.execute(
                update(sign_in_failures).where(*self._failure_key(client, code)).values(**values)
            )
            if updated.rowcount == 0:
                conn.execute(
                    insert(sign_in_failures).values(
                        site_id=self.site_id, client_id=client, staff=code, **values
                    )
                )

    def forgive(self, client: str | None = None, staff: str | None = None) -> int:
        """Clear refusals and locks: of one terminal, one code, both, or everything."""
        t = sign_in_failures.c
        where = [t.site_id == self.site_id]
        if client is not None:
            where.append(t.client_id == client)
        if staff is not None:
            where.append(t.staff == staff)
        with self.engine.begin() as conn:
            return conn.execute(delete(sign_in_failures).where(*where)).rowcount

    def locks(self, now: datetime) -> list[tuple[str, str, datetime]]:
        """Locks in force: (terminal or "*", code or "", until)."""
        t = sign_in_failures.c
        with reading(self.engine) as conn:
            rows = conn.execute(
                select(t.client_id, t.staff, t.locked_until).where(
                    t.site_id == self.site_id, t.locked_until > now
                )
            )
            return [(r.client_id, r.staff, r.locked_until) for r in rows]
