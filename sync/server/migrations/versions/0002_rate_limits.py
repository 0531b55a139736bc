"""The rate limiter's state (sync/server/ratelimit.py): enrollment codes, console logins.

Revision ID: s0002
Revises: s0001
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None

_ts = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(120), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", _ts, nullable=False),
        sa.Column("blocked_until", _ts, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("rate_limits")
