"""Re-check every stored record with the protocol's models; move the failures into quarantine.

Revision ID: s0005
Revises: s0004
Create Date: 2026-11-29

Records stored before the server validated and normalised each item could break every report (a
missing field, a Unix timestamp, year 9999). This uses the server's current checks
(sync/server/quarantine.py), so that what stays in `records` is exactly what ingest accepts today.
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "s0005"
down_revision = "s0004"
branch_labels = None
depends_on = None

_ts = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "quarantined_records",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("received_at", _ts, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("quarantined_at", _ts, nullable=False),
    )
    from sync.server.quarantine import recheck_stored  # the application's rules, as they are now

    recheck_stored(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    op.drop_table("quarantined_records")
