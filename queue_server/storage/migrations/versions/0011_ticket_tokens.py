"""Each ticket's token: what its QR opens on a citizen's phone (domain.follow); a
forwarded case keeps its ticket's, for the slip's QR.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.add_column(sa.Column("token", sa.String(24), nullable=True))
        batch_op.create_index("ix_tickets_token", ["token"], unique=True)
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(sa.Column("token", sa.String(24), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("token")
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.drop_index("ix_tickets_token")
        batch_op.drop_column("token")
