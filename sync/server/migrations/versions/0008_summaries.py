"""Summary tables: help_request_heads (one row per help request, its latest version), summary_months
(a past month's figures) with summary_changes (what made one stale), summary_people (the
distinct people of whole past months), and the indexes the console
needs at a million records.

Revision ID: s0008
Revises: s0011
Create Date: 2026-11-30

The table is filled from the records already stored, with the application's chain rule
(sync/server/summaries.py: ids scoped per device, as s0012 keys `records`); from then on ingest
keeps it in the same transaction.
"""
import sqlalchemy as sa
from alembic import op

revision = "s0008"
down_revision = "s0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "help_request_heads",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("location_id", sa.String(36), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("helper_id", sa.String(36), nullable=False),
        sa.Column("outcome", sa.String(24), nullable=False),
        sa.Column("channel", sa.String(24), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("visitor_code", sa.String(64), nullable=True),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.Column("corrected", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_help_request_heads_occurred_at", "help_request_heads", ["occurred_at", "id", "device_id"])
    op.create_index("ix_help_request_heads_location", "help_request_heads",
                    ["location_id", "occurred_at", "id", "device_id"], postgresql_include=["status", "visitor_code"])
    op.create_index("ix_help_request_heads_helper", "help_request_heads", ["helper_id", "occurred_at"])
    counted_with_code = sa.text("status <> 'cancelled' AND visitor_code IS NOT NULL")
    op.create_index("ix_help_request_heads_people", "help_request_heads", ["occurred_at", "visitor_code"],
                    postgresql_where=counted_with_code, sqlite_where=counted_with_code)
    op.create_index("ix_help_request_heads_visitor", "help_request_heads", ["visitor_code", "occurred_at"],
                    postgresql_where=counted_with_code, sqlite_where=counted_with_code,
                    postgresql_include=["location_id"])
    op.create_index("ix_records_supersedes", "records", ["supersedes"])
    op.create_table(
        "summary_months",
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("figures", sa.Text(), nullable=False),
    )
    op.create_table(
        "summary_people",
        sa.Column("key", sa.String(120), primary_key=True),
        sa.Column("versions", sa.String(64), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
    )
    op.create_table(
        "summary_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("month", sa.String(7), nullable=False, index=True),
    )
    from sync.server.summaries import rebuild  # the application's chain rule, as it is now

    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_table("summary_changes")
    op.drop_table("summary_people")
    op.drop_table("summary_months")
    op.drop_index("ix_records_supersedes", "records")
    op.drop_table("help_request_heads")
