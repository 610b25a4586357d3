"""The queue store: one transaction per operation, under the site's lock.

``QueueStore.day(now)`` opens a transaction, takes the site's lock
(``BEGIN IMMEDIATE`` on SQLite, ``SELECT … FOR UPDATE`` on PostgreSQL),
loads the service day into a ``QueueDay``, lets the caller apply one
operation, writes back what changed with its events, and commits. A
``DomainError`` (or anything else) rolls everything back. Two threads or
processes therefore apply operations one after another, never interleaved:
no number is handed out twice and no ticket is called twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from queue_server import logs
from queue_server.domain.catalog import Catalog, ServiceKind
from queue_server.domain.counters import Counter, CounterSetup, CounterStatus, PauseReason
from queue_server.domain.estimates import RECENT_SAMPLES
from queue_server.domain.events import Event
from queue_server.domain.queue_day import QueueDay, Rules
from queue_server.domain.ratings import Rating
from queue_server.domain.service_day import service_day_of
from queue_server.domain.tickets import ACTIVE_STATES, Ticket, TicketState

from .cases import CaseBook
from .complaints import ComplaintBook
from .engine import is_unavailable, reading
from .tables import counters, events, number_sequences, ratings, requests, sites, tickets

log = logs.get(__name__)

_TICKET_FIELDS = [f.name for f in fields(Ticket)]


def _ticket_from_row(row: Any) -> Ticket:
    mapping = row._mapping  # by name, not by attribute: a thousand rows a read on the phones
    values = {name: mapping[name] for name in _TICKET_FIELDS}
    values["state"] = TicketState(values["state"])
    values["kind"] = ServiceKind(values["kind"])
    values["token"] = values["token"] or ""
    return Ticket(**values)


def _ticket_values(ticket: Ticket) -> dict[str, Any]:
    values = {name: getattr(ticket, name) for name in _TICKET_FIELDS}  # flat: no asdict copy
    values["state"] = ticket.state.value
    values["kind"] = ticket.kind.value
    values["token"] = ticket.token or None  # unique: a ticket without one is NULL
    return values


# The statements every unit of work runs, made once with placeholders: SQLAlchemy then
# only binds values (a statement built anew each time cost more than SQLite's own work).
_LOCK_SITE = select(sites.c.version).where(sites.c.id == bindparam("site")).with_for_update()
_NEXT_VERSION = (
    update(sites).where(sites.c.id == bindparam("site")).values(version=sites.c.version + 1)
)
_UPDATE_TICKET = (
    update(tickets)
    .where(tickets.c.id == bindparam("_id"))
    .values({name: bindparam(name) for name in _TICKET_FIELDS if name != "id"})
)
_COUNTER_FIELDS = (
    "status", "staff", "current_ticket", "pause_reason", "priority_streak", "status_day",
)  # fmt: skip
_UPDATE_COUNTER = (
    update(counters)
    .where(counters.c.site_id == bindparam("_site"), counters.c.id == bindparam("_id"))
    .values({name: bindparam(name) for name in _COUNTER_FIELDS})
)
_RECENT_EVENTS = (
    select(events)
    .where(
        events.c.site_id == bindparam("site"),
        events.c.service_day == bindparam("day"),
        events.c.type.in_(bindparam("types", expanding=True)),
    )
    .order_by(events.c.id.desc())
    .limit(bindparam("limit"))
)
_STORED_REPLY = select(requests.c.reply).where(
    requests.c.site_id == bindparam("site"),
    requests.c.client_id == bindparam("client"),
    requests.c.request_id == bindparam("id"),
)
_SEQUENCE_KEY = (
    number_sequences.c.site_id == bindparam("_site"),
    number_sequences.c.service_day == bindparam("_day"),
    number_sequences.c.prefix == bindparam("_prefix"),
)
_UPDATE_SEQUENCE = (
    update(number_sequences).where(*_SEQUENCE_KEY).values(last_seq=bindparam("last_seq"))
)


def event_values(site_id: str, event: Event) -> dict[str, Any]:
    return {
        "site_id": site_id,
        "service_day": event.service_day,
        "at": event.at,
        "type": event.type.value,
        "ticket_id": event.ticket_id,
        "number": event.number,
        "service": event.service,
        "counter": event.counter,
        "staff": event.staff,
        "data": event.data,
    }


def insert_if_new(conn: Connection, table: Any) -> Any:
    """INSERT … ON CONFLICT DO NOTHING, in the connection's dialect (SQLite or PostgreSQL)."""
    make = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    return make(table).on_conflict_do_nothing()


@dataclass(frozen=True)
class RequestKey:
    """A client's request: the same (client, id) is applied at most once."""

    client: str
    id: str
    op: str


