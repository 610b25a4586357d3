"""The centre's name beside its site id.

A province's central database holds many centres' rows; its report names
each centre, which `oss-queue sync` now writes here.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sites") as batch_op:
        batch_op.add_column(sa.Column("centre_th", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("centre_en", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sites") as batch_op:
        batch_op.drop_column("centre_en")
        batch_op.drop_column("centre_th")
