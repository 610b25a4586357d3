"""Initial tables: sites, counters, number sequences, tickets and the event log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("staff", sa.String(length=40), nullable=True),
        sa.Column("current_ticket", sa.String(length=32), nullable=True),
        sa.Column("pause_reason", sa.String(length=16), nullable=True),
        sa.Column("priority_streak", sa.Integer(), nullable=False),
        sa.Column("status_day", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("site_id", "id", name=op.f("pk_counters")),
    )
    op.create_table(
        "events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("ticket_id", sa.String(length=32), nullable=True),
        sa.Column("number", sa.String(length=8), nullable=True),
        sa.Column("service", sa.String(length=40), nullable=True),
        sa.Column("counter", sa.String(length=16), nullable=True),
        sa.Column("staff", sa.String(length=40), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sqlite_autoincrement=True,  # ids never reused: they are the state's seq
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_events_site_id_service_day"), ["site_id", "service_day"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_events_ticket_id"), ["ticket_id"], unique=False)

    op.create_table(
        "number_sequences",
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("prefix", sa.String(length=4), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "site_id", "service_day", "prefix", name=op.f("pk_number_sequences")
        ),
    )
    op.create_table(
        "sites",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("prefix", sa.String(length=4), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=8), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("lang", sa.String(length=4), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("counter", sa.String(length=16), nullable=True),
        sa.Column("staff", sa.String(length=40), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("queue_since", sa.DateTime(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("served_at", sa.DateTime(), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("recalls", sa.Integer(), nullable=False),
        sa.Column("transfers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint(
            "site_id",
            "service_day",
            "prefix",
            "seq",
            name=op.f("uq_tickets_site_id_service_day_prefix_seq"),
        ),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tickets_site_id_service_day_state_completed_at"),
            ["site_id", "service_day", "state", "completed_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_tickets_site_id_state"), ["site_id", "state"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tickets_site_id_state"))
        batch_op.drop_index(batch_op.f("ix_tickets_site_id_service_day_state_completed_at"))

    op.drop_table("tickets")
    op.drop_table("sites")
    op.drop_table("number_sequences")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_events_site_id_service_day"))

    op.drop_table("events")
    op.drop_table("counters")
