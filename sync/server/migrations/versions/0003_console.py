"""The coordinator console: users, their locations, sessions, the audit log.

Revision ID: s0003
Revises: s0002
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None

_ts = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "console_users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(120), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("all_locations", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _ts, nullable=False),
    )
    op.create_table(
        "console_user_locations",
        sa.Column("user_id", sa.String(36), sa.ForeignKey("console_users.id"), primary_key=True),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), primary_key=True),
    )
    op.create_table(
        "console_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("console_users.id"), nullable=False, index=True),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", _ts, nullable=False),
        sa.Column("last_seen_at", _ts, nullable=False),
        sa.Column("expires_at", _ts, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("at", _ts, nullable=False, index=True),
        sa.Column("user_id", sa.String(36), nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in ("audit_log", "console_sessions", "console_user_locations", "console_users"):
        op.drop_table(table)
