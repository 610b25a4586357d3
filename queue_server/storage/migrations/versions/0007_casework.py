"""The centre's casework: outcomes of completed tickets, forwarded cases, complaints.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ticket_outcomes",
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("ticket_id", sa.String(length=32), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("number", sa.String(length=8), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("counter", sa.String(length=16), nullable=True),
        sa.Column("staff", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("case_ref", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("site_id", "ticket_id", name=op.f("pk_ticket_outcomes")),
    )
    op.create_index(
        op.f("ix_ticket_outcomes_site_id_service_day"),
        "ticket_outcomes",
        ["site_id", "service_day"],
    )
    op.create_table(
        "cases",
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("ticket_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.String(length=8), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("standard_days", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("agency_ref", sa.String(length=40), nullable=True),
        sa.Column("contact", sa.String(length=16), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("site_id", "reference", name=op.f("pk_cases")),
        sa.UniqueConstraint("site_id", "ticket_id", name=op.f("uq_cases_site_id_ticket_id")),
    )
    op.create_index(op.f("ix_cases_site_id_status"), "cases", ["site_id", "status"])
    op.create_table(
        "case_updates",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("staff", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_updates")),
    )
    op.create_index(
        op.f("ix_case_updates_site_id_reference"), "case_updates", ["site_id", "reference"]
    )
    op.create_table(
        "reference_sequences",
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("mark", sa.String(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("site_id", "mark", "year", name=op.f("pk_reference_sequences")),
    )
    op.create_table(
        "complaints",
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=8), nullable=True),
        sa.Column("contact", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answer", sa.String(length=1000), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("site_id", "reference", name=op.f("pk_complaints")),
    )
    op.create_index(op.f("ix_complaints_site_id_status"), "complaints", ["site_id", "status"])
    op.create_index(
        op.f("ix_complaints_site_id_service_day"), "complaints", ["site_id", "service_day"]
    )
    op.create_table(
        "complaint_updates",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("staff", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_updates")),
    )
    op.create_index(
        op.f("ix_complaint_updates_site_id_reference"),
        "complaint_updates",
        ["site_id", "reference"],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_complaint_updates_site_id_reference"), table_name="complaint_updates")
    op.drop_table("complaint_updates")
    op.drop_index(op.f("ix_complaints_site_id_service_day"), table_name="complaints")
    op.drop_index(op.f("ix_complaints_site_id_status"), table_name="complaints")
    op.drop_table("complaints")
    op.drop_table("reference_sequences")
    op.drop_index(op.f("ix_case_updates_site_id_reference"), table_name="case_updates")
    op.drop_table("case_updates")
    op.drop_index(op.f("ix_cases_site_id_status"), table_name="cases")
    op.drop_table("cases")
    op.drop_index(op.f("ix_ticket_outcomes_site_id_service_day"), table_name="ticket_outcomes")
    op.drop_table("ticket_outcomes")
