"""The database tables (SQLAlchemy Core).

Times are stored as naive UTC on every backend and come back as aware UTC,
so SQLite and PostgreSQL behave the same. The events table is append-only:
reports and statistics are computed from it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[datetime]):
    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"refusing to store a naive datetime: {value!r}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


# Integer on SQLite (so it is the rowid alias and autoincrements), BIGINT elsewhere.
EventId = BigInteger().with_variant(Integer(), "sqlite")

sites = Table(
    "sites",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    # the centre's name in Thai and English, for a province's database holding many
    # centres (`oss-queue sync`); not a person's: there is no column for one
    Column("centre_th", String(200)),
    Column("centre_en", String(200)),
    # counts the queue's units of work: one process keeps the day in memory between two
    # of its own and reloads it when another process (or a restore) moved this on
    Column("version", BigInteger, nullable=False, server_default="0"),
)

counters = Table(
    "counters",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("id", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("staff", String(40)),
    Column("current_ticket", String(32)),
    Column("pause_reason", String(16)),
    Column("priority_streak", Integer, nullable=False, default=0),
    Column("status_day", Date),
    PrimaryKeyConstraint("site_id", "id"),
)

number_sequences = Table(
    "number_sequences",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("service_day", Date, nullable=False),
    Column("prefix", String(4), nullable=False),
    Column("last_seq", Integer, nullable=False),
    PrimaryKeyConstraint("site_id", "service_day", "prefix"),
)

tickets = Table(
    "tickets",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("site_id", String(40), nullable=False),
    Column("service_day", Date, nullable=False),
    Column("prefix", String(4), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("number", String(8), nullable=False),
    Column("service", String(40), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("priority", Boolean, nullable=False),
    Column("lang", String(4), nullable=False),
    Column("state", String(16), nullable=False),
    Column("counter", String(16)),
    Column("staff", String(40)),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("queue_since", UtcDateTime(), nullable=False),
    Column("called_at", UtcDateTime()),
    Column("served_at", UtcDateTime()),
    Column("completed_at", UtcDateTime()),
    Column("recalls", Integer, nullable=False),
    Column("transfers", Integer, nullable=False),
    # what the ticket's QR opens on a phone; none on tickets from before migration 0011
    Column("token", String(24)),
    # The database itself refuses a second ticket with the same day sequence.
    UniqueConstraint("site_id", "service_day", "prefix", "seq"),
    Index(None, "site_id", "state"),
    Index(None, "site_id", "service_day", "state", "completed_at"),
    Index(None, "token", unique=True),
)

events = Table(
    "events",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("site_id", String(40), nullable=False),
    Column("service_day", Date, nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("type", String(32), nullable=False),
    Column("ticket_id", String(32)),
    Column("number", String(8)),
    Column("service", String(40)),
    Column("counter", String(16)),
    Column("staff", String(40)),
    Column("data", JSON, nullable=False),
    Index(None, "site_id", "service_day"),
    Index(None, "ticket_id"),
    # SQLite would otherwise reuse the ids of purged rows, and ids are the
    # published state's seq, which must never go back.
    sqlite_autoincrement=True,
)

# Replies to the requests already applied, so that a retried request (same
# client, same id) gets the same answer and changes nothing, also after a
# restart. Written in the same transaction as the change it answers.
requests = Table(
    "requests",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("client_id", String(64), nullable=False),
    Column("request_id", String(64), nullable=False),
    Column("op", String(40), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("reply", JSON, nullable=False),
    PrimaryKeyConstraint("site_id", "client_id", "request_id"),
    Index(None, "at"),
)

# Staff are known by a code (not a name: PDPA) and a PIN kept only as a salted
# argon2 hash.
staff = Table(
    "staff",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("code", String(40), nullable=False),
    Column("pin_hash", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    # what the console lets them do: clerk, supervisor or admin (domain.staff.StaffRole)
    Column("role", String(16), nullable=False, server_default="clerk"),
    PrimaryKeyConstraint("site_id", "code"),
)

# Which staff member is signed in on which counter terminal (by MQTT client id).
staff_sessions = Table(
    "staff_sessions",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("client_id", String(64), nullable=False),
    Column("staff", String(40), nullable=False),
    Column("since", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("site_id", "client_id"),
)

# Refused sign-ins, so a restart does not forgive them. ``staff`` is the code
# tried, or "" for the terminal as a whole (its own count and lock).
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("client_id", String(64), nullable=False),
    Column("staff", String(40), nullable=False),
    Column("failures", Integer, nullable=False),
    Column("locks", Integer, nullable=False),
    Column("locked_until", UtcDateTime(), nullable=True),
    PrimaryKeyConstraint("site_id", "client_id", "staff"),
)

# One row per rating: anonymous, linked to the ticket, service, counter and
# staff code only. The comment is scrubbed of numbers that could identify a person.
ratings = Table(
    "ratings",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("site_id", String(40), nullable=False),
    Column("ticket_id", String(32), nullable=False),
    Column("service_day", Date, nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("service", String(40), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("counter", String(16)),
    Column("staff", String(40)),
    Column("scores", JSON, nullable=False),
    Column("comment", String(500)),
    # sex, age band, occupation as the citizen chose to give them (each may be missing)
    Column("profile", JSON),
    UniqueConstraint("site_id", "ticket_id"),
    Index(None, "site_id", "service_day"),
)

# What the reports need of ratings once the rows are purged: how many answers
# gave each score, per day, service, counter and section (exact means and SDs
# follow from these counts).
rating_counts = Table(
    "rating_counts",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("service_day", Date, nullable=False),
    Column("service", String(40), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("counter", String(16), nullable=False),
    Column("section", String(40), nullable=False),
    Column("score", Integer, nullable=False),
    Column("answers", Integer, nullable=False),
    PrimaryKeyConstraint(
        "site_id", "service_day", "service", "kind", "counter", "section", "score"
    ),
)

# The daily operations report of a purged day, as it was computed from its events.
daily_summaries = Table(
    "daily_summaries",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("service_day", Date, nullable=False),
    Column("summary", JSON, nullable=False),
    PrimaryKeyConstraint("site_id", "service_day"),
)

# What became of each completed ticket (recorded once, by the counter that served it).
ticket_outcomes = Table(
    "ticket_outcomes",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("ticket_id", String(32), nullable=False),
    Column("service_day", Date, nullable=False),
    Column("number", String(8), nullable=False),
    Column("service", String(40), nullable=False),
    Column("outcome", String(24), nullable=False),
    Column("counter", String(16)),
    Column("staff", String(40), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("case_ref", String(20)),
    PrimaryKeyConstraint("site_id", "ticket_id"),
    Index(None, "site_id", "service_day"),
)

# Forwarded cases, followed until the citizen is informed. ``contact`` is a phone
# number left with the citizen's consent, emptied when the case is over.
cases = Table(
    "cases",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("reference", String(20), nullable=False),
    Column("ticket_id", String(32), nullable=False),
    Column("number", String(8), nullable=False),
    Column("service", String(40), nullable=False),
    Column("agency", String(200), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("sent_on", Date, nullable=False),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("standard_days", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("agency_ref", String(40)),
    Column("contact", String(16)),
    Column("updated_at", UtcDateTime()),
    Column("answered_at", UtcDateTime()),
    Column("token", String(24)),  # its ticket's (migration 0011)
    PrimaryKeyConstraint("site_id", "reference"),
    UniqueConstraint("site_id", "ticket_id"),
    Index(None, "site_id", "status"),
)

# Who moved a case to which status, when (the case's history).
case_updates = Table(
    "case_updates",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("site_id", String(40), nullable=False),
    Column("reference", String(20), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("staff", String(40), nullable=False),
    Column("status", String(16), nullable=False),
    Index(None, "site_id", "reference"),
)

# The last reference given per mark (ส cases, ร complaints) and Buddhist-era year.
reference_sequences = Table(
    "reference_sequences",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("mark", String(4), nullable=False),
    Column("year", Integer, nullable=False),
    Column("last", Integer, nullable=False),
    PrimaryKeyConstraint("site_id", "mark", "year"),
)

# Complaints and suggestions, kept until closed; ``contact`` only with consent, emptied
# at close; ``text`` and ``answer`` scrubbed of phone and ID numbers.
complaints = Table(
    "complaints",
    metadata,
    Column("site_id", String(40), nullable=False),
    Column("reference", String(20), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("category", String(16), nullable=False),
    Column("text", String(1000), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("service_day", Date, nullable=False),
    Column("source", String(64), nullable=False),
    Column("number", String(8)),
    Column("contact", String(16)),
    Column("status", String(16), nullable=False),
    Column("answer", String(1000)),
    Column("updated_at", UtcDateTime()),
    Column("closed_at", UtcDateTime()),
    PrimaryKeyConstraint("site_id", "reference"),
    Index(None, "site_id", "status"),
    Index(None, "site_id", "service_day"),
)

complaint_updates = Table(
    "complaint_updates",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("site_id", String(40), nullable=False),
    Column("reference", String(20), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("staff", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Index(None, "site_id", "reference"),
)

# Every change made in the console: who, when, what, and the record before and
# after (staff codes only; never a contact or a PIN).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("site_id", String(40), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("staff", String(40), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", String(120), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Index(None, "site_id", "at"),
)
