"""Records and their sync queue: shifts, help requests (versioned), outbox, local help calls.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shifts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("helper_id", sa.String(36), sa.ForeignKey("helpers.id"), nullable=False),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), nullable=False),
        sa.Column("stop_name", sa.String(120), nullable=True),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("ended_at", sa.String(32), nullable=True),
        sa.Column("auto_closed", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "help_requests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("supersedes", sa.String(36), sa.ForeignKey("help_requests.id"), nullable=True, unique=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("helper_id", sa.String(36), sa.ForeignKey("helpers.id"), nullable=False),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), nullable=False),
        sa.Column("shift_id", sa.String(36), sa.ForeignKey("shifts.id"), nullable=True),
        sa.Column("stop_name", sa.String(120), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("referrals", sa.JSON(), nullable=False),
        sa.Column("first_visit", sa.String(8), nullable=False),
        sa.Column("target_groups", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(280), nullable=True),
        sa.Column("visitor_code", sa.String(64), nullable=True),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("sent_at", sa.String(32), nullable=True),
    )
    op.create_index("ix_outbox_state", "outbox", ["state"])
    op.create_table(
        "help_calls",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("walkthrough_id", sa.String(40), nullable=True),
        sa.Column("step_index", sa.Integer(), nullable=True),
        sa.Column("taken_by", sa.String(36), sa.ForeignKey("helpers.id"), nullable=True),
        sa.Column("taken_at", sa.String(32), nullable=True),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_state", "outbox")
    for table in ("help_calls", "outbox", "help_requests", "shifts"):
        op.drop_table(table)
