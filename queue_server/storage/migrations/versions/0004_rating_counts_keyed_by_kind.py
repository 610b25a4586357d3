"""Rating counts keyed by the service's kind too.

A catalog edited while the centre is open can change a service's kind
mid-day; that day's ratings then carry two kinds, and the counts a purge
(or `oss-queue sync`) keeps had no row for the second.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = ["site_id", "service_day", "service", "counter", "section", "score"]


def _key(columns: list[str]) -> None:
    with op.batch_alter_table("rating_counts", recreate="auto") as batch_op:
        batch_op.drop_constraint("pk_rating_counts", type_="primary")
        batch_op.create_primary_key("pk_rating_counts", columns)


def upgrade() -> None:
    _key([*KEY[:3], "kind", *KEY[3:]])


def downgrade() -> None:
    _key(KEY)