class DuplicateRequest(Exception):
    """The request was applied before; ``reply`` is what was answered then."""

    def __init__(self, reply: dict[str, Any]) -> None:
        super().__init__("request already applied")
        self.reply = reply


@dataclass(frozen=True)
class Registers:
    cases: CaseBook
    complaints: ComplaintBook


class DayTransaction:
    """One operation's view of the day, inside the locked transaction."""

    def __init__(self, queue: QueueDay, conn: Connection, site_id: str, version: int) -> None:
        self.queue = queue
        self.version = version
        self.reply: dict[str, Any] | None = None
        # Run once the change is written, still inside the transaction: the published
        # state is read there, with this change's events and nothing loaded twice.
        self.after_save: Callable[[], None] | None = None
        self.cases = CaseBook(conn, site_id)
        self.complaints = ComplaintBook(conn, site_id)
        self._conn = conn
        self._site_id = site_id

    def state_seq(self) -> int:
        """Grows with every stored change (the site's version): the ``seq`` of published
        state. Read after the change is saved, it is this change's own."""
        return self.version

    def ticket_today(self, number: str) -> Ticket | None:
        """The latest ticket of the day showing ``number``, in any state."""
        row = self._conn.execute(
            select(tickets)
            .where(
                tickets.c.site_id == self._site_id,
                tickets.c.service_day == self.queue.day,
                tickets.c.number == number,
            )
            .order_by(tickets.c.seq.desc())
            .limit(1)
        ).first()
        return _ticket_from_row(row) if row is not None else None

    def ticket_by_token(self, token: str) -> Ticket | None:
        """The ticket whose QR holds ``token``, of any day (an old one's page says so)."""
        row = self._conn.execute(
            select(tickets).where(tickets.c.site_id == self._site_id, tickets.c.token == token)
        ).first()
        return _ticket_from_row(row) if row is not None else None

    def rating_exists(self, ticket_id: str) -> bool:
        found = self._conn.execute(
            select(ratings.c.id).where(
                ratings.c.site_id == self._site_id, ratings.c.ticket_id == ticket_id
            )
        ).first()
        return found is not None

    def add_rating(self, rating: Rating) -> None:
        self._conn.execute(
            insert(ratings).values(
                site_id=self._site_id,
                ticket_id=rating.ticket_id,
                service_day=rating.service_day,
                at=rating.at,
                service=rating.service,
                kind=rating.kind,
                counter=rating.counter,
                staff=rating.staff,
                scores=dict(rating.scores),
                comment=rating.comment,
                profile=dict(rating.profile) or None,
            )
        )

    def recent_events(self, types: Iterable[str], limit: int) -> list[dict[str, Any]]:
        values = {"site": self._site_id, "day": self.queue.day, "types": list(types)}
        rows = self._conn.execute(_RECENT_EVENTS, {**values, "limit": limit})
        return [dict(row._mapping) for row in rows]


@dataclass
class KeptDay:
    """The day as the last unit of work of this process committed it (its objects), with
    the site's version then: the next unit of work starts from it when no one else wrote
    in between, instead of loading every active ticket again."""

    version: int
    day: date
    counters: list[Counter]
    status_days: dict[str, date]
    tickets: list[Ticket]
    sequences: dict[str, int]
    # the day's recent service times, once a unit of work needed them (kept up to date by
    # the domain as tickets complete); None: not loaded yet
    recent: dict[str, list[float]] | None = None


