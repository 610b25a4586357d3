"""Ratings, and the aggregates reports keep after a purge.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "daily_summaries",
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("site_id", "service_day", name=op.f("pk_daily_summaries")),
    )
    op.create_table(
        "rating_counts",
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("counter", sa.String(length=16), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "site_id",
            "service_day",
            "service",
            "counter",
            "section",
            "score",
            name=op.f("pk_rating_counts"),
        ),
    )
    op.create_table(
        "ratings",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("site_id", sa.String(length=40), nullable=False),
        sa.Column("ticket_id", sa.String(length=32), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("counter", sa.String(length=16), nullable=True),
        sa.Column("staff", sa.String(length=40), nullable=True),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("comment", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
        sa.UniqueConstraint("site_id", "ticket_id", name=op.f("uq_ratings_site_id_ticket_id")),
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ratings_site_id_service_day"), ["site_id", "service_day"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ratings_site_id_service_day"))

    op.drop_table("ratings")
    op.drop_table("rating_counts")
    op.drop_table("daily_summaries")
