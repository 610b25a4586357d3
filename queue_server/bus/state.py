"""Turning the floor (read from the database) into the retained state messages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from queue_server.domain.counters import CounterSetup
from queue_server.domain.events import Event, EventType
from queue_server.domain.personal_data import scrub
from queue_server.domain.service_day import iso
from queue_server.service import Floor

from . import messages as m


def _name(setup: CounterSetup | None, fallback: str) -> dict[str, str]:
    if setup is None:
        return {"th": fallback, "en": fallback}
    return {"th": setup.name.th, "en": setup.name.en}


def board(
    site: str,
    floor: Floor,
    setups: Mapping[str, CounterSetup],
    name: m.Bilingual | None = None,
    run: str | None = None,
) -> m.BoardState:
    waiting_by_prefix: dict[str, int] = {}
    for q in floor.queues:
        waiting_by_prefix[q.prefix] = waiting_by_prefix.get(q.prefix, 0) + q.waiting
    return m.BoardState(
        seq=floor.seq,
        run=run,
        site=site,
        name=name,
        service_day=floor.service_day.isoformat(),
        at=iso(floor.at) or "",
        open=floor.is_open,
        next_opening=iso(floor.next_opening),
        # Who is signed in where is for the counters' own state, not the waiting room's
        # board (a staff code is half of a sign-in).
        counters=[
            m.CounterWire.model_validate({**d.info.to_wire(), "staff": None}) for d in floor.desks
        ],
        last_calls=[
            m.CallWire(
                ticket=row["number"],
                counter=row["counter"],
                counter_name=m.Bilingual(**_name(setups.get(row["counter"]), row["counter"])),
                service=row["service"],
                recall=int(row["data"].get("recall", 0)),
                at=iso(row["at"]) or "",
            )
            for row in floor.last_calls
        ],
        queues=[
            m.QueueWire(
                service=q.service,
                prefix=q.prefix,
                waiting=q.waiting,
                wait_minutes=list(q.wait_minutes) if q.wait_minutes else None,
            )
            for q in floor.queues
        ],
        waiting_by_prefix=waiting_by_prefix,
    )


def counters(site: str, floor: Floor, run: str | None = None) -> dict[str, m.CounterState]:
    return {
        desk.info.id: m.CounterState(
            seq=floor.seq,
            run=run,
            site=site,
            counter=m.CounterWire.model_validate(desk.info.to_wire()),
            ticket=m.TicketWire.model_validate(desk.current.to_wire()) if desk.current else None,
            next=[m.TicketWire.model_validate(t.to_wire()) for t in desk.upcoming],
            waiting=desk.waiting,
            parked=[m.TicketWire.model_validate(t.to_wire()) for t in desk.parked],
            max_recalls=floor.max_recalls,
        )
        for desk in floor.desks
    }


def call_event(event: Event, setups: Mapping[str, CounterSetup]) -> m.CallEvent:
    counter = event.counter or ""
    return m.CallEvent(
        ticket=event.number or "",
        counter=counter,
        counter_name=m.Bilingual(**_name(setups.get(counter), counter)),
        service=event.service,
        recall=int(event.data.get("recall", 0)),
        at=iso(event.at) or "",
    )


def rating_event(event: Event) -> m.RatingEvent:
    return m.RatingEvent(
        ticket=event.number or "",
        counter=event.counter or "",
        service=event.service or "",
        at=iso(event.at) or "",
    )


def is_completion(event: Event) -> bool:
    return event.type is EventType.TICKET_COMPLETED


def error_body(code: str, message: str, retry_after: int | None = None) -> dict[str, Any]:
    """A refusal, its message scrubbed: a message may quote what was sent ("no service
    '0812345678'"), and a refusal is stored with the request and logged."""
    error: dict[str, Any] = {"code": code, "message": scrub(message)}
    if retry_after is not None:
        error["retry_after"] = retry_after
    return {"ok": False, "error": error}
