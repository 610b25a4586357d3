"""The console's audit log: every change, by whom, when, and the record before and after.

Queue operations already leave their events; this log is for what staff
change in the console (a case's status, a complaint's answer, a PIN reset, a
catalog edit), so a supervisor can answer "who changed this, and from what".
It holds staff codes and the changed record, never a PIN or a contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select

from .engine import reading
from .tables import audit_log


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    staff: str
    action: str
    target: str
    before: Any
    after: Any


class AuditLog:
    def __init__(self, engine: Engine, site_id: str) -> None:
        self.engine = engine
        self.site_id = site_id

    def write(
        self, at: datetime, staff: str, action: str, target: str, before: Any, after: Any
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(audit_log).values(
                    site_id=self.site_id, at=at, staff=staff, action=action,
                    target=target[:120], before=before, after=after,
                )
            )  # fmt: skip

    def recent(self, limit: int = 200, target: str | None = None) -> list[AuditEntry]:
        """The newest entries first (of one ``target``, e.g. a case's reference)."""
        t = audit_log.c
        query = select(audit_log).where(t.site_id == self.site_id)
        if target is not None:
            query = query.where(t.target == target)
        with reading(self.engine) as conn:
            rows = conn.execute(query.order_by(t.id.desc()).limit(limit))
            return [AuditEntry(r.at, r.staff, r.action, r.target, r.before, r.after) for r in rows]
