"""Every device of a site as its retained presence tells it, and what staff should look at.

Each app keeps a retained presence message (its Last Will turns it offline),
so one subscription shows the whole centre: online or not, since when, and a
kiosk's printer. Devices listed in site.yaml that never connected show too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from . import messages as m


@dataclass(frozen=True)
class Device:
    client: str
    role: str
    online: bool | None  # None: never seen on this broker
    since: datetime | None
    paper: str | None = None
    printer_online: bool | None = None
    problem: str | None = None


def devices(presences: Iterable[m.Presence], listed: Mapping[str, str]) -> list[Device]:
    """One row per device: those that reported presence, then listed ones never seen."""
    presences = list(presences)
    seen: dict[str, Device] = {}
    for p in presences:
        if not p.client:
            continue
        extra = p.extra or {}
        seen[p.client] = Device(
            client=p.client,
            role=p.role or listed.get(p.client, "?"),
            online=p.online,
            since=datetime.fromisoformat(p.at) if p.at else None,
            paper=extra.get("paper"),
            printer_online=extra.get("printer_online"),
            problem=_problem(p),
        )
    for p in presences:
        if p.role == "server" and p.online:
            for client, refused in ((p.extra or {}).get("rate_limited") or {}).items():
                if client in seen:
                    note = f"{refused} requests refused (rate limit)"
                    problem = seen[client].problem
                    seen[client] = replace(
                        seen[client], problem=f"{problem}; {note}" if problem else note
                    )
    for client, role in listed.items():
        if client not in seen and role != "admin":
            seen[client] = Device(client, role, None, None, problem="never connected")
    servers = [d for d in seen.values() if d.role == "server"]
    if not servers:
        seen["(server)"] = Device("(server)", "server", None, None, problem="no queue server seen")
    order = {"server": 0, "kiosk": 1, "display": 2, "counter": 3, "rating": 4}
    return sorted(seen.values(), key=lambda d: (order.get(d.role, 9), d.client))


def _problem(p: m.Presence) -> str | None:
    extra = p.extra or {}
    if not p.online:
        return "offline"
    if p.role == "kiosk":
        if extra.get("printer_online") is False:
            return f"printer offline ({extra.get('printer_error') or 'no answer'})"
        if extra.get("paper") == "out":
            return "printer out of paper"
        if extra.get("paper") == "low":
            return "printer paper low"
    if p.role == "server" and extra.get("config_problem"):
        return str(extra["config_problem"])
    if p.role == "display" and extra.get("voice_missing_clips"):
        return f"{extra['voice_missing_clips']} voice clips missing (chime only)"
    return None


def needing_staff(presences: Iterable[m.Presence]) -> list[Device]:
    """Kiosks and displays that reported a problem (what a counter terminal warns about)."""
    return [
        d
        for d in devices(presences, {})
        if d.role in ("kiosk", "display") and d.problem and not d.problem.endswith("(chime only)")
    ]