class QueueStore:
    def __init__(
        self,
        engine: Engine,
        *,
        site_id: str,
        catalog: Catalog,
        rules: Rules,
        counter_setups: Sequence[CounterSetup],
    ) -> None:
        self.engine = engine
        self.site_id = site_id
        self._insert_reply_statement: Any = None
        self.reconfigure(catalog, rules, counter_setups)

    def close(self) -> None:
        self.engine.dispose()

    def reconfigure(
        self, catalog: Catalog, rules: Rules, counter_setups: Sequence[CounterSetup]
    ) -> None:
        """What the next unit of work runs on, at start or after an edit (new counters get rows)."""
        self.catalog, self.rules = catalog, rules
        self.setups = {s.id: s for s in counter_setups}
        self._kept: KeptDay | None = None  # counters carry their setup: load them anew
        try:
            self._ensure_site()
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            # A read-only or unreachable database: start anyway, so every request gets a
            # clear `storage_unavailable` instead of the server crash-looping at start.
            log.error("database_read_only", error=exc, then="requests refused until it can write")

    def _ensure_site(self) -> None:
        """Create the site's row and its counters' rows the first time they are seen.

        Several processes may start at once on a new database, so the inserts
        skip rows another process has just created instead of failing.
        """
        with self.engine.begin() as conn:
            conn.execute(
                insert_if_new(conn, sites).values(id=self.site_id, created_at=datetime.now(UTC))
            )
            for counter_id in self.setups:
                conn.execute(
                    insert_if_new(conn, counters).values(
                        site_id=self.site_id,
                        id=counter_id,
                        status=CounterStatus.CLOSED.value,
                        priority_streak=0,
                    )
                )

    # -- the unit of work ------------------------------------------------

    @contextmanager
    def day(
        self, now: datetime, *, with_history: bool = False, request: RequestKey | None = None
    ) -> Iterator[DayTransaction]:
        """Load the service day of ``now``; write back what the caller changed.

        ``with_history`` also loads the day's recent service times, which only
        wait estimates need. With a ``request``, a reply already stored for it
        raises ``DuplicateRequest`` before anything is applied, and the reply
        the caller sets on the transaction is stored with the change.
        """
        today = service_day_of(now, self.rules.hours.zone)
        kept, self._kept = self._kept, None  # whatever happens below, it is used up
        with self.engine.begin() as conn:
            version = conn.execute(_LOCK_SITE, {"site": self.site_id}).scalar_one()
            if request is not None:
                stored = self._stored_reply(conn, request)
                if stored is not None:
                    self._kept = kept  # nothing was touched
                    raise DuplicateRequest(stored)
            recent = None
            if kept is not None and kept.version == version and kept.day == today:
                loaded_counters, status_days = kept.counters, kept.status_days
                loaded_tickets, sequences, recent = kept.tickets, kept.sequences, kept.recent
            else:
                loaded_counters, status_days = self._load_counters(conn)
                loaded_tickets = self._load_active_tickets(conn)
                sequences = self._load_sequences(conn, today)
            if recent is None and with_history:
                recent = self._load_recent_minutes(conn, today)
            queue = QueueDay.as_found(
                now,
                opened_on=status_days,
                day=today,
                catalog=self.catalog,
                rules=self.rules,
                counters=loaded_counters,
                tickets=loaded_tickets,
                sequences=sequences,
                recent_minutes=recent,
            )
            tx = DayTransaction(queue, conn, self.site_id, version)
            yield tx
            if queue.changed:  # a read-only unit of work writes nothing, moves no version
                self._save(conn, queue, {t.id for t in loaded_tickets}, set(sequences), status_days)
                conn.execute(_NEXT_VERSION, {"site": self.site_id})
                tx.version = version + 1
            if tx.after_save is not None:
                tx.after_save()
            if request is not None and tx.reply is not None:
                self._insert_reply(conn, request, tx.reply, now)
        # Committed: what this unit of work holds is the day as stored (an exception above
        # left nothing kept, since its objects may have changed without being written).
        for counter_id in queue.changed_counters:
            status_days[counter_id] = queue.day
        self._kept = KeptDay(
            version=tx.version,
            day=today,
            counters=list(queue.counters.values()),
            status_days=status_days,
            tickets=[t for t in queue.tickets.values() if t.is_active],
            sequences=dict(queue.sequences),
            recent=None
            if recent is None
            else {s: v[-RECENT_SAMPLES:] for s, v in queue.recent_minutes.items()},
        )

    @contextmanager
    def registers(self) -> Iterator[Registers]:
        """The case and complaint books to read: a follow-up list or a look-up takes
        neither the site lock nor the queue day's load."""
        with reading(self.engine) as conn:
            yield Registers(CaseBook(conn, self.site_id), ComplaintBook(conn, self.site_id))

    # -- request replies -------------------------------------------------

    def _stored_reply(self, conn: Connection, request: RequestKey) -> dict[str, Any] | None:
        key = {"site": self.site_id, "client": request.client, "id": request.id}
        return conn.execute(_STORED_REPLY, key).scalar_one_or_none()

    def _insert_reply(
        self, conn: Connection, request: RequestKey, reply: dict[str, Any], now: datetime
    ) -> None:
        if self._insert_reply_statement is None:  # its dialect's INSERT … ON CONFLICT
            self._insert_reply_statement = insert_if_new(conn, requests)
        row = {"site_id": self.site_id, "client_id": request.client, "request_id": request.id}
        conn.execute(self._insert_reply_statement, {**row, "op": request.op, "at": now,
                                                     "reply": reply})  # fmt: skip

    def stored_reply(self, request: RequestKey) -> dict[str, Any] | None:
        with reading(self.engine) as conn:
            return self._stored_reply(conn, request)

    def remember_reply(self, request: RequestKey, reply: dict[str, Any], now: datetime) -> None:
        """Store a reply outside an operation (a refusal, which changed nothing)."""
        with self.engine.begin() as conn:
            self._insert_reply(conn, request, reply, now)

    # -- loading ---------------------------------------------------------

    def _load_counters(self, conn: Connection) -> tuple[list[Counter], dict[str, date]]:
        rows = conn.execute(select(counters).where(counters.c.site_id == self.site_id))
        loaded, status_days = [], {}
        for row in rows:
            setup = self.setups.get(row.id)
            if setup is None:  # removed from the config: keep the row, ignore it
                continue
            loaded.append(
                Counter(
                    setup=setup,
                    status=CounterStatus(row.status),
                    staff=row.staff,
                    current=row.current_ticket,
                    pause_reason=PauseReason(row.pause_reason) if row.pause_reason else None,
                    priority_streak=row.priority_streak,
                )
            )
            if row.status_day is not None:
                status_days[row.id] = row.status_day
        return loaded, status_days

    def _load_active_tickets(self, conn: Connection) -> list[Ticket]:
        rows = conn.execute(
            select(tickets).where(
                tickets.c.site_id == self.site_id,
                tickets.c.state.in_([s.value for s in ACTIVE_STATES]),
            )
        )
        return [_ticket_from_row(row) for row in rows]

    def _load_sequences(self, conn: Connection, day: date) -> dict[str, int]:
        rows = conn.execute(
            select(number_sequences.c.prefix, number_sequences.c.last_seq).where(
                number_sequences.c.site_id == self.site_id,
                number_sequences.c.service_day == day,
            )
        )
        return {row.prefix: row.last_seq for row in rows}

    def _load_recent_minutes(self, conn: Connection, day: date) -> dict[str, list[float]]:
        rows = conn.execute(
            select(tickets.c.service, tickets.c.served_at, tickets.c.completed_at)
            .where(
                tickets.c.site_id == self.site_id,
                tickets.c.service_day == day,
                tickets.c.state == TicketState.DONE.value,
            )
            .order_by(tickets.c.completed_at.desc())
            .limit(RECENT_SAMPLES * max(1, len(self.catalog.services)))
        )
        recent: dict[str, list[float]] = defaultdict(list)
        for row in rows:
            if len(recent[row.service]) < RECENT_SAMPLES and row.served_at is not None:
                recent[row.service].append((row.completed_at - row.served_at).total_seconds() / 60)
        return {service: values[::-1] for service, values in recent.items()}

    # -- saving ----------------------------------------------------------

    def _save(
        self,
        conn: Connection,
        queue: QueueDay,
        existing_tickets: set[str],
        existing_prefixes: set[str],
        status_days: dict[str, date],
    ) -> None:
        for prefix in queue.changed_prefixes:
            row = {"last_seq": queue.sequences[prefix]}
            if prefix in existing_prefixes:
                key = {"_site": self.site_id, "_day": queue.day, "_prefix": prefix}
                conn.execute(_UPDATE_SEQUENCE, {**key, **row})
            else:
                values = {"site_id": self.site_id, "service_day": queue.day, "prefix": prefix}
                conn.execute(insert(number_sequences), {**values, **row})
        new_rows, changed_rows = [], []
        for ticket_id in queue.changed_tickets:
            values = _ticket_values(queue.tickets[ticket_id])
            if ticket_id in existing_tickets:
                changed_rows.append({**values, "_id": values.pop("id")})
            else:
                new_rows.append({**values, "site_id": self.site_id})
        if new_rows:
            conn.execute(insert(tickets), new_rows)
        if changed_rows:
            conn.execute(_UPDATE_TICKET, changed_rows)
        rows = [
            {
                "_site": self.site_id, "_id": counter.id, "status": counter.status.value,
                "staff": counter.staff, "current_ticket": counter.current,
                "pause_reason": counter.pause_reason.value if counter.pause_reason else None,
                "priority_streak": counter.priority_streak, "status_day": queue.day,
            }
            for counter in (queue.counters[c] for c in queue.changed_counters)
        ]  # fmt: skip
        if rows:
            conn.execute(_UPDATE_COUNTER, rows)
        if queue.events:
            conn.execute(insert(events), [event_values(self.site_id, e) for e in queue.events])

    # -- reading outside an operation ------------------------------------

    def tickets_of_day(self, day: date) -> list[Ticket]:
        with reading(self.engine) as conn:
            rows = conn.execute(
                select(tickets)
                .where(tickets.c.site_id == self.site_id, tickets.c.service_day == day)
                .order_by(tickets.c.issued_at, tickets.c.prefix, tickets.c.seq)
            )
            return [_ticket_from_row(row) for row in rows]

    def events_of_day(self, day: date) -> list[dict[str, Any]]:
        with reading(self.engine) as conn:
            rows = conn.execute(
                select(events)
                .where(events.c.site_id == self.site_id, events.c.service_day == day)
                .order_by(events.c.id)
            )
            return [dict(row._mapping) for row in rows]
